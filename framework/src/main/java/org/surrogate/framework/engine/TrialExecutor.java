package org.surrogate.framework.engine;

import java.util.function.Consumer;
import org.surrogate.framework.trials.TrialResult;

/**
 * Where trials run. The scheduler decides when a trial runs; an executor decides where: in the
 * server's threads (the default), in a forked worker JVM, or on a cluster. An executor writes the
 * trial's run directory (record, metrics, log, artifacts) through the results repository and tells
 * the scheduler when the trial has ended.
 */
public interface TrialExecutor extends AutoCloseable {

    /**
     * A short name for logs and provenance, such as {@code threads} or {@code worker}.
     *
     * @return the name
     */
    String name();

    /**
     * Resolves the trial's plugins, checks its parameters and starts it. Returns at once.
     *
     * @param launch what to run
     * @param onEnd  called exactly once, from any thread, when the trial has ended and its run
     *               directory is written
     * @return the running trial
     * @throws org.surrogate.api.param.InvalidParamsException if a plugin is missing or a parameter is
     *         no longer accepted; onEnd is then not called
     */
    Execution launch(TrialLaunch launch, Consumer<TrialResult> onEnd);

    /** Stops the running trials (they end cancelled) and releases the executor's resources. */
    @Override
    void close();

    /**
     * What to run: one trial of an experiment, at an attempt.
     *
     * @param experiment the experiment
     * @param trial      the trial
     * @param attempt    the attempt, from 1
     */
    record TrialLaunch(ExperimentInfo experiment, TrialDef trial, int attempt) {
    }

    /** A trial started by an executor. */
    interface Execution {

        /**
         * The progress fraction last reported.
         *
         * @return a value in [0, 1]
         */
        double progress();

        /**
         * Stops the trial; it ends cancelled with this reason.
         *
         * @param reason why
         */
        void cancel(String reason);

        /**
         * Stops the trial; it ends failed with this reason (a timeout).
         *
         * @param reason why
         */
        void fail(String reason);
    }
}
