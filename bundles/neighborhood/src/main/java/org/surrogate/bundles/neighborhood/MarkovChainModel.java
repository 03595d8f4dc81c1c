package org.surrogate.bundles.neighborhood;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.surrogate.api.recommender.Model;

/**
 * A fitted first-order Markov chain: transition counts by source item, their row totals, and each
 * training user's last item. Read-only, so safe from several threads.
 *
 * <p>Saved in {@link ModelFormat}: header ints users, items, distinct transitions, float smoothing;
 * then the counts by source item (offsets, targets, counts as floats) and each user's last item
 * (-1 for none). The row totals are recomputed on load, by the same sums as at fit time.
 */
final class MarkovChainModel implements Model {

    private final SparseRows counts;
    private final float[] totals;
    private final int[] lastItem;
    private final float smoothing;

    MarkovChainModel(SparseRows counts, int[] lastItem, float smoothing) {
        this.counts = counts;
        this.totals = totals(counts);
        this.lastItem = lastItem;
        this.smoothing = smoothing;
    }

    /** The sum of each source item's counts. */
    private static float[] totals(SparseRows counts) {
        int n = counts.numRows();
        float[] totals = new float[n];
        for (int i = 0; i < n; i++) {
            for (int e = counts.offsets()[i]; e < counts.offsets()[i + 1]; e++) {
                totals[i] += counts.vals()[e];
            }
        }
        return totals;
    }

    /**
     * Writes the model in the format described in the class comment.
     *
     * @param out the stream; not closed
     * @throws IOException if writing fails
     */
    @Override
    public void save(OutputStream out) throws IOException {
        ModelFormat.Writer w = new ModelFormat.Writer(out, MarkovChainRecommender.ID);
        w.writeInt(lastItem.length).writeInt(numItems()).writeInt(counts.cols().length).writeFloat(smoothing)
                .endHeader();
        ModelFormat.writeRows(w, counts, true);
        w.writeInts(lastItem);
        w.finish();
    }

    /**
     * Reads a model written by {@link #save}.
     *
     * @param in the stream; not closed
     * @return the model
     * @throws IOException if the stream is unreadable, truncated, corrupt or not a markov-chain model
     */
    static MarkovChainModel read(InputStream in) throws IOException {
        ModelFormat.Reader r = new ModelFormat.Reader(in, MarkovChainRecommender.ID);
        int users = r.readCount("the number of users");
        int items = r.readCount("the number of items");
        int pairs = r.readCount("the number of distinct transitions");
        float smoothing = r.readFloat("the smoothing");
        r.endHeader();
        if (!(smoothing >= 0) || Float.isInfinite(smoothing)) {
            throw r.corrupt("the smoothing is " + smoothing + ", expected a finite number >= 0");
        }
        SparseRows counts = ModelFormat.readRows(r, items, pairs, true, "the transition");
        int[] last = r.readInts(users, "the users' last items");
        r.finish();
        ModelFormat.checkRows(r, counts, items, "the transition");
        for (int u = 0; u < users; u++) {
            if (last[u] < -1 || last[u] >= items) {
                throw r.corrupt("the last item of user " + u + " is " + last[u] + ", outside [-1, " + items + ")");
            }
        }
        return new MarkovChainModel(counts, last, smoothing);
    }

    @Override
    public int numItems() {
        return totals.length;
    }

    /**
     * Scores every item by the transition probability from each user's last training item.
     *
     * @param users dense user ids of the training data
     * @param out   receives {@code users.length * numItems()} scores
     * @throws IllegalArgumentException if {@code out} is too short
     * @throws IndexOutOfBoundsException if a user is not in the training data
     */
    @Override
    public void score(int[] users, float[] out) {
        Checks.outputLength(MarkovChainRecommender.ID, out, users.length, numItems());
        for (int k = 0; k < users.length; k++) {
            Checks.user(MarkovChainRecommender.ID, users[k], lastItem.length);
            row(lastItem[users[k]], out, k * numItems());
        }
    }

    /**
     * Scores every item by the transition probability from the last item of each history.
     *
     * @param histories item sequences, oldest first; an empty one scores 0 everywhere
     * @param out       receives {@code histories.length * numItems()} scores
     * @throws IllegalArgumentException if {@code out} is too short
     * @throws IndexOutOfBoundsException if a last item is not in the catalogue
     */
    @Override
    public void scoreHistories(int[][] histories, float[] out) {
        Checks.outputLength(MarkovChainRecommender.ID, out, histories.length, numItems());
        for (int k = 0; k < histories.length; k++) {
            int[] h = histories[k];
            int last = h.length == 0 ? -1 : h[h.length - 1];
            if (last >= 0) {
                Checks.item(MarkovChainRecommender.ID, last, numItems());
            }
            row(last, out, k * numItems());
        }
    }

    /** Writes P(. | source) at out[base..base+numItems); all 0 for source -1. */
    private void row(int source, float[] out, int base) {
        int n = numItems();
        if (source < 0) {
            Arrays.fill(out, base, base + n, 0f);
            return;
        }
        double denom = totals[source] + (double) smoothing * n;
        if (denom == 0) {
            Arrays.fill(out, base, base + n, 0f);
            return;
        }
        float inv = (float) (1 / denom);
        Arrays.fill(out, base, base + n, smoothing * inv);
        for (int e = counts.offsets()[source]; e < counts.offsets()[source + 1]; e++) {
            out[base + counts.cols()[e]] = (counts.vals()[e] + smoothing) * inv;
        }
    }
}
