package org.surrogate.framework.engine;

import java.util.Map;

/**
 * An experiment and how far it got.
 *
 * @param info   the experiment
 * @param state  its state
 * @param counts how many of its trials are in each state
 */
public record ExperimentStatus(ExperimentInfo info, ExperimentState state, Map<TrialState, Integer> counts) {
}
