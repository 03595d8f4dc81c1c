package org.surrogate.testkit;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.surrogate.api.run.RunContext;

/**
 * A run context for unit tests of plugins: it records progress, messages, metric points, results,
 * artifacts and log lines in memory, and is cancelled on demand. Thread-safe.
 */
public final class RecordingRunContext implements RunContext {

    private final long seed;
    /** Progress fractions reported, in order. */
    public final List<Double> progress = Collections.synchronizedList(new ArrayList<>());
    /** Progress messages reported, in order. */
    public final List<String> messages = Collections.synchronizedList(new ArrayList<>());
    /** Metric points by name, each {step, value}. */
    public final Map<String, List<double[]>> metrics = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Results by name. */
    public final Map<String, Double> results = Collections.synchronizedMap(new LinkedHashMap<>());
    /** The protocol facts recorded, by key. */
    public final Map<String, String> facts = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Artifacts written, by name. */
    public final Map<String, ByteArrayOutputStream> artifacts = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Log lines, "LEVEL message". */
    public final List<String> logs = Collections.synchronizedList(new ArrayList<>());
    /** Set to true to make {@link #isCancelled()} answer true. */
    public volatile boolean cancelled;

    /**
     * Creates a context.
     *
     * @param seed the trial seed
     */
    public RecordingRunContext(long seed) {
        this.seed = seed;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public void progress(double fraction, String message) {
        progress.add(fraction);
        messages.add(message);
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void metric(String name, long step, double value) {
        metrics.computeIfAbsent(name, k -> Collections.synchronizedList(new ArrayList<>()))
                .add(new double[] {step, value});
    }

    @Override
    public void result(String name, double value) {
        results.put(name, value);
    }

    @Override
    public OutputStream createArtifact(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        artifacts.put(name, out);
        return out;
    }

    @Override
    public void log(System.Logger.Level level, String message) {
        logs.add(level + " " + message);
    }

    @Override
    public void protocolFact(String key, String value) {
        facts.put(key, value);
    }
}
