package org.surrogate.api.simulator;

/**
 * The state of one simulated session: who the user is, how many steps were taken, and the history of
 * shown items with the feedback each received, oldest first. It is the whole state a policy sees;
 * environments may keep more inside.
 *
 * @param session  an id of the session, unique within its environment
 * @param user     the dense user id
 * @param step     the number of steps taken so far
 * @param items    the items of the history (given at reset and shown since), oldest first
 * @param feedback the feedback type index of each history item, into
 *                 {@link Environment#feedbackTypes()}
 * @param values   a value per history item (a rating, a probability), or an empty array
 */
public record Observation(long session, int user, int step, int[] items, int[] feedback, float[] values) {

    /**
     * Checks that the history arrays agree in length.
     *
     * @throws IllegalArgumentException if they do not
     */
    public Observation {
        if (items.length != feedback.length || (values.length != 0 && values.length != items.length)) {
            throw new IllegalArgumentException("observation arrays differ in length: items " + items.length
                    + ", feedback " + feedback.length + ", values " + values.length);
        }
    }
}
