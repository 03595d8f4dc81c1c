package org.surrogate.console.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.surrogate.framework.trials.TrialHandle;
import org.surrogate.framework.trials.TrialRequest;
import org.surrogate.framework.trials.TrialResult;
import org.surrogate.framework.trials.TrialStatus;

/**
 * A trial as the API shows it: its result so far and its progress.
 *
 * @param id             the trial id
 * @param status         RUNNING, SUCCEEDED, FAILED or CANCELLED
 * @param progress       the progress fraction last reported, in [0, 1] (1 once it ended)
 * @param message        why it failed or was cancelled; empty otherwise
 * @param results        the final results by name
 * @param curves         the logged metric points by name, each point {@code [step, value]}
 * @param pluginVersions the version of every plugin it used, by plugin id
 * @param request        what was asked
 * @param started        when it started (ISO-8601)
 * @param ended          when it ended, or null while it runs
 */
public record TrialView(String id, String status, double progress, String message, Map<String, Double> results,
                        Map<String, List<double[]>> curves, Map<String, String> pluginVersions, TrialRequest request,
                        Instant started, Instant ended) {

    /**
     * The view of a trial's current state.
     *
     * @param handle the trial
     * @return its view
     */
    public static TrialView of(TrialHandle handle) {
        return of(handle.snapshot(), handle.progress());
    }

    /**
     * The view of a result.
     *
     * @param r        the result
     * @param progress the progress fraction to show while it runs
     * @return its view
     */
    public static TrialView of(TrialResult r, double progress) {
        boolean running = r.status() == TrialStatus.RUNNING;
        return new TrialView(r.trialId(), r.status().name(), running ? progress : 1.0,
                r.message() == null ? "" : r.message(), r.results(), r.curves(), r.pluginVersions(), r.request(),
                r.started(), r.ended());
    }
}
