package org.surrogate.bundles.sequential.anchor;

import org.surrogate.api.recommender.Model;

/**
 * A fitted neural next-item model that can be probed: its item embeddings, and for a batch of
 * histories (one step of each possibly replaced by an arbitrary embedding vector) the next-item
 * scores and the gradient of a cross-entropy loss with respect to the replaced vectors.
 * <pre>{@code
 * SequenceAnchor s = (SequenceAnchor) recommender.fit(train, params, ctx);
 * float[] e = s.itemEmbedding(17);                       // e_t, E values
 * ProbeResult r = s.probe(new int[][] {{3, 17, 5}}, new int[] {1}, new float[][] {e}, null);
 * float[] scores = r.logits()[0];                        // S(. | 3, 17, 5)
 * }</pre>
 * Implementations are safe to call from several threads (passes are serialised).
 */
public interface SequenceAnchor extends Model {

    /**
     * The size E of the item embeddings (the input vectors).
     *
     * @return E
     */
    int embeddingSize();

    /**
     * The longest history the model reads; probes need histories no longer than this.
     *
     * @return the length
     */
    int maxLength();

    /**
     * A copy of one item's input embedding.
     *
     * @param item the item id
     * @return E values
     * @throws IndexOutOfBoundsException if the item is not in the catalogue
     */
    float[] itemEmbedding(int item);

    /**
     * A copy of all item embeddings, row-major {@code [numItems, E]}.
     *
     * @return {@code numItems() * embeddingSize()} values
     */
    float[] itemEmbeddings();

    /**
     * Probes a batch of histories without dropout. Each history may have one step replaced by a
     * vector; if targets are given, the loss of sequence b is {@code -sum_i targets[b][i] log
     * softmax(logits[b])_i} at its last step and the gradient of that loss with respect to its
     * replacement vector is returned.
     *
     * @param histories non-empty item sequences, oldest first, each at most {@link #maxLength()} long
     * @param positions per history, the replaced step (0-based), or -1 for none
     * @param rows      per history, the replacement vector (E values), or null for none
     * @param targets   per history, a target distribution over the items (N values), or null; null
     *                  for no gradients at all
     * @return the last-step logits of every history and, with targets, the losses and gradients
     * @throws IllegalArgumentException if the arrays disagree in length, a history is empty or too
     *                                  long, a position is outside its history, or a vector has the
     *                                  wrong size
     * @throws IndexOutOfBoundsException if an item is not in the catalogue
     */
    ProbeResult probe(int[][] histories, int[] positions, float[][] rows, float[][] targets);
}
