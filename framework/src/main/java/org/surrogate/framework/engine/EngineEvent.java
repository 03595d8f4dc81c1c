package org.surrogate.framework.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened in the engine, as {@link EngineEvents} delivers it: a trial changed state,
 * a running trial reported progress or logged a metric point, an experiment was submitted or changed
 * state. Events of trials started outside an experiment ({@code POST /api/v1/trials}) have a null
 * experiment id.
 */
public sealed interface EngineEvent
        permits EngineEvent.TrialChanged, EngineEvent.Progress, EngineEvent.MetricPoint, EngineEvent.ExperimentChanged {

    /**
     * When it happened.
     *
     * @return the time
     */
    Instant at();

    /**
     * The experiment it belongs to.
     *
     * @return the experiment id, or null for a trial outside an experiment
     */
    String experimentId();

    /**
     * The trial it belongs to.
     *
     * @return the run id, or null for an experiment event
     */
    String runId();

    /**
     * A scheduled trial changed state (queued, running, ended, paused, re-queued for a retry).
     *
     * @param at    when
     * @param trial the trial after the change
     */
    record TrialChanged(Instant at, TrialInfo trial) implements EngineEvent {
        /** Checks the fields. */
        public TrialChanged {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(trial, "trial");
        }

        @Override
        public String experimentId() {
            return trial.experimentId();
        }

        @Override
        public String runId() {
            return trial.runId();
        }
    }

    /**
     * A running trial reported progress. Progress is coalesced: a listener sees the latest fraction of
     * a trial at most a few times a second, not every report.
     *
     * @param at           when
     * @param experimentId the experiment, or null
     * @param runId        the trial
     * @param fraction     in [0, 1]
     * @param message      what the trial is doing, possibly empty
     */
    record Progress(Instant at, String experimentId, String runId, double fraction, String message)
            implements EngineEvent {
        /** Checks the fields. */
        public Progress {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(runId, "runId");
            message = message == null ? "" : message;
        }
    }

    /**
     * A running trial logged one point of a metric curve.
     *
     * @param at           when
     * @param experimentId the experiment, or null
     * @param runId        the trial
     * @param name         the metric
     * @param step         the step (epoch, round, iteration)
     * @param value        the value
     */
    record MetricPoint(Instant at, String experimentId, String runId, String name, long step, double value)
            implements EngineEvent {
        /** Checks the fields. */
        public MetricPoint {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * An experiment was submitted (state ACTIVE) or changed state (paused, resumed, cancelled,
     * finished).
     *
     * @param at     when
     * @param status the experiment after the change, with its trial counts
     */
    record ExperimentChanged(Instant at, ExperimentStatus status) implements EngineEvent {
        /** Checks the fields. */
        public ExperimentChanged {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(status, "status");
        }

        @Override
        public String experimentId() {
            return status.info().id();
        }

        @Override
        public String runId() {
            return null;
        }
    }
}
