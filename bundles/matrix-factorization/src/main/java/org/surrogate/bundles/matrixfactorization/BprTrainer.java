package org.surrogate.bundles.matrixfactorization;

import java.util.Arrays;
import java.util.Random;
import org.surrogate.api.data.Dataset;

/**
 * The SGD epochs of BPR-MF on row-major float factor matrices. A sample is an observed pair
 * (u, i) drawn uniformly from the training interactions and an item j drawn uniformly among the
 * items u has not interacted with; the step ascends {@code ln sigmoid(x_u . (y_i - y_j))} minus the
 * L2 penalty. With several threads each draws its own disjoint share of the samples from its own
 * stream and updates the shared factors without locks (Hogwild).
 */
final class BprTrainer {

    /** Draws of a negative item before a sample is skipped (for users who have almost every item). */
    static final int NEGATIVE_TRIES = 100;

    private final Dataset train;
    private final int factors;
    private final float learningRate;
    private final float regularization;
    private final int[] userOf;
    private final int[] sortedItems;
    final float[] x;
    final float[] y;

    /**
     * Prepares the sampler.
     *
     * @param train          the data
     * @param factors        the number of factors
     * @param learningRate   the SGD step
     * @param regularization the L2 weight
     * @param x              initial user factors, updated in place
     * @param y              initial item factors, updated in place
     */
    BprTrainer(Dataset train, int factors, double learningRate, double regularization, float[] x, float[] y) {
        this.train = train;
        this.factors = factors;
        this.learningRate = (float) learningRate;
        this.regularization = (float) regularization;
        this.x = x;
        this.y = y;
        this.userOf = new int[train.size()];
        this.sortedItems = new int[train.size()];
        for (int u = 0; u < train.numUsers(); u++) {
            for (int k = train.begin(u); k < train.end(u); k++) {
                userOf[k] = u;
                sortedItems[k] = train.item(k);
            }
            Arrays.sort(sortedItems, train.begin(u), train.end(u));
        }
    }

    /**
     * Runs {@code samples} SGD steps.
     *
     * @param rng     the generator of this share of the epoch
     * @param samples the number of steps
     * @return {sum of the BPR losses -ln sigmoid(x_uij) before each step, number of steps taken}
     */
    double[] run(Random rng, long samples) {
        int f = factors;
        int n = train.numItems();
        float[] xu = new float[f];
        double loss = 0;
        long taken = 0;
        for (long s = 0; s < samples; s++) {
            int k = rng.nextInt(userOf.length);
            int u = userOf[k];
            int i = train.item(k);
            int j = negative(rng, u, n);
            if (j < 0) {
                continue;
            }
            int ub = u * f;
            int ib = i * f;
            int jb = j * f;
            float diff = 0;
            for (int a = 0; a < f; a++) {
                xu[a] = x[ub + a];
                diff += xu[a] * (y[ib + a] - y[jb + a]);
            }
            // ln(1 + e^-d) without overflow for large |d|
            loss += diff > 0 ? Math.log1p(Math.exp(-diff)) : -diff + Math.log1p(Math.exp(diff));
            float g = (float) (1 / (1 + Math.exp(diff)));
            for (int a = 0; a < f; a++) {
                float yi = y[ib + a];
                float yj = y[jb + a];
                x[ub + a] += learningRate * (g * (yi - yj) - regularization * xu[a]);
                y[ib + a] += learningRate * (g * xu[a] - regularization * yi);
                y[jb + a] += learningRate * (-g * xu[a] - regularization * yj);
            }
            taken++;
        }
        return new double[] {loss, taken};
    }

    /** A uniform item the user has not interacted with, or -1 after {@value #NEGATIVE_TRIES} draws. */
    private int negative(Random rng, int u, int n) {
        for (int t = 0; t < NEGATIVE_TRIES; t++) {
            int j = rng.nextInt(n);
            if (Arrays.binarySearch(sortedItems, train.begin(u), train.end(u), j) < 0) {
                return j;
            }
        }
        return -1;
    }
}
