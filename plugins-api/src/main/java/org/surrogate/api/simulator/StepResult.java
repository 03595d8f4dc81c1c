package org.surrogate.api.simulator;

/**
 * What the environment answers to one slate.
 *
 * @param next     the observation after this step
 * @param feedback the feedback type index for each slate position, into
 *                 {@link Environment#feedbackTypes()}
 * @param values   a value per slate position: the predicted rating, or the probability of the
 *                 feedback given
 * @param reward   the reward of this step
 * @param done     whether the session has ended
 */
public record StepResult(Observation next, int[] feedback, float[] values, double reward, boolean done) {

    /**
     * Checks the per-position arrays agree.
     *
     * @throws IllegalArgumentException if they do not
     */
    public StepResult {
        if (feedback.length != values.length) {
            throw new IllegalArgumentException("feedback and values differ in length: " + feedback.length + " vs "
                    + values.length);
        }
    }
}
