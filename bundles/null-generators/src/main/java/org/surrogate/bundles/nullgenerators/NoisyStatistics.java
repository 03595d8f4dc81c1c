package org.surrogate.bundles.nullgenerators;

import java.util.SplittableRandom;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.run.RunContext;

/**
 * The one private release of {@code dp-latent}: each user's distinct items bounded to m (a uniform random
 * subset of those who have more), then
 * <ul>
 * <li>the item Gram matrix {@code G = X^T X} (co-occurrence counts; the diagonal is the item popularity)
 *     with independent {@code N(0, sigmaGram^2)} noise on each entry of its upper triangle and diagonal,
 *     mirrored below;</li>
 * <li>the histogram of user activity in log2 bins {@code [1] [2, 3] [4, 7] ... [2^b, min(2^(b+1) - 1, m')]}
 *     ({@code m' = min(m, items)}) with {@code N(0, sigmaHistogram^2)} noise per bin.</li>
 * </ul>
 * Users without interactions are left out of both (adding or removing one changes nothing). See
 * {@link DpLatentSettings#sigmas()} for the calibration. Everything downstream is post-processing.
 *
 * @param numItems  the number of items n
 * @param gram      the noisy Gram matrix, n x n row-major, symmetric
 * @param histogram the noisy activity counts per bin
 * @param maxDegree the largest degree m'
 */
record NoisyStatistics(int numItems, float[] gram, double[] histogram, int maxDegree) {

    /**
     * Measures a reference and adds the noise.
     *
     * @param reference the real dataset
     * @param s         the settings
     * @param ctx       the run context: streams "dp-latent/clip" and "dp-latent/noise", cancellation
     * @return the noisy statistics
     */
    static NoisyStatistics measure(Dataset reference, DpLatentSettings s, RunContext ctx) {
        int n = reference.numItems();
        int maxDegree = Math.min(s.maxItemsPerUser(), n);
        float[] gram = new float[n * n];
        double[] histogram = new double[bin(maxDegree) + 1];
        int[][] rows = Reference.distinctRows(reference);
        SplittableRandom clip = new SplittableRandom(RunContext.streamSeed(ctx.seed(), "dp-latent/clip"));
        for (int u = 0; u < rows.length; u++) {
            if ((u & 1023) == 0) {
                ctx.checkCancelled();
            }
            int[] row = rows[u];
            int d = row.length;
            if (d == 0) {
                continue;
            }
            if (d > maxDegree) {
                // A uniform subset of m items: the first m of a partial Fisher-Yates shuffle.
                for (int i = 0; i < maxDegree; i++) {
                    int j = i + clip.nextInt(d - i);
                    int t = row[i];
                    row[i] = row[j];
                    row[j] = t;
                }
                d = maxDegree;
            }
            histogram[bin(d)]++;
            for (int a = 0; a < d; a++) {
                int base = row[a] * n;
                for (int b = 0; b < d; b++) {
                    gram[base + row[b]]++;
                }
            }
        }
        double[] sigmas = s.sigmas();
        if (sigmas[0] > 0) {
            SplittableRandom noise = new SplittableRandom(RunContext.streamSeed(ctx.seed(), "dp-latent/noise"));
            for (int i = 0; i < n; i++) {
                ctx.checkCancelled();
                for (int j = i; j < n; j++) {
                    float v = (float) (gram[i * n + j] + sigmas[0] * noise.nextGaussian());
                    gram[i * n + j] = v;
                    gram[j * n + i] = v;
                }
            }
            for (int b = 0; b < histogram.length; b++) {
                histogram[b] += sigmas[1] * noise.nextGaussian();
            }
        }
        return new NoisyStatistics(n, gram, histogram, maxDegree);
    }

    /**
     * The log2 bin of a degree.
     *
     * @param degree at least 1
     * @return {@code floor(log2(degree))}
     */
    static int bin(int degree) {
        return 31 - Integer.numberOfLeadingZeros(degree);
    }
}
