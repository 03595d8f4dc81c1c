package org.surrogate.bundles.s2r;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.surrogate.api.run.RunContext;

/** A run context that forwards everything and keeps the metric curves, to plot them at the end. */
final class CurveRecorder implements RunContext {

    private final RunContext inner;
    final Map<String, List<double[]>> curves = new LinkedHashMap<>();

    CurveRecorder(RunContext inner) {
        this.inner = inner;
    }

    @Override
    public long seed() {
        return inner.seed();
    }

    @Override
    public java.util.Random random(String stream) {
        return inner.random(stream);
    }

    @Override
    public void progress(double fraction, String message) {
        inner.progress(fraction, message);
    }

    @Override
    public boolean isCancelled() {
        return inner.isCancelled();
    }

    @Override
    public void metric(String name, long step, double value) {
        curves.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {step, value});
        inner.metric(name, step, value);
    }

    @Override
    public void result(String name, double value) {
        inner.result(name, value);
    }

    @Override
    public OutputStream createArtifact(String name) throws IOException {
        return inner.createArtifact(name);
    }

    @Override
    public void log(System.Logger.Level level, String message) {
        inner.log(level, message);
    }

    @Override
    public void protocolFact(String key, String value) {
        inner.protocolFact(key, value);
    }
}
