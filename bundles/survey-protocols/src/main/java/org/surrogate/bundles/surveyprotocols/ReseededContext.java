package org.surrogate.bundles.surveyprotocols;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import org.surrogate.api.run.RunContext;

/**
 * The trial's context with another seed and a share of its progress, for protocols that repeat their
 * whole procedure at several seeds inside one trial (replicates): plugins handed this context (or a
 * scope of it) draw from the replicate's seed. Results, metrics, artifacts, facts, log and
 * cancellation are the trial's.
 */
final class ReseededContext implements RunContext {

    private final RunContext trial;
    private final long seed;
    private final double from;
    private final double to;
    private final String label;

    /**
     * Creates the context.
     *
     * @param trial the trial's context
     * @param seed  the replicate's seed
     * @param from  where the replicate's progress starts in the trial's, in [0, 1]
     * @param to    where it ends, in [from, 1]
     * @param label prefix of progress messages, such as "replicate 2 of 3"
     */
    ReseededContext(RunContext trial, long seed, double from, double to, String label) {
        this.trial = trial;
        this.seed = seed;
        this.from = Math.max(0, Math.min(1, from));
        this.to = Math.max(this.from, Math.min(1, to));
        this.label = label;
    }

    /**
     * The seed of replicate {@code r}: the trial's own seed for the first, a derived stream seed for the
     * others, so a trial with one replicate draws exactly as without replicates.
     *
     * @param trialSeed the trial's seed
     * @param r         the replicate, from 0
     * @return the seed
     */
    static long seedOf(long trialSeed, int r) {
        return r == 0 ? trialSeed : RunContext.streamSeed(trialSeed, "replicate " + r);
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public Random random(String stream) {
        return new Random(RunContext.streamSeed(seed, stream));
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
        trial.metric(name, step, value);
    }

    @Override
    public void result(String name, double value) {
        trial.result(name, value);
    }

    @Override
    public OutputStream createArtifact(String name) throws IOException {
        return trial.createArtifact(name);
    }

    @Override
    public void log(System.Logger.Level level, String message) {
        trial.log(level, "[" + label + "] " + message);
    }

    @Override
    public void protocolFact(String key, String value) {
        trial.protocolFact(key, value);
    }
}
