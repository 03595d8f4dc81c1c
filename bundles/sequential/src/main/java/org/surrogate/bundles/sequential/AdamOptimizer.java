package org.surrogate.bundles.sequential;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma and Ba 2015) with beta1 0.9, beta2 0.999, epsilon 1e-8, after clipping the gradient
 * to a global L2 norm of at most {@value #MAX_NORM} (recurrent networks occasionally take huge
 * steps otherwise). Updates the parameter arrays in place; dense (every row of an embedding decays
 * its moments each step).
 */
final class AdamOptimizer {

    /** The largest global gradient norm applied; larger gradients are scaled down to it. */
    static final double MAX_NORM = 5.0;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double learningRate;
    private final Map<String, INDArray> first = new HashMap<>();
    private final Map<String, INDArray> second = new HashMap<>();
    private long step;

    /**
     * An optimizer with no history.
     *
     * @param learningRate the step size
     */
    AdamOptimizer(double learningRate) {
        this.learningRate = learningRate;
    }

    /**
     * Applies one step.
     *
     * @param params    the parameters, updated in place
     * @param gradients the gradient of each parameter (changed: scaled when clipped)
     * @return the global gradient norm before clipping
     */
    double step(Map<String, INDArray> params, Map<String, INDArray> gradients) {
        double squares = 0;
        for (String name : params.keySet()) {
            double norm = gradients.get(name).norm2Number().doubleValue();
            squares += norm * norm;
        }
        double norm = Math.sqrt(squares);
        double scale = norm > MAX_NORM ? MAX_NORM / norm : 1.0;
        step++;
        double correction1 = 1 - Math.pow(BETA1, step);
        double correction2 = 1 - Math.pow(BETA2, step);
        double rate = learningRate * Math.sqrt(correction2) / correction1;
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            INDArray g = gradients.get(e.getKey());
            if (scale != 1.0) {
                g.muli(scale);
            }
            INDArray m = first.computeIfAbsent(e.getKey(), k -> org.nd4j.linalg.factory.Nd4j.zerosLike(g));
            INDArray v = second.computeIfAbsent(e.getKey(), k -> org.nd4j.linalg.factory.Nd4j.zerosLike(g));
            // Temporaries closed at once (same operations as before): a step's native garbage no longer
            // waits for the collector.
            try (INDArray scaled = g.mul(1 - BETA1)) {
                m.muli(BETA1).addi(scaled);
            }
            try (INDArray squared = g.mul(g)) {
                v.muli(BETA2).addi(squared.muli(1 - BETA2));
            }
            try (INDArray denominator = Transforms.sqrt(v, true).addi(EPSILON); INDArray ratio = m.div(denominator)) {
                e.getValue().subi(ratio.muli(rate));
            }
        }
        return norm;
    }
}
