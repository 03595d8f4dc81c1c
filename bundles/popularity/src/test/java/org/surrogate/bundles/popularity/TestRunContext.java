package org.surrogate.bundles.popularity;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.surrogate.api.run.RunContext;

/** A minimal run context for unit tests: records progress and results, cancels on demand. */
final class TestRunContext implements RunContext {

    final long seed;
    final List<Double> progress = new ArrayList<>();
    final Map<String, Double> results = new LinkedHashMap<>();
    volatile boolean cancelled;

    TestRunContext(long seed) {
        this.seed = seed;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public synchronized void progress(double fraction, String message) {
        progress.add(fraction);
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void metric(String name, long step, double value) {
    }

    @Override
    public synchronized void result(String name, double value) {
        results.put(name, value);
    }

    @Override
    public OutputStream createArtifact(String name) {
        return new ByteArrayOutputStream();
    }

    @Override
    public void log(System.Logger.Level level, String message) {
    }
}
