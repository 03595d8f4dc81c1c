package org.surrogate.bundles.recsimu;

import java.util.function.Function;

/** Runs a batched prediction over all tuples. */
final class Predictions {

    private Predictions() {
    }

    /**
     * Predicts in batches and gathers the rows.
     *
     * @param tuples    the tuples
     * @param batchSize rows per batch
     * @param batch     predicts the rows of the given tuple indices
     * @return one row per tuple
     */
    static float[][] run(Tuples tuples, int batchSize, Function<int[], float[][]> batch) {
        float[][] out = new float[tuples.size][];
        for (int from = 0; from < tuples.size; from += batchSize) {
            int to = Math.min(tuples.size, from + batchSize);
            int[] rows = new int[to - from];
            for (int k = 0; k < rows.length; k++) {
                rows[k] = from + k;
            }
            float[][] part = batch.apply(rows);
            System.arraycopy(part, 0, out, from, part.length);
            GraphMemory.collect(from / batchSize + 1);
        }
        return out;
    }
}
