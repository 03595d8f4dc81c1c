package org.surrogate.bundles.autoencoders;

import java.util.Arrays;
import java.util.Random;
import org.surrogate.api.data.Dataset;

/**
 * Binary interaction rows in compressed sparse row form: for each row, its distinct items in
 * increasing order. An autoencoder's input and target for a user are these rows; values and repeats
 * of interactions are ignored (any interaction counts as 1).
 */
final class InteractionRows {

    private final int numItems;
    private final int[] offsets;
    private final int[] items;

    private InteractionRows(int numItems, int[] offsets, int[] items) {
        this.numItems = numItems;
        this.offsets = offsets;
        this.items = items;
    }

    /**
     * The distinct items of every user of a dataset.
     *
     * @param data the dataset
     * @return one row per user, in user order
     */
    static InteractionRows of(Dataset data) {
        int[] offsets = new int[data.numUsers() + 1];
        int[] items = new int[data.size()];
        int n = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            int start = n;
            for (int k = data.begin(u); k < data.end(u); k++) {
                items[n++] = data.item(k);
            }
            n = start + sortDistinct(items, start, n);
            offsets[u + 1] = n;
        }
        return new InteractionRows(data.numItems(), offsets, Arrays.copyOf(items, n));
    }

    /**
     * The distinct items of histories (such as fold-in data of users not seen in training).
     *
     * @param histories item ids, any order, repeats allowed
     * @param numItems  the number of items; every id must be in [0, numItems)
     * @param owner     the recommender id, for messages
     * @return one row per history
     * @throws IndexOutOfBoundsException naming the history and the item if an item is out of range
     */
    static InteractionRows of(int[][] histories, int numItems, String owner) {
        int total = 0;
        for (int[] h : histories) {
            total += h.length;
        }
        int[] offsets = new int[histories.length + 1];
        int[] items = new int[total];
        int n = 0;
        for (int r = 0; r < histories.length; r++) {
            int start = n;
            for (int item : histories[r]) {
                if (item < 0 || item >= numItems) {
                    throw new IndexOutOfBoundsException("recommender '" + owner + "': history " + r + " has item "
                            + item + ", outside the model's " + numItems + " items");
                }
                items[n++] = item;
            }
            n = start + sortDistinct(items, start, n);
            offsets[r + 1] = n;
        }
        return new InteractionRows(numItems, offsets, Arrays.copyOf(items, n));
    }

    /**
     * Reads rows written as CSR arrays (by {@link AutoencoderModel}'s loader).
     *
     * @param numItems the number of items
     * @param offsets  row offsets, {@code rows + 1} values
     * @param items    the items
     * @return the rows
     * @throws IllegalArgumentException if the arrays are not a valid CSR structure
     */
    static InteractionRows wrap(int numItems, int[] offsets, int[] items) {
        if (offsets.length == 0 || offsets[0] != 0 || offsets[offsets.length - 1] != items.length) {
            throw new IllegalArgumentException("invalid row offsets");
        }
        for (int r = 0; r + 1 < offsets.length; r++) {
            if (offsets[r + 1] < offsets[r]) {
                throw new IllegalArgumentException("row offsets decrease at row " + r);
            }
        }
        for (int item : items) {
            if (item < 0 || item >= numItems) {
                throw new IllegalArgumentException("item " + item + " outside [0, " + numItems + ")");
            }
        }
        return new InteractionRows(numItems, offsets, items);
    }

    /** Sorts items[from..to) and removes repeats; returns the number kept. */
    private static int sortDistinct(int[] items, int from, int to) {
        Arrays.sort(items, from, to);
        int kept = 0;
        for (int k = from; k < to; k++) {
            if (kept == 0 || items[from + kept - 1] != items[k]) {
                items[from + kept++] = items[k];
            }
        }
        return kept;
    }

    /**
     * The number of rows.
     *
     * @return the count
     */
    int numRows() {
        return offsets.length - 1;
    }

    /**
     * The number of columns (items).
     *
     * @return the count
     */
    int numItems() {
        return numItems;
    }

    /**
     * The number of distinct items of a row.
     *
     * @param row the row
     * @return the count
     */
    int degree(int row) {
        return offsets[row + 1] - offsets[row];
    }

    /**
     * The CSR offsets, not copied: do not change.
     *
     * @return the offsets
     */
    int[] offsets() {
        return offsets;
    }

    /**
     * The CSR items, not copied: do not change.
     *
     * @return the items
     */
    int[] items() {
        return items;
    }

    /**
     * The rows that have at least one item.
     *
     * @return their indices, increasing
     */
    int[] nonEmptyRows() {
        int count = 0;
        for (int r = 0; r < numRows(); r++) {
            count += degree(r) > 0 ? 1 : 0;
        }
        int[] rows = new int[count];
        int k = 0;
        for (int r = 0; r < numRows(); r++) {
            if (degree(r) > 0) {
                rows[k++] = r;
            }
        }
        return rows;
    }

    /**
     * Writes the binary rows {@code rows[from..to)} into a dense row-major matrix (the targets).
     *
     * @param rows the row indices
     * @param from the first position in {@code rows}
     * @param to   the position after the last
     * @param out  receives {@code (to - from) * numItems} values; must be zero on entry
     */
    void binary(int[] rows, int from, int to, float[] out) {
        for (int k = from; k < to; k++) {
            int base = (k - from) * numItems;
            for (int p = offsets[rows[k]]; p < offsets[rows[k] + 1]; p++) {
                out[base + items[p]] = 1f;
            }
        }
    }

    /**
     * The non-zero entries of a batch of input rows, in CSR form, reused from batch to batch.
     */
    static final class SparseBatch {
        /** Row r's entries are {@code start[r] <= p < start[r + 1]}. */
        int[] start = new int[1];
        /** The item of each entry. */
        int[] items = new int[0];
        /** The value of each entry. */
        float[] values = new float[0];
        /** The number of rows. */
        int rows;
    }

    /**
     * The L2-normalised rows {@code rows[from..to)} as sparse entries, with inverted dropout as in
     * {@link #normalised}: the same entries and values, drawing the same random numbers.
     *
     * @param rows    the row indices
     * @param from    the first position in {@code rows}
     * @param to      the position after the last
     * @param dropout the dropout probability in [0, 1)
     * @param rng     the random stream for the dropout mask; unused when dropout is 0
     * @param out     receives the entries (its arrays grow as needed)
     */
    void sparseNormalised(int[] rows, int from, int to, double dropout, Random rng, SparseBatch out) {
        int total = 0;
        for (int k = from; k < to; k++) {
            total += degree(rows[k]);
        }
        if (out.items.length < total) {
            out.items = new int[total];
            out.values = new float[total];
        }
        if (out.start.length < to - from + 1) {
            out.start = new int[to - from + 1];
        }
        out.rows = to - from;
        float keep = (float) (1 - dropout);
        int n = 0;
        for (int k = from; k < to; k++) {
            out.start[k - from] = n;
            int begin = offsets[rows[k]];
            int end = offsets[rows[k] + 1];
            if (end == begin) {
                continue;
            }
            float value = (float) (1 / Math.sqrt(end - begin));
            float kept = dropout == 0 ? value : value / keep;
            for (int p = begin; p < end; p++) {
                if (dropout == 0 || rng.nextFloat() < keep) {
                    out.items[n] = items[p];
                    out.values[n++] = kept;
                }
            }
        }
        out.start[to - from] = n;
    }

    /**
     * Writes the L2-normalised rows {@code rows[from..to)} into a dense row-major matrix, with
     * inverted dropout when {@code dropout > 0}: each entry is kept with probability
     * {@code 1 - dropout} and then divided by it, as in Liang et al., where dropout follows the
     * normalisation. Only the non-zero entries draw a random number (the others stay 0 either way),
     * one {@code nextFloat} per entry in row order.
     *
     * @param rows    the row indices
     * @param from    the first position in {@code rows}
     * @param to      the position after the last
     * @param dropout the dropout probability in [0, 1)
     * @param rng     the random stream for the dropout mask; unused when dropout is 0
     * @param out     receives {@code (to - from) * numItems} values; must be zero on entry
     */
    void normalised(int[] rows, int from, int to, double dropout, Random rng, float[] out) {
        float keep = (float) (1 - dropout);
        for (int k = from; k < to; k++) {
            int base = (k - from) * numItems;
            int begin = offsets[rows[k]];
            int end = offsets[rows[k] + 1];
            if (end == begin) {
                continue;
            }
            float value = (float) (1 / Math.sqrt(end - begin));
            if (dropout == 0) {
                for (int p = begin; p < end; p++) {
                    out[base + items[p]] = value;
                }
            } else {
                float kept = value / keep;
                for (int p = begin; p < end; p++) {
                    if (rng.nextFloat() < keep) {
                        out[base + items[p]] = kept;
                    }
                }
            }
        }
    }
}
