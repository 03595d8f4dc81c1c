package org.surrogate.framework.engine;

import org.surrogate.framework.trials.TrialRequest;

/**
 * One trial of an experiment, fixed at submission.
 *
 * @param runId   the id of its run directory
 * @param index   its position in the experiment's expansion
 * @param request what it runs
 */
public record TrialDef(String runId, int index, TrialRequest request) {
}
