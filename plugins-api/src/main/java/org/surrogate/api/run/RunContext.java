package org.surrogate.api.run;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;

/**
 * What the server gives a plugin while a trial runs: the seed, progress reporting, cancellation,
 * metric logging, artifacts and a log.
 *
 * <p>Randomness must come only from {@link #seed()} or {@link #random(String)}: the same spec,
 * plugin versions and seed must give the same numbers. Long work reports {@link #progress} and
 * calls {@link #checkCancelled()} often (at least every second or so), so it can be watched and
 * stopped:
 * <pre>{@code
 * Random rng = ctx.random("sgd");
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     ctx.checkCancelled();
 *     double loss = trainEpoch(rng);
 *     ctx.metric("loss", epoch, loss);
 *     ctx.progress((epoch + 1.0) / epochs, "epoch " + (epoch + 1) + " of " + epochs);
 * }
 * }</pre>
 * Implementations are thread-safe: a plugin may report from several worker threads.
 */
public interface RunContext {

    /**
     * The trial's seed.
     *
     * @return the seed
     */
    long seed();

    /**
     * A random generator for one named stream, seeded from the trial's seed and the stream name, so
     * independent parts of a plugin draw independent numbers whatever order they run in.
     *
     * @param stream a name for the stream, such as "init" or "negatives"
     * @return a new generator; the same name always gives the same sequence within a trial
     */
    default Random random(String stream) {
        return new Random(streamSeed(seed(), stream));
    }

    /**
     * Reports progress of the current trial.
     *
     * @param fraction how much is done, in [0, 1]
     * @param message  what is happening, for people, such as "epoch 3 of 20"
     */
    void progress(double fraction, String message);

    /**
     * Whether the trial has been asked to stop (by a user, a timeout, or because a plugin it uses
     * is being uninstalled).
     *
     * @return true once cancellation was requested
     */
    boolean isCancelled();

    /**
     * Throws if the trial has been asked to stop; call it often in long loops.
     *
     * @throws TrialCancelledException if cancellation was requested
     */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new TrialCancelledException("trial cancelled");
        }
    }

    /**
     * Logs one point of a metric's curve, such as a training loss per epoch.
     *
     * @param name  the metric name, such as "loss" or "gan/discriminator_loss"
     * @param step  the step (epoch, iteration, round), increasing
     * @param value the value
     */
    void metric(String name, long step, double value);

    /**
     * Records a final result of the trial, such as {@code "popularity/ndcg@10"}. A later call with
     * the same name replaces the value.
     *
     * @param name  the result name
     * @param value the value
     */
    void result(String name, double value);

    /**
     * Creates an artifact of the run (a model file, a table, a plot) and returns a stream to write
     * it. The artifact is kept only if the stream is closed without error.
     *
     * @param name a file name without directories, such as "model.bin" or "scores.csv"
     * @return a stream to write to; close it
     * @throws IOException if it cannot be created
     * @throws IllegalArgumentException if the name contains a path separator or is empty
     */
    OutputStream createArtifact(String name) throws IOException;

    /**
     * Writes a line to the trial's log.
     *
     * @param level   the level
     * @param message the message
     */
    void log(System.Logger.Level level, String message);

    /**
     * Records a fact that defines how this trial measured its results, for protocols: the dataset
     * checksum, the filtering, the split, the candidate set (full ranking or sampled negatives), the
     * cutoffs and the metric definitions. The server hashes all facts of a trial into its
     * <em>protocol fingerprint</em>; search and compare flag results whose fingerprints differ,
     * because results measured under different protocols are not comparable. Recording the same
     * key twice keeps the last value. Keys starting with {@code info.} are recorded with the run
     * but left out of the fingerprint: use them for facts that change with the seed, such as the
     * checksum of generated data or of a random split ({@code info.dataset.checksum}).
     * <pre>{@code
     * ctx.protocolFact("dataset.checksum", data.checksum());
     * ctx.protocolFact("split", split.description());
     * }</pre>
     *
     * <p>The default implementation does nothing, for contexts outside a server.
     *
     * @param key   what the fact is about, such as {@code split}
     * @param value the fact
     * @since 1.1
     */
    default void protocolFact(String key, String value) {
    }

    /**
     * A context for one step of a trial done by one plugin, for protocols: the plugin's progress
     * {@code [0, 1]} maps into {@code [from, to]} of the trial's, and its messages, metric and result
     * names, artifact names and log lines are prefixed with {@code label} (results become
     * {@code "label/name"}), so two plugins cannot overwrite each other. Seed, random streams and
     * cancellation are this context's.
     * <pre>{@code
     * Model m = rec.plugin().fit(train, rec.params(), ctx.scoped(rec.label(), 0.2, 0.6));
     * }</pre>
     *
     * @param label the plugin's label in the trial
     * @param from  the trial progress when the step starts, in [0, 1]
     * @param to    the trial progress when it ends, in [from, 1]
     * @return the scoped context
     * @throws IllegalArgumentException if the range is not within [0, 1] or the label is blank
     */
    default RunContext scoped(String label, double from, double to) {
        if (!(from >= 0 && from <= to && to <= 1)) {
            throw new IllegalArgumentException("scoped progress range must satisfy 0 <= from <= to <= 1, found ["
                    + from + ", " + to + "]");
        }
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("scoped context needs a label");
        }
        return new ScopedRunContext(this, from, to, label);
    }

    /**
     * Derives the seed of a named stream from a trial seed (SplitMix64 over the seed and the
     * name's hash), as {@link #random(String)} does. Exposed so that implementations and plugins
     * seeding other generators agree.
     *
     * @param seed   the trial seed
     * @param stream the stream name
     * @return the stream seed
     */
    static long streamSeed(long seed, String stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream.hashCode() + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
