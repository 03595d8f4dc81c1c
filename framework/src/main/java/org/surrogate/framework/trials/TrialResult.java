package org.surrogate.framework.trials;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one trial, with its provenance.
 *
 * @param trialId        the trial's id
 * @param status         how it ended
 * @param message        why it failed or was cancelled; empty when it succeeded
 * @param results        the final results by name
 * @param curves         the logged metric points by name, each point {step, value}
 * @param pluginVersions the version of every plugin it used, by plugin id (the bundle versions)
 * @param request        what was asked
 * @param started        when it started
 * @param ended          when it ended, or null while running
 */
public record TrialResult(String trialId, TrialStatus status, String message, Map<String, Double> results,
                          Map<String, List<double[]>> curves, Map<String, String> pluginVersions,
                          TrialRequest request, Instant started, Instant ended) {
}
