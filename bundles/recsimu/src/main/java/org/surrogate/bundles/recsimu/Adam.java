package org.surrogate.bundles.recsimu;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (beta1 0.9, beta2 0.999, epsilon 1e-8), as the paper uses, on a set of named ND4J arrays,
 * updated in place. Gradients are first scaled to a global L2 norm of at most {@value #CLIP}: the
 * adversarial gradients of a GAN spike now and then, and one huge step ruins a recurrent network.
 */
final class Adam {

    /** The largest global gradient norm applied. */
    static final double CLIP = 5.0;

    private final double rate;
    private final Map<String, INDArray> m = new HashMap<>();
    private final Map<String, INDArray> v = new HashMap<>();
    private int t;

    /**
     * A fresh optimiser.
     *
     * @param rate the learning rate
     */
    Adam(double rate) {
        this.rate = rate;
    }

    /**
     * One step on the parameters that have a gradient.
     *
     * @param params    the parameters by name, updated in place
     * @param gradients the gradients by name; names absent from {@code params} are ignored
     */
    void step(Map<String, INDArray> params, Map<String, INDArray> gradients) {
        double squares = 0;
        for (String name : params.keySet()) {
            INDArray g = gradients.get(name);
            if (g != null) {
                double n = g.norm2Number().doubleValue();
                squares += n * n;
            }
        }
        double norm = Math.sqrt(squares);
        double scale = norm > CLIP ? CLIP / norm : 1;
        t++;
        double step = rate * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            INDArray g = gradients.get(e.getKey());
            if (g == null) {
                continue;
            }
            INDArray grad = scale == 1 ? g : g.mul(scale);
            INDArray first = m.computeIfAbsent(e.getKey(), k -> Nd4j.zerosLike(grad));
            INDArray second = v.computeIfAbsent(e.getKey(), k -> Nd4j.zerosLike(grad));
            first.muli(0.9).addi(grad.mul(0.1));
            second.muli(0.999).addi(grad.mul(grad).muli(0.001));
            e.getValue().subi(first.div(Transforms.sqrt(second, true).addi(1e-8)).muli(step));
        }
    }
}
