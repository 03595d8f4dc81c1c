package org.surrogate.api.recommender;

import java.io.IOException;
import java.io.OutputStream;
import org.surrogate.api.simulator.Observation;

/**
 * A fitted recommendation model: it scores every item for users (higher is better). Scoring is
 * batched so that implementations can use matrix products:
 * <pre>{@code
 * float[] scores = new float[users.length * model.numItems()];
 * model.score(users, scores);   // row k holds the scores of users[k]
 * }</pre>
 * Implementations are safe to call from several threads at once.
 */
public interface Model {

    /**
     * The number of items scored.
     *
     * @return the count
     */
    int numItems();

    /**
     * Scores every item for a batch of users of the training data.
     *
     * @param users dense user ids
     * @param out   receives the scores, row-major, {@code users.length * numItems()} values
     */
    void score(int[] users, float[] out);

    /**
     * Scores every item for a batch of interaction histories (sequential and session models, or
     * users not seen in training). The default says this model cannot.
     *
     * @param histories item sequences, oldest first
     * @param out       receives the scores, row-major, {@code histories.length * numItems()} values
     * @throws UnsupportedOperationException if the model only scores known users
     */
    default void scoreHistories(int[][] histories, float[] out) {
        throw new UnsupportedOperationException(getClass().getName() + " scores known users only, not histories");
    }

    /**
     * Writes the model so that {@link Recommender#load} can read it back. The default says this
     * model cannot be saved.
     *
     * @param out the stream to write to; not closed
     * @throws IOException if writing fails
     * @throws UnsupportedOperationException if the model cannot be saved
     */
    default void save(OutputStream out) throws IOException {
        throw new UnsupportedOperationException(getClass().getName() + " cannot be saved");
    }

    /**
     * This model acting as a policy: for an observation it recommends the best-scored items the
     * session has not seen, scoring the session's history where the model can and the user otherwise.
     *
     * @return a policy
     */
    default Policy asPolicy() {
        return new Policy() {
            @Override
            public int[] act(Observation obs, int slateSize) {
                float[] scores = new float[numItems()];
                try {
                    scoreHistories(new int[][] {obs.items()}, scores);
                } catch (UnsupportedOperationException e) {
                    score(new int[] {obs.user()}, scores);
                }
                for (int item : obs.items()) {
                    if (item >= 0 && item < scores.length) {
                        scores[item] = Float.NEGATIVE_INFINITY;
                    }
                }
                return TopK.select(scores, 0, scores.length, slateSize);
            }
        };
    }
}
