package org.surrogate.bundles.neighborhood;

import java.util.Arrays;
import org.surrogate.api.data.Dataset;

/**
 * A sparse matrix in compressed sparse row form with sorted, distinct columns per row: row r holds
 * {@code cols[offsets[r]..offsets[r+1])} with values {@code vals[...]}. Repeated interactions of a
 * user with an item are merged: to 1 when binary, summed otherwise.
 *
 * @param offsets row starts, {@code numRows + 1} values
 * @param cols    column of each entry, increasing within a row
 * @param vals    value of each entry
 */
record SparseRows(int[] offsets, int[] cols, float[] vals) {

    /**
     * The number of rows.
     *
     * @return the count
     */
    int numRows() {
        return offsets.length - 1;
    }

    /**
     * The users x items matrix of a dataset.
     *
     * @param data   the dataset
     * @param binary whether every interaction counts as 1 (else its value, repeated ones summed)
     * @return the matrix, one row per user
     */
    static SparseRows byUser(Dataset data, boolean binary) {
        int[] off = new int[data.numUsers() + 1];
        int[] cols = new int[data.size()];
        float[] vals = new float[data.size()];
        int n = 0;
        long[] keys = new long[16];
        for (int u = 0; u < data.numUsers(); u++) {
            int deg = data.degree(u);
            if (keys.length < deg) {
                keys = new long[Math.max(deg, keys.length * 2)];
            }
            for (int k = 0; k < deg; k++) {
                // Item in the high bits, interaction index in the low: sorting keeps both.
                keys[k] = ((long) data.item(data.begin(u) + k) << 32) | (data.begin(u) + k);
            }
            Arrays.sort(keys, 0, deg);
            for (int k = 0; k < deg; k++) {
                int item = (int) (keys[k] >>> 32);
                float v = binary ? 1f : data.value((int) keys[k]);
                if (n > off[u] && cols[n - 1] == item) {
                    vals[n - 1] = binary ? 1f : vals[n - 1] + v;
                } else {
                    cols[n] = item;
                    vals[n++] = v;
                }
            }
            off[u + 1] = n;
        }
        return new SparseRows(off, Arrays.copyOf(cols, n), Arrays.copyOf(vals, n));
    }

    /**
     * The transpose of this matrix; its rows have sorted columns too.
     *
     * @param numCols the number of columns of this matrix (rows of the result)
     * @return the transpose
     */
    SparseRows transpose(int numCols) {
        int[] off = new int[numCols + 1];
        for (int c : cols) {
            off[c + 1]++;
        }
        for (int c = 0; c < numCols; c++) {
            off[c + 1] += off[c];
        }
        int[] next = Arrays.copyOf(off, numCols);
        int[] tc = new int[cols.length];
        float[] tv = new float[cols.length];
        for (int r = 0; r < numRows(); r++) {
            for (int k = offsets[r]; k < offsets[r + 1]; k++) {
                int p = next[cols[k]]++;
                tc[p] = r;
                tv[p] = vals[k];
            }
        }
        return new SparseRows(off, tc, tv);
    }

    /**
     * The Euclidean norm of every row.
     *
     * @return the norms
     */
    float[] rowNorms() {
        float[] norms = new float[numRows()];
        for (int r = 0; r < norms.length; r++) {
            double s = 0;
            for (int k = offsets[r]; k < offsets[r + 1]; k++) {
                s += (double) vals[k] * vals[k];
            }
            norms[r] = (float) Math.sqrt(s);
        }
        return norms;
    }
}
