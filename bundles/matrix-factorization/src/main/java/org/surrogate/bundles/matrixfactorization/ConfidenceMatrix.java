package org.surrogate.bundles.matrixfactorization;

import org.surrogate.api.data.Dataset;

/**
 * One side of the implicit-feedback matrix in compressed rows, for ALS: for each row (a user, or an
 * item in the transposed view) its observed columns and their extra confidence
 * {@code c - 1 = alpha * r}.
 *
 * @param rows      the number of rows
 * @param pointers  rows + 1 offsets into {@code columns} and {@code extra}
 * @param columns   the observed column of each entry
 * @param extra     {@code c - 1} of each entry
 */
record ConfidenceMatrix(int rows, int[] pointers, int[] columns, float[] extra) {

    /**
     * The by-user view: rows are users, columns items.
     *
     * @param train  the data
     * @param alpha  the confidence weight
     * @param binary whether r is 1 for every interaction (else the interaction value)
     * @return the matrix
     */
    static ConfidenceMatrix byUser(Dataset train, double alpha, boolean binary) {
        int m = train.numUsers();
        int[] pointers = new int[m + 1];
        int[] columns = new int[train.size()];
        float[] extra = new float[train.size()];
        int k = 0;
        for (int u = 0; u < m; u++) {
            for (int i = train.begin(u); i < train.end(u); i++) {
                columns[k] = train.item(i);
                extra[k++] = (float) (alpha * (binary ? 1.0 : train.value(i)));
            }
            pointers[u + 1] = k;
        }
        return new ConfidenceMatrix(m, pointers, columns, extra);
    }

    /**
     * The by-item view: rows are items, columns users.
     *
     * @param train  the data
     * @param alpha  the confidence weight
     * @param binary whether r is 1 for every interaction (else the interaction value)
     * @return the matrix
     */
    static ConfidenceMatrix byItem(Dataset train, double alpha, boolean binary) {
        int n = train.numItems();
        int[] pointers = new int[n + 1];
        int[] columns = new int[train.size()];
        float[] extra = new float[train.size()];
        int k = 0;
        for (int j = 0; j < n; j++) {
            for (int p = train.itemBegin(j); p < train.itemEnd(j); p++) {
                columns[k] = train.itemUser(p);
                extra[k++] = (float) (alpha * (binary ? 1.0 : train.value(train.itemIndex(p))));
            }
            pointers[j + 1] = k;
        }
        return new ConfidenceMatrix(n, pointers, columns, extra);
    }
}
