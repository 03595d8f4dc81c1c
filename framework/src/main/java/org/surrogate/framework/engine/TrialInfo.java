package org.surrogate.framework.engine;

/**
 * A snapshot of one scheduled trial.
 *
 * @param runId        its run id
 * @param experimentId its experiment
 * @param user         who submitted it
 * @param priority     its priority
 * @param state        where it is
 * @param attempt      which attempt this is, from 1
 * @param progress     the progress fraction while running, else 0 or 1
 * @param message      why it failed, was cancelled or interrupted; empty otherwise
 * @param def          what it runs
 */
public record TrialInfo(String runId, String experimentId, String user, int priority, TrialState state,
                        int attempt, double progress, String message, TrialDef def) {
}
