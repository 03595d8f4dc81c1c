package org.surrogate.framework.trials;

import java.util.List;

/**
 * Runs single trials in the server's threads. The experiment engine (specs, grids, scheduler)
 * builds on it.
 *
 * <p>A trial resolves and validates every plugin before it starts, then holds those plugin objects
 * until it ends: updating a bundle meanwhile does not touch it (it finishes on the version it
 * started with, and its result records that version); uninstalling a bundle it uses cancels it
 * with a message that says so.
 */
public interface TrialRunner {

    /**
     * Validates a request and starts the trial.
     *
     * @param request what to run
     * @return a handle on the running trial
     * @throws org.surrogate.api.param.InvalidParamsException listing every problem of the request (a
     *         missing plugin, a slot of the wrong kind, a bad parameter), each with its path
     */
    TrialHandle start(TrialRequest request);

    /**
     * Finds a trial started since the server started.
     *
     * @param id the trial id
     * @return its handle, if known
     */
    java.util.Optional<TrialHandle> find(String id);

    /**
     * The trials started since the server started, oldest first.
     *
     * @return snapshots of their results
     */
    List<TrialResult> list();
}
