package org.surrogate.bundles.s2r;

/**
 * The raw input of the item map F_V: an item's SVD features and a constant 1 (a bias), placed in
 * the slot of its domain ({@code [v, 1, 0, 0]} for simulation items, {@code [0, 0, v, 1]} for real
 * ones) so that one matrix {@code W_V} holds both domain maps F_V^S and F_V^R. With
 * {@code separate = false} both domains use the first slot: one shared map, no representation
 * adaptation (the raw SVD bases of the two domains are then unrelated, which is the gap RepAda
 * closes).
 */
final class ItemFeatures {

    private final int k;
    private final boolean separate;

    ItemFeatures(int k, boolean separate) {
        this.k = k;
        this.separate = separate;
    }

    /** Width of the padded input, 2 (k + 1). */
    int width() {
        return 2 * (k + 1);
    }

    float[] padded(float[] v, boolean real) {
        float[] f = new float[width()];
        int off = separate && real ? k + 1 : 0;
        System.arraycopy(v, 0, f, off, k);
        f[off + k] = 1;
        return f;
    }

    float[][] padded(float[][] rows, boolean real) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = padded(rows[i], real);
        }
        return out;
    }
}
