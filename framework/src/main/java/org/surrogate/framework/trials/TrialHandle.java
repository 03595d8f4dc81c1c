package org.surrogate.framework.trials;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A trial that was started: watch it, cancel it, wait for its result.
 */
public interface TrialHandle {

    /**
     * The trial id.
     *
     * @return the id
     */
    String id();

    /**
     * The progress fraction last reported, in [0, 1].
     *
     * @return the fraction
     */
    double progress();

    /**
     * Asks the trial to stop; it ends as {@link TrialStatus#CANCELLED} with this reason.
     *
     * @param reason why
     */
    void cancel(String reason);

    /**
     * Waits for the trial to end.
     *
     * @param timeout how long to wait at most
     * @return the result
     * @throws TimeoutException if it has not ended in time
     * @throws InterruptedException if the waiting thread is interrupted
     */
    TrialResult await(Duration timeout) throws TimeoutException, InterruptedException;

    /**
     * A snapshot of the result so far (status RUNNING until it ends).
     *
     * @return the snapshot
     */
    TrialResult snapshot();
}
