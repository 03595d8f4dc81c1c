package org.surrogate.api.recommender;

import org.surrogate.api.simulator.Observation;
import org.surrogate.api.simulator.StepResult;

/**
 * Chooses slates in a simulated session.
 */
@FunctionalInterface
public interface Policy {

    /**
     * Chooses the slate to show.
     *
     * @param obs       the session's observation
     * @param slateSize how many items to show
     * @return the items, best first, at most {@code slateSize}
     */
    int[] act(Observation obs, int slateSize);

    /**
     * Learns from the answer to a slate it chose (online policies). The default ignores it.
     *
     * @param obs    the observation the slate was chosen for
     * @param slate  the slate shown
     * @param result the environment's answer
     */
    default void observe(Observation obs, int[] slate, StepResult result) {
    }
}
