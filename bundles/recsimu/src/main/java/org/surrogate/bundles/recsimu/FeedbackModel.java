package org.surrogate.bundles.recsimu;

/**
 * A trained predictor of feedback types: the reward function r(s, a) a simulator imitates.
 */
interface FeedbackModel {

    /**
     * The probability of each feedback type for each tuple (labels are ignored).
     *
     * @param tuples the states and actions
     * @return {@code [n][K]} probabilities, each row summing to 1
     */
    float[][] predict(Tuples tuples);

    /**
     * The generator's next item representation G(s) for each state, when the model has a generator of
     * items (RecSimu); others throw.
     *
     * @param tuples the states (actions are ignored)
     * @return {@code [n][E]} item representations
     * @throws UnsupportedOperationException if the model generates no items
     */
    default float[][] generate(Tuples tuples) {
        throw new UnsupportedOperationException("this simulator has no item generator");
    }

    /**
     * Whether {@link #generate} is supported.
     *
     * @return true for RecSimu
     */
    default boolean generatesItems() {
        return false;
    }

    /**
     * The fixed item embeddings G(s) lives among, when {@link #generatesItems()}.
     *
     * @return the embeddings, or null
     */
    default ItemEmbeddings itemEmbeddings() {
        return null;
    }

    /** Frees native memory the model's graphs hold; the model must not be used afterwards. */
    default void close() {
    }
}
