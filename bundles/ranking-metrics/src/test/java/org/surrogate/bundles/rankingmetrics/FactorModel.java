package org.surrogate.bundles.rankingmetrics;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.surrogate.api.recommender.Model;

/**
 * A matrix-factorisation model for the benchmark: score(u, i) = p_u . q_i, with seeded Gaussian
 * factors. A batch is scored with one ND4J matrix product (batch x f) * (items x f)^T into a 'c'-ordered
 * result, copied into the caller's array.
 */
final class FactorModel implements Model {

    private final int numItems;
    private final int factors;
    private final float[] userFactors;
    private final INDArray itemFactors;

    /**
     * Draws the factors, N(0, 1/f) each, from one seeded generator.
     *
     * @param users   number of users
     * @param items   number of items
     * @param factors latent dimension
     * @param seed    the seed
     */
    FactorModel(int users, int items, int factors, long seed) {
        Random rng = new Random(seed);
        double sd = 1 / Math.sqrt(factors);
        this.numItems = items;
        this.factors = factors;
        this.userFactors = new float[users * factors];
        for (int k = 0; k < userFactors.length; k++) {
            userFactors[k] = (float) (rng.nextGaussian() * sd);
        }
        float[] q = new float[items * factors];
        for (int k = 0; k < q.length; k++) {
            q[k] = (float) (rng.nextGaussian() * sd);
        }
        this.itemFactors = Nd4j.create(q, new long[] {items, factors}, 'c');
    }

    @Override
    public int numItems() {
        return numItems;
    }

    @Override
    public void score(int[] users, float[] out) {
        int b = users.length;
        float[] p = new float[b * factors];
        for (int k = 0; k < b; k++) {
            System.arraycopy(userFactors, users[k] * factors, p, k * factors, factors);
        }
        // Close the off-heap arrays at once: a batch result is hundreds of MB, too much to leave to GC.
        // The result need not be zeroed: gemm with beta = 0 writes every entry.
        try (INDArray batch = Nd4j.create(p, new long[] {b, factors}, 'c');
             INDArray scores = Nd4j.createUninitialized(DataType.FLOAT, new long[] {b, numItems}, 'c')) {
            Nd4j.gemm(batch, itemFactors, scores, false, true, 1.0, 0.0);
            scores.data().asNioFloat().get(out, 0, b * numItems);
        }
    }
}
