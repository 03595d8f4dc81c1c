package org.surrogate.bundles.nullgenerators;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSpec;

/**
 * What the generators read from a reference dataset: its binary user x item matrix (each user's distinct
 * items, sorted; repeated interactions count once) and, for the {@code empirical} value mode, the pool of
 * its interaction values. Also the seeding and shuffling shared by the generators.
 */
final class Reference {

    /** Parameter: how values are drawn. */
    static final String VALUES = "values";

    private Reference() {
    }

    /**
     * The values parameter.
     *
     * @return "ones" (default) or "empirical"
     */
    static ParamSpec valuesParam() {
        return ParamSpec.choiceParam(VALUES, "ones", "empirical").defaultValue("ones")
                .help("Value of each generated interaction: ones (implicit feedback) or empirical (drawn independently "
                        + "from the reference's interaction values, keeping the rating histogram and nothing else)."
                ).build();
    }

    /**
     * Requires a reference with interactions.
     *
     * @param owner     the generator, for messages
     * @param reference the reference, may be null
     * @return the reference
     * @throws IllegalArgumentException if it is null or has no interactions
     */
    static Dataset require(String owner, Dataset reference) {
        if (reference == null) {
            throw new IllegalArgumentException(owner + " is fitted to a real dataset, but no reference was given");
        }
        if (reference.size() == 0) {
            throw new IllegalArgumentException(owner + ": the reference '" + reference.name()
                    + "' has no interactions");
        }
        return reference;
    }

    /**
     * Each user's distinct items, sorted.
     *
     * @param data the dataset
     * @return rows indexed by user
     */
    static int[][] distinctRows(Dataset data) {
        int[][] rows = new int[data.numUsers()][];
        for (int u = 0; u < rows.length; u++) {
            int[] items = data.itemsOf(u);
            Arrays.sort(items);
            int n = 0;
            for (int k = 0; k < items.length; k++) {
                if (k == 0 || items[k] != items[k - 1]) {
                    items[n++] = items[k];
                }
            }
            rows[u] = n == items.length ? items : Arrays.copyOf(items, n);
        }
        return rows;
    }

    /**
     * The values to draw from: null for "ones", else a copy of the reference's values.
     *
     * @param mode      the values parameter
     * @param reference the reference
     * @return the pool, or null
     */
    static float[] valuePool(String mode, Dataset reference) {
        if (!"empirical".equals(mode)) {
            return null;
        }
        float[] pool = new float[reference.size()];
        for (int k = 0; k < pool.length; k++) {
            pool[k] = reference.value(k);
        }
        return pool;
    }

    /**
     * Draws a value.
     *
     * @param pool the pool, or null for 1
     * @param rng  the generator
     * @return the value
     */
    static float value(float[] pool, SplittableRandom rng) {
        return pool == null ? 1f : pool[rng.nextInt(pool.length)];
    }

    /**
     * The seed of element {@code index} of a stream (SplitMix64 finaliser), so that neighbouring users get
     * unrelated generators.
     *
     * @param streamSeed the stream's seed
     * @param index      the element
     * @return the seed
     */
    static long mix(long streamSeed, long index) {
        long z = streamSeed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Shuffles the first n entries (Fisher-Yates), so the order of a user's items carries no information.
     *
     * @param a   the array
     * @param n   how many entries
     * @param rng the generator
     */
    static void shuffle(int[] a, int n, SplittableRandom rng) {
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
