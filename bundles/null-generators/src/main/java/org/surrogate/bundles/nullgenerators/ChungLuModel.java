package org.surrogate.bundles.nullgenerators;

import java.util.SplittableRandom;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.generator.GeneratorModel;
import org.surrogate.api.run.RunContext;

/**
 * A fitted Chung-Lu model: user degrees, items in decreasing order of degree, and the total. Immutable.
 */
final class ChungLuModel implements GeneratorModel {

    /** The random stream of sampling. */
    static final String STREAM = "chung-lu";

    private final String name;
    private final int numItems;
    private final int[] userDegrees;
    /** Items sorted by decreasing degree. */
    private final int[] order;
    /** Degrees in that order. */
    private final int[] sortedDegrees;
    private final long edges;
    private final float[] values;
    private final int cappedUsers;
    private final double expectedShortfall;

    private ChungLuModel(String name, int numItems, int[] userDegrees, int[] order, int[] sortedDegrees, long edges,
                         float[] values) {
        this.name = name;
        this.numItems = numItems;
        this.userDegrees = userDegrees;
        this.order = order;
        this.sortedDegrees = sortedDegrees;
        this.edges = edges;
        this.values = values;
        int capped = 0;
        double shortfall = 0;
        for (int d : userDegrees) {
            boolean any = false;
            for (int j = 0; j < sortedDegrees.length && (double) d * sortedDegrees[j] > edges; j++) {
                shortfall += (double) d * sortedDegrees[j] / edges - 1;
                any = true;
            }
            capped += any ? 1 : 0;
        }
        this.cappedUsers = capped;
        this.expectedShortfall = shortfall;
    }

    /**
     * Fits the model.
     *
     * @param name      the name of the sampled datasets
     * @param reference the reference
     * @param values    the value pool, or null for ones
     * @return the model
     */
    static ChungLuModel fit(String name, Dataset reference, float[] values) {
        int[][] rows = Reference.distinctRows(reference);
        int[] userDegrees = new int[rows.length];
        int[] itemDegrees = new int[reference.numItems()];
        long edges = 0;
        for (int u = 0; u < rows.length; u++) {
            userDegrees[u] = rows[u].length;
            edges += rows[u].length;
            for (int i : rows[u]) {
                itemDegrees[i]++;
            }
        }
        // Counting sort of items by decreasing degree, ties by item id: deterministic.
        int max = 0;
        for (int k : itemDegrees) {
            max = Math.max(max, k);
        }
        int[] start = new int[max + 2];
        for (int k : itemDegrees) {
            start[max - k + 1]++;
        }
        for (int b = 1; b < start.length; b++) {
            start[b] += start[b - 1];
        }
        int[] order = new int[itemDegrees.length];
        int[] sorted = new int[itemDegrees.length];
        for (int i = 0; i < itemDegrees.length; i++) {
            int p = start[max - itemDegrees[i]]++;
            order[p] = i;
            sorted[p] = itemDegrees[i];
        }
        return new ChungLuModel(name, reference.numItems(), userDegrees, order, sorted, edges, values);
    }

    /** The number of users with at least one capped pair. */
    int cappedUsers() {
        return cappedUsers;
    }

    /** The expected number of interactions lost to the cap. */
    double expectedShortfall() {
        return expectedShortfall;
    }

    /** The number of distinct pairs of the reference. */
    long edges() {
        return edges;
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
        DatasetBuilder b = Dataset.builder(name, userDegrees.length, numItems);
        int[] chosen = new int[16];
        for (int u = 0; u < userDegrees.length; u++) {
            if ((u & 1023) == 0) {
                ctx.checkCancelled();
                ctx.progress((double) u / userDegrees.length, "sampling user " + u + " of " + userDegrees.length);
            }
            SplittableRandom rng = new SplittableRandom(Reference.mix(seed, u));
            int n = 0;
            double weight = (double) userDegrees[u] / edges;
            int j = 0;
            double p = weight == 0 ? 0 : Math.min(1, weight * sortedDegrees[0]);
            while (j < sortedDegrees.length && p > 0) {
                if (p < 1) {
                    // Skip the items a Bernoulli(p) sequence would reject before its next success.
                    double skip = Math.floor(Math.log(1 - rng.nextDouble()) / Math.log1p(-p));
                    j += (int) Math.min(skip, sortedDegrees.length);
                }
                if (j < sortedDegrees.length) {
                    double q = Math.min(1, weight * sortedDegrees[j]);
                    if (rng.nextDouble() < q / p) {
                        if (n == chosen.length) {
                            chosen = java.util.Arrays.copyOf(chosen, 2 * n);
                        }
                        chosen[n++] = order[j];
                    }
                    p = q;
                    j++;
                }
            }
            Reference.shuffle(chosen, n, rng);
            for (int k = 0; k < n; k++) {
                b.add(u, chosen[k], Reference.value(values, rng));
            }
        }
        ctx.progress(1, "sampled " + userDegrees.length + " users");
        return b.build();
    }
}
