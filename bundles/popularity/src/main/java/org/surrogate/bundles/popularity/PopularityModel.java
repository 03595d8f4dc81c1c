package org.surrogate.bundles.popularity;

import org.surrogate.api.recommender.Model;

/**
 * A fitted popularity model: one count per item, the same row for every user and every history.
 * Immutable, so safe from several threads.
 */
final class PopularityModel implements Model {

    private final float[] counts;

    PopularityModel(float[] counts) {
        this.counts = counts;
    }

    @Override
    public int numItems() {
        return counts.length;
    }

    /**
     * Fills each row with the item counts.
     *
     * @param users dense user ids (their identity does not matter)
     * @param out   receives {@code users.length * numItems()} scores
     * @throws IllegalArgumentException if {@code out} is too short
     */
    @Override
    public void score(int[] users, float[] out) {
        fill(users.length, out);
    }

    /**
     * Fills each row with the item counts: popularity ignores the history.
     *
     * @param histories item sequences (ignored)
     * @param out       receives {@code histories.length * numItems()} scores
     * @throws IllegalArgumentException if {@code out} is too short
     */
    @Override
    public void scoreHistories(int[][] histories, float[] out) {
        fill(histories.length, out);
    }

    /** The first bytes of a saved popularity model. */
    static final int MAGIC = 0x53525050; // "SRPP"
    /** The format version written. */
    static final int VERSION = 1;

    /**
     * Writes the counts: magic, version, item count, then the counts (big-endian floats).
     *
     * @param out the stream; not closed
     * @throws IOException if writing fails
     */
    @Override
    public void save(java.io.OutputStream out) throws java.io.IOException {
        java.io.DataOutputStream d = new java.io.DataOutputStream(out);
        d.writeInt(MAGIC);
        d.writeInt(VERSION);
        d.writeInt(counts.length);
        for (float c : counts) {
            d.writeFloat(c);
        }
        d.flush();
    }

    /**
     * Reads what {@link #save} wrote.
     *
     * @param in the stream; not closed
     * @return the model
     * @throws IOException if the stream is not a popularity model or is cut short
     */
    static PopularityModel read(java.io.InputStream in) throws java.io.IOException {
        java.io.DataInputStream d = new java.io.DataInputStream(in);
        int magic;
        try {
            magic = d.readInt();
        } catch (java.io.EOFException e) {
            throw new java.io.IOException("recommender '" + PopularityRecommender.ID + "': the model stream is empty");
        }
        if (magic != MAGIC) {
            throw new java.io.IOException("recommender '" + PopularityRecommender.ID + "': not a popularity model "
                    + "(first bytes 0x" + Integer.toHexString(magic) + ", expected 0x" + Integer.toHexString(MAGIC)
                    + ")");
        }
        int version = d.readInt();
        if (version != VERSION) {
            throw new java.io.IOException("recommender '" + PopularityRecommender.ID + "': model format version "
                    + version + ", this version reads " + VERSION);
        }
        int n = d.readInt();
        if (n < 0) {
            throw new java.io.IOException("recommender '" + PopularityRecommender.ID + "': corrupt item count " + n);
        }
        float[] counts = new float[n];
        try {
            for (int i = 0; i < n; i++) {
                counts[i] = d.readFloat();
            }
        } catch (java.io.EOFException e) {
            throw new java.io.IOException("recommender '" + PopularityRecommender.ID + "': the model is truncated ("
                    + n + " items announced)");
        }
        return new PopularityModel(counts);
    }

    private void fill(int rows, float[] out) {
        long needed = (long) rows * counts.length;
        if (out.length < needed) {
            throw new IllegalArgumentException("recommender '" + PopularityRecommender.ID + "': out holds "
                    + out.length + " scores, needs " + needed + " (" + rows + " rows x " + counts.length
                    + " items)");
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(counts, 0, out, r * counts.length, counts.length);
        }
    }
}
