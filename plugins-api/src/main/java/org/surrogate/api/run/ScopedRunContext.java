package org.surrogate.api.run;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;

/**
 * The run context handed to one plugin for one step of the trial: its progress {@code [0, 1]} is
 * mapped into the step's share {@code [from, to]} of the trial's progress, and its messages, curves,
 * results, artifacts and log lines are prefixed with the plugin's label so that two plugins cannot
 * overwrite each other. Seed, random streams and cancellation are the trial's.
 */
final class ScopedRunContext implements RunContext {

    private final RunContext trial;
    private final double from;
    private final double to;
    private final String label;

    /**
     * Creates the scope.
     *
     * @param trial the trial's context
     * @param from  the trial progress when the step starts
     * @param to    the trial progress when the step ends
     * @param label the plugin's label
     */
    ScopedRunContext(RunContext trial, double from, double to, String label) {
        this.trial = trial;
        this.from = from;
        this.to = to;
        this.label = label;
    }

    @Override
    public long seed() {
        return trial.seed();
    }

    @Override
    public Random random(String stream) {
        return trial.random(stream);
    }

    @Override
    public void progress(double fraction, String message) {
        double f = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
        trial.progress(from + f * (to - from), label + ": " + message);
    }

    @Override
    public boolean isCancelled() {
        return trial.isCancelled();
    }

    @Override
    public void checkCancelled() {
        trial.checkCancelled();
    }

    @Override
    public void metric(String name, long step, double value) {
        trial.metric(label + "/" + name, step, value);
    }

    @Override
    public void result(String name, double value) {
        trial.result(label + "/" + name, value);
    }

    @Override
    public OutputStream createArtifact(String name) throws IOException {
        // Labels may hold '/' and spaces ("als/fold2 ndcg"); artifact names are plain file names.
        return trial.createArtifact(label.replaceAll("[^A-Za-z0-9._-]+", "-") + "-" + name);
    }

    @Override
    public void log(System.Logger.Level level, String message) {
        trial.log(level, "[" + label + "] " + message);
    }

    /** Facts are the trial's, not the step's: recorded without the label. */
    @Override
    public void protocolFact(String key, String value) {
        trial.protocolFact(key, value);
    }
}
