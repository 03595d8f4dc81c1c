package org.surrogate.bundles.nullgenerators;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.generator.Generator;
import org.surrogate.api.generator.GeneratorModel;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.run.RunContext;

/**
 * The uniform null model: the reference's numbers of users and items and exactly its number of distinct
 * (user, item) pairs N, placed uniformly at random: every set of N cells of the users x items matrix is
 * equally likely (the bipartite Erdos-Renyi G(n, m) model). Keeps sizes and density, nothing else: activity
 * and popularity become binomial-like.
 *
 * <p>Sampling draws cell indices uniformly with replacement, sorts and removes repeats, and draws the
 * missing number again until N distinct cells are held; the law of the final set is invariant under any
 * permutation of the cells, so it is uniform over N-subsets. When N is more than half the cells, the cells
 * left out are drawn instead. Memory: 8 bytes per interaction besides the dataset.
 *
 * <p>Output: the reference's dense ids (original id strings are not carried), values 1 or drawn from the
 * reference's values, no timestamps, each user's items in random order. Randomness: the sampling context's
 * stream {@value #STREAM}.
 */
@Component(service = Generator.class)
public final class UniformRandomGenerator implements Generator {

    /** The plugin id. */
    public static final String ID = "uniform-random";

    static final String STREAM = "uniform-random";
    private static final String OWNER = "generator '" + ID + "'";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.GENERATOR,
            "Uniform random null model",
            "Places the reference's number of distinct (user, item) pairs uniformly at random among its users x items "
                    + "cells, without duplicates: same numbers of users, items and interactions, no other structure. A "
                    + "baseline for ranking fidelity.",
            null, ParamSchema.of(Reference.valuesParam()));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Counts the reference.
     *
     * @param reference the real dataset, required
     * @param params    validated parameters
     * @param ctx       the run context (log)
     * @return the fitted model
     * @throws IllegalArgumentException if there is no reference or it has no interactions
     */
    @Override
    public GeneratorModel fit(Dataset reference, Params params, RunContext ctx) {
        Reference.require(OWNER, reference);
        int[][] rows = Reference.distinctRows(reference);
        int pairs = 0;
        for (int[] row : rows) {
            pairs += row.length;
        }
        if (pairs != reference.size()) {
            ctx.log(System.Logger.Level.INFO, OWNER + ": the reference has " + reference.size() + " interactions but "
                    + pairs + " distinct (user, item) pairs; generating " + pairs);
        }
        return new Model(ID + " of " + reference.name(), reference.numUsers(), reference.numItems(), pairs,
                Reference.valuePool(params.getString(Reference.VALUES), reference));
    }

    /** The fitted model: sizes and the value pool. */
    private record Model(String name, int numUsers, int numItems, int pairs, float[] values)
            implements GeneratorModel {

        @Override
        public Dataset sample(RunContext ctx) {
            SplittableRandom rng = new SplittableRandom(RunContext.streamSeed(ctx.seed(), STREAM));
            long[] cells = sampleDistinct((long) numUsers * numItems, pairs, rng, ctx);
            DatasetBuilder b = Dataset.builder(name, numUsers, numItems);
            int[] row = new int[16];
            int k = 0;
            while (k < cells.length) {
                int user = (int) (cells[k] / numItems);
                int n = 0;
                for (; k < cells.length && cells[k] / numItems == user; k++) {
                    if (n == row.length) {
                        row = Arrays.copyOf(row, 2 * n);
                    }
                    row[n++] = (int) (cells[k] % numItems);
                }
                Reference.shuffle(row, n, rng);
                for (int j = 0; j < n; j++) {
                    b.add(user, row[j], Reference.value(values, rng));
                }
            }
            ctx.progress(1, "placed " + pairs + " interactions");
            return b.build();
        }
    }

    /**
     * Draws n distinct cells of [0, cells) uniformly.
     *
     * @param cells the number of cells
     * @param n     how many, at most cells
     * @param rng   the generator
     * @param ctx   for cancellation
     * @return the cells, sorted
     */
    static long[] sampleDistinct(long cells, int n, SplittableRandom rng, RunContext ctx) {
        if (n > cells / 2) {
            long[] excluded = sampleDistinct(cells, (int) (cells - n), rng, ctx);
            long[] out = new long[n];
            int e = 0;
            int o = 0;
            for (long c = 0; c < cells; c++) {
                if (e < excluded.length && excluded[e] == c) {
                    e++;
                } else {
                    out[o++] = c;
                }
            }
            return out;
        }
        long[] out = new long[n];
        int held = 0;
        while (held < n) {
            ctx.checkCancelled();
            for (int k = held; k < n; k++) {
                out[k] = rng.nextLong(cells);
            }
            Arrays.sort(out);
            held = 0;
            for (int k = 0; k < n; k++) {
                if (k == 0 || out[k] != out[k - 1]) {
                    out[held++] = out[k];
                }
            }
        }
        return out;
    }
}
