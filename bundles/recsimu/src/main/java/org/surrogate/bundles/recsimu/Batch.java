package org.surrogate.bundles.recsimu;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The network inputs of a batch of tuples. States are time-major, as SameDiff's GRU wants: row
 * {@code t * B + b} of {@code items [N*B, E]} is the embedding of slot t of tuple b (zeros for an
 * empty slot) and the same row of {@code feedback [N*B, K]} its one-hot feedback type (zeros for an
 * empty slot). {@code actions [B, E]} are the recommended items' embeddings, {@code labels [B, K]}
 * their one-hot feedback (zeros when unknown).
 *
 * @param size     B
 * @param items    the state items
 * @param feedback the state feedback
 * @param actions  the action embeddings
 * @param labels   the one-hot labels
 */
record Batch(int size, INDArray items, INDArray feedback, INDArray actions, INDArray labels) {

    /**
     * Builds the inputs of some tuples.
     *
     * @param t     the tuples
     * @param rows  which tuples, in batch order
     * @param emb   the item embeddings
     * @param types K
     * @return the batch
     */
    static Batch of(Tuples t, int[] rows, ItemEmbeddings emb, int types) {
        int b = rows.length;
        int n = t.historyLength;
        int e = emb.dimension();
        float[] x = new float[n * b * e];
        float[] f = new float[n * b * types];
        float[] a = new float[b * e];
        float[] y = new float[b * types];
        for (int k = 0; k < b; k++) {
            int r = rows[k];
            for (int s = 0; s < n; s++) {
                int item = t.items[r * n + s];
                if (item < 0) {
                    continue;
                }
                int row = s * b + k;
                System.arraycopy(emb.vector(item), 0, x, row * e, e);
                f[row * types + t.feedback[r * n + s]] = 1;
            }
            System.arraycopy(emb.vector(t.actions[r]), 0, a, k * e, e);
            if (t.labels[r] >= 0) {
                y[k * types + t.labels[r]] = 1;
            }
        }
        return new Batch(b, Nd4j.create(x, new long[] {(long) n * b, e}, 'c'),
                Nd4j.create(f, new long[] {(long) n * b, types}, 'c'), Nd4j.create(a, new long[] {b, e}, 'c'),
                Nd4j.create(y, new long[] {b, types}, 'c'));
    }

    /**
     * The labels moved into the first or second half of 2K classes (real or fake classes of the
     * discriminator).
     *
     * @param fake whether to place them at K..2K-1
     * @return {@code [B, 2K]} one-hot labels
     */
    INDArray doubled(boolean fake) {
        INDArray zeros = Nd4j.zerosLike(labels);
        return fake ? Nd4j.hstack(zeros, labels) : Nd4j.hstack(labels, zeros);
    }
}
