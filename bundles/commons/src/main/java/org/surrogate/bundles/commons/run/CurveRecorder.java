package org.surrogate.bundles.commons.run;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.surrogate.api.run.RunContext;

/**
 * A run context that forwards everything to another and also keeps the metric curves logged
 * through it (by name, points {@code [step, value]} in logging order), so a protocol can plot the
 * training curves of the plugins it runs.
 */
public final class CurveRecorder implements RunContext {

    private final RunContext inner;
    private final Map<String, List<double[]>> curves;

    /**
     * Records into a map of its own.
     *
     * @param inner the context everything is forwarded to
     */
    public CurveRecorder(RunContext inner) {
        this(inner, new LinkedHashMap<>());
    }

    /**
     * Records into a given map (several recorders may share one; writes are synchronized on it).
     *
     * @param inner  the context everything is forwarded to
     * @param curves where the curves go
     */
    public CurveRecorder(RunContext inner, Map<String, List<double[]>> curves) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.curves = Objects.requireNonNull(curves, "curves");
    }

    /**
     * The curves recorded so far.
     *
     * @return metric name to points {@code [step, value]}
     */
    public Map<String, List<double[]>> curves() {
        return curves;
    }

    @Override
    public long seed() {
        return inner.seed();
    }

    @Override
    public Random random(String stream) {
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
    public void checkCancelled() {
        inner.checkCancelled();
    }

    @Override
    public void metric(String name, long step, double value) {
        synchronized (curves) {
            curves.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {step, value});
        }
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
