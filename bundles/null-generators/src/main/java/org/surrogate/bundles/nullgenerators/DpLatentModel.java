package org.surrogate.bundles.nullgenerators;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.generator.GeneratorModel;
import org.surrogate.api.recommender.TopK;
import org.surrogate.api.run.RunContext;

/**
 * A fitted {@code dp-latent} generator, built only from the noisy statistics (post-processing).
 *
 * <p>With V (n x k) and lambda the top eigenpairs of the noisy Gram matrix, c the noisy item counts
 * (its diagonal, negatives set to 0) and N the noisy number of users (sum of the noisy histogram), a real
 * user's binary row x has latent coordinates {@code z = V^T x}, whose mean over users is {@code mu = V^T c / N}
 * and whose second moment is {@code diag(lambda) / N}. A synthetic user draws
 * <ol>
 * <li>a degree d from the noisy activity histogram (a bin in proportion to its count, then uniformly within
 *     the bin);</li>
 * <li>{@code z ~ N(mu, C)} with {@code C = diag(lambda) / N - mu mu^T} projected on the positive
 *     semi-definite cone, and the scores {@code r = V z} (a reconstructed row);</li>
 * <li>d distinct items with probability in proportion to {@code w_i = max(r_i, 0) + smoothing * mean_j max(r_j, 0)},
 *     without replacement, by the Gumbel top-d trick ({@code log w_i + Gumbel}), the Plackett-Luce sampling
 *     the known-preference generator's oracle-noisy policy uses.</li>
 * </ol>
 * The Gaussian keeps the first and second moments of the latent coordinates only: a population of users in
 * distinct clusters comes out smoothed (on two clean clusters, about half the synthetic users are as pure as
 * 97% of the real ones). Values are 1, no timestamps, items of a user in random order. Each user draws from its own generator
 * (stream {@value #STREAM} of the sampling context mixed with the user). Immutable.
 */
final class DpLatentModel implements GeneratorModel {

    /** The random stream of sampling. */
    static final String STREAM = "dp-latent/sample";

    private final String name;
    private final int numItems;
    private final int numUsers;
    private final double[][] vectors;
    private final double[] mean;
    private final double[][] factor;
    private final double[] binCumulative;
    private final int maxDegree;
    private final double smoothing;

    /**
     * Builds the model from the noisy statistics.
     *
     * @param name     the name of the sampled datasets
     * @param stats    the noisy statistics
     * @param eigen    the top eigenpairs of the noisy Gram matrix
     * @param numUsers the synthetic users, 0 for the noisy count
     * @param smoothing the uniform floor weight
     */
    DpLatentModel(String name, NoisyStatistics stats, TopEigen eigen, int numUsers, double smoothing) {
        this.name = name;
        this.numItems = stats.numItems();
        this.vectors = eigen.vectors();
        this.maxDegree = stats.maxDegree();
        this.smoothing = smoothing;
        double[] h = stats.histogram();
        this.binCumulative = new double[h.length];
        double total = 0;
        for (int b = 0; b < h.length; b++) {
            total += Math.max(0, h[b]);
            binCumulative[b] = total;
        }
        double users = Math.max(1, total);
        this.numUsers = numUsers > 0 ? numUsers : (int) Math.max(1, Math.round(total));
        int k = vectors.length;
        int n = numItems;
        this.mean = new double[k];
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += vectors[j][i] * Math.max(0, stats.gram()[i * n + i]);
            }
            mean[j] = s / users;
        }
        double[][] cov = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                cov[a][b] = (a == b ? eigen.values()[a] / users : 0) - mean[a] * mean[b];
            }
        }
        this.factor = psdFactor(cov);
    }

    /** L with L L^T the projection of a symmetric matrix on the PSD cone (negative eigenvalues set to 0). */
    private static double[][] psdFactor(double[][] cov) {
        int k = cov.length;
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
        double[][] l = new double[k][k];
        for (int j = 0; j < k; j++) {
            double root = Math.sqrt(Math.max(0, eig.getRealEigenvalue(j)));
            double[] v = eig.getEigenvector(j).toArray();
            for (int a = 0; a < k; a++) {
                l[a][j] = v[a] * root;
            }
        }
        return l;
    }

    /**
     * The number of users each sample has.
     *
     * @return the count
     */
    int numUsers() {
        return numUsers;
    }

    /**
     * Samples a dataset.
     *
     * @param ctx the run context: stream {@value #STREAM}, progress, cancellation
     * @return the dataset
     */
    @Override
    public Dataset sample(RunContext ctx) {
        long seed = RunContext.streamSeed(ctx.seed(), STREAM);
        DatasetBuilder b = Dataset.builder(name, numUsers, numItems);
        int k = vectors.length;
        double[] z = new double[k];
        double[] r = new double[numItems];
        float[] keys = new float[numItems];
        for (int u = 0; u < numUsers; u++) {
            if ((u & 255) == 0) {
                ctx.checkCancelled();
                ctx.progress((double) u / numUsers, "sampling user " + u + " of " + numUsers);
            }
            SplittableRandom rng = new SplittableRandom(Reference.mix(seed, u));
            int d = degree(rng);
            latent(z, rng);
            double sum = 0;
            java.util.Arrays.fill(r, 0);
            for (int j = 0; j < k; j++) {
                double zj = z[j];
                double[] v = vectors[j];
                for (int i = 0; i < numItems; i++) {
                    r[i] += zj * v[i];
                }
            }
            for (int i = 0; i < numItems; i++) {
                r[i] = Math.max(0, r[i]);
                sum += r[i];
            }
            double floor = sum > 0 ? smoothing * sum / numItems : 1;
            for (int i = 0; i < numItems; i++) {
                double w = r[i] + floor;
                keys[i] = w > 0 ? (float) (Math.log(w) + gumbel(rng)) : Float.NEGATIVE_INFINITY;
            }
            int[] items = TopK.select(keys, 0, numItems, d);
            Reference.shuffle(items, items.length, rng);
            for (int item : items) {
                b.add(u, item, 1f);
            }
        }
        ctx.progress(1, "sampled " + numUsers + " users");
        return b.build();
    }

    /** A standard Gumbel number {@code -log(-log(U))}, U uniform in the open interval (0, 1). */
    private static double gumbel(SplittableRandom rng) {
        double u = ((rng.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
        return -Math.log(-Math.log(u));
    }

    private int degree(SplittableRandom rng) {
        double total = binCumulative[binCumulative.length - 1];
        if (total <= 0) {
            return 1;
        }
        double x = rng.nextDouble() * total;
        int bin = 0;
        while (bin < binCumulative.length - 1 && binCumulative[bin] <= x) {
            bin++;
        }
        int lo = 1 << bin;
        int hi = Math.min((lo << 1) - 1, maxDegree);
        return lo + rng.nextInt(hi - lo + 1);
    }

    private void latent(double[] z, SplittableRandom rng) {
        int k = z.length;
        double[] g = new double[k];
        for (int j = 0; j < k; j++) {
            g[j] = rng.nextGaussian();
        }
        for (int a = 0; a < k; a++) {
            double s = mean[a];
            for (int j = 0; j < k; j++) {
                s += factor[a][j] * g[j];
            }
            z[a] = s;
        }
    }
}
