package org.surrogate.bundles.autoencoders;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains one input projection of {@link AutoencoderGraph} from sparse input rows: the product of
 * the rows with the weights (forward), the weight gradient from the gradient of that product
 * (backward), and the Adam update of the weights, all on a Java copy of the weights that is written
 * back to the projection's ND4J array when training ends ({@link #publish()}).
 *
 * <p>With {@code nnz} non-zero entries in a batch and width {@code d}, forward and backward each cost
 * {@code nnz * d} multiply-adds in plain Java (single-threaded, so sums are always taken in the same
 * order), where the dense products cost {@code batch * items * d} each. On MovieLens-100K positives
 * (about 60 of 1,682 items a user, half of them dropped out) that is about 2 % of the dense cost.
 *
 * <p>Adam is ND4J's (and the authors' TensorFlow) formulation with moments 0.9 and 0.999 and epsilon
 * 1e-8: {@code w -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)} at step {@code t} from 1,
 * applied to every weight at every step (moments decay also where the gradient is 0), so the graph's
 * variables and the input layer follow the same rule. It runs in Java to spare two copies of the
 * weights between the Java heap and ND4J per step.
 */
final class SparseProjection {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final AutoencoderGraph.InputProjection projection;
    private final int width;
    private final double learningRate;
    private final double l2;
    private final float[] weights;
    private final float[] gradient;
    private final float[] m;
    private final float[] v;
    private final Parallel parallel;
    /** Scratch: the product, then the gradient of the product, batch.rows x width. */
    private float[] out = new float[0];

    /**
     * Prepares the training of a projection.
     *
     * @param projection   the projection; its weights are read now and written by {@link #publish()}
     * @param learningRate Adam's step size
     * @param l2           the weight of the squared weights in the loss
     */
    SparseProjection(AutoencoderGraph.InputProjection projection, double learningRate, double l2) {
        this(projection, learningRate, l2, new Parallel(1));
    }

    /**
     * Prepares the training of a projection whose loops run on several threads (rows of the product,
     * columns of the weight gradient, ranges of Adam's weights: the same arithmetic whatever the count).
     *
     * @param projection   the projection; its weights are read now and written by {@link #publish()}
     * @param learningRate Adam's step size
     * @param l2           the weight of the squared weights in the loss
     * @param parallel     the threads
     */
    SparseProjection(AutoencoderGraph.InputProjection projection, double learningRate, double l2, Parallel parallel) {
        this.parallel = parallel;
        this.projection = projection;
        this.width = projection.width();
        this.learningRate = learningRate;
        this.l2 = l2;
        INDArray w = projection.weights();
        this.weights = (w.ordering() == 'c' && !w.isView() ? w : w.dup('c')).data().asFloat();
        this.gradient = new float[weights.length];
        this.m = new float[weights.length];
        this.v = new float[weights.length];
    }

    /**
     * The placeholder this projection feeds.
     *
     * @return its name
     */
    String placeholder() {
        return projection.placeholder();
    }

    /**
     * The product of the batch's rows with the weights.
     *
     * @param batch the sparse rows
     * @return batch.rows x width, as an ND4J matrix
     */
    INDArray forward(InteractionRows.SparseBatch batch) {
        float[] p = product(batch);
        int n = batch.rows * width;
        return Nd4j.create(p.length == n ? p : Arrays.copyOf(p, n), new long[] {batch.rows, width}, 'c');
    }

    /**
     * The product of the batch's rows with the weights, written into an array.
     *
     * @param batch the sparse rows
     * @param out   batch.rows x width, c order, not a view: overwritten
     */
    void forward(InteractionRows.SparseBatch batch, INDArray out) {
        out.data().asNioFloat().put(product(batch), 0, batch.rows * width);
    }

    private float[] product(InteractionRows.SparseBatch batch) {
        if (out.length < batch.rows * width) {
            out = new float[batch.rows * width];
        }
        float[] out = this.out;
        float[] weights = this.weights;
        parallel.run(batch.rows, (r0, r1) -> {
            Arrays.fill(out, r0 * width, r1 * width, 0f);
            for (int r = r0; r < r1; r++) {
                int o = r * width;
                for (int p = batch.start[r]; p < batch.start[r + 1]; p++) {
                    float x = batch.values[p];
                    int w = batch.items[p] * width;
                    for (int j = 0; j < width; j++) {
                        out[o + j] += x * weights[w + j];
                    }
                }
            }
        });
        return out;
    }

    /**
     * The L2 penalty of the weights, {@code l2 * sum w^2}, for the reported loss.
     *
     * @return the penalty, 0 when l2 is 0
     */
    double penalty() {
        if (l2 == 0) {
            return 0;
        }
        double sum = 0;
        for (float w : weights) {
            sum += (double) w * w;
        }
        return l2 * sum;
    }

    /**
     * Forms the weight gradient from the gradient of the product and applies Adam to the weights.
     *
     * @param batch     the sparse rows of the step
     * @param dProduct  the loss gradient of the product, batch.rows x width
     * @param iteration the number of updates before this one
     */
    void update(InteractionRows.SparseBatch batch, INDArray dProduct, long iteration) {
        INDArray g = dProduct.ordering() == 'c' && !dProduct.isView() ? dProduct : dProduct.dup('c');
        if (out.length < batch.rows * width) {
            out = new float[batch.rows * width];
        }
        float[] d = out;
        g.data().asNioFloat().get(d, 0, batch.rows * width);
        float[] gradient = this.gradient;
        float[] weights = this.weights;
        float[] m = this.m;
        float[] v = this.v;
        // by column ranges, each thread over every entry: no two threads write one weight's gradient (the
        // gradient array is all zeros between steps: Adam's loop below clears what it reads)
        parallel.run(width, (j0, j1) -> {
            for (int r = 0; r < batch.rows; r++) {
                int o = r * width;
                for (int p = batch.start[r]; p < batch.start[r + 1]; p++) {
                    float x = batch.values[p];
                    int w = batch.items[p] * width;
                    for (int j = j0; j < j1; j++) {
                        gradient[w + j] += x * d[o + j];
                    }
                }
            }
        });
        long t = iteration + 1;
        float alpha = (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t)));
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        float eps = (float) EPSILON;
        float twiceL2 = (float) (2 * l2);
        parallel.run(weights.length, (k0, k1) -> {
            for (int k = k0; k < k1; k++) {
                float gk = gradient[k] + twiceL2 * weights[k];
                gradient[k] = 0;
                float mk = b1 * m[k] + (1 - b1) * gk;
                float vk = b2 * v[k] + (1 - b2) * gk * gk;
                m[k] = mk;
                v[k] = vk;
                weights[k] -= alpha * mk / ((float) Math.sqrt(vk) + eps);
            }
        });
    }

    /** Writes the trained weights into the projection's ND4J array. */
    void publish() {
        projection.weights().assign(Nd4j.create(weights, projection.weights().shape(), 'c'));
    }
}
