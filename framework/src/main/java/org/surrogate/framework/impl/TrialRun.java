package org.surrogate.framework.impl;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.api.protocol.Configured;
import org.surrogate.api.protocol.Protocol;
import org.surrogate.api.protocol.Trial;
import org.surrogate.api.param.Params;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.run.TrialCancelledException;
import org.surrogate.framework.engine.EngineEvent;
import org.surrogate.framework.engine.EngineEvents;
import org.surrogate.framework.engine.TrialExecutor;
import org.surrogate.framework.trials.TrialHandle;
import org.surrogate.repository.RunRecord;
import org.surrogate.repository.RunStatus;
import org.surrogate.framework.trials.TrialRequest;
import org.surrogate.framework.trials.TrialResult;
import org.surrogate.framework.trials.TrialStatus;

/**
 * One running trial: its run context, its handle, and the plugins it holds until it ends. Once it
 * has ended it drops every reference to plugin objects, so an uninstalled bundle's class loader can
 * be collected.
 */
final class TrialRun implements RunContext, TrialHandle, TrialExecutor.Execution {

    private static final System.Logger LOG = System.getLogger(TrialRun.class.getName());
    private static final long FLUSH_NANOS = 2_000_000_000L;

    private final String id;
    private final TrialRequest request;
    private final Path dir;
    private final Map<String, String> pluginVersions;
    private final List<Long> bundleIds;
    private final Instant started = Instant.now();
    private final Map<String, Double> results = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, List<double[]>> curves = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch done = new CountDownLatch(1);
    private final Map<String, String> facts = Collections.synchronizedMap(new TreeMap<>());
    private final RunRecord base;
    private final Consumer<TrialRun> curveFlusher;
    private volatile long lastFlushNanos = System.nanoTime();
    private volatile boolean failOnStop;
    private final EngineEvents events;

    private volatile Protocol protocol;
    private volatile Params protocolParams;
    private volatile Map<String, List<Configured<? extends Plugin>>> slots;
    private volatile double progress;
    private volatile String progressMessage = "";
    private volatile String cancelReason;
    private volatile TrialStatus status = TrialStatus.RUNNING;
    private volatile String message = "";
    private volatile Instant ended;

    TrialRun(String id, TrialRequest request, Path dir, Protocol protocol, Params protocolParams,
             Map<String, List<Configured<? extends Plugin>>> slots, Map<String, String> pluginVersions,
             List<Long> bundleIds, RunRecord base, Consumer<TrialRun> curveFlusher, EngineEvents events) {
        this.id = id;
        this.events = events;
        this.base = base;
        this.curveFlusher = curveFlusher;
        this.request = request;
        this.dir = dir;
        this.protocol = protocol;
        this.protocolParams = protocolParams;
        this.slots = slots;
        this.pluginVersions = Map.copyOf(pluginVersions);
        this.bundleIds = List.copyOf(bundleIds);
    }

    List<Long> bundleIds() {
        return bundleIds;
    }

    /** Runs the protocol on the calling thread and records how it ended. */
    void execute() {
        try {
            log(System.Logger.Level.INFO, "trial " + id + " starts: protocol " + request.protocol() + ", seed "
                    + request.seed() + ", plugins " + pluginVersions);
            Protocol p = protocol;
            Map<String, List<Configured<? extends Plugin>>> s = slots;
            p.run(new TrialView(protocolParams, s, p.slots()), this);
            if (cancelReason != null) {
                finish(failOnStop ? TrialStatus.FAILED : TrialStatus.CANCELLED, cancelReason);
            } else {
                progress = 1.0;
                finish(TrialStatus.SUCCEEDED, "");
            }
        } catch (TrialCancelledException e) {
            finish(failOnStop ? TrialStatus.FAILED : TrialStatus.CANCELLED,
                    cancelReason != null ? cancelReason : e.getMessage());
        } catch (Exception | LinkageError | AssertionError | OutOfMemoryError e) {
            if (cancelReason != null) {
                finish(failOnStop ? TrialStatus.FAILED : TrialStatus.CANCELLED, cancelReason + " (then: " + e + ")");
            } else {
                LOG.log(System.Logger.Level.WARNING, "trial " + id + " failed", e);
                finish(TrialStatus.FAILED, e.toString());
            }
        }
    }

    private void finish(TrialStatus s, String why) {
        message = why == null ? "" : why;
        ended = Instant.now();
        status = s;
        log(System.Logger.Level.INFO, "trial " + id + " ended " + s + (message.isEmpty() ? "" : ": " + message));
        // Drop the plugins: the bundles they come from may be uninstalled now.
        protocol = null;
        protocolParams = null;
        slots = null;
    }

    /** Signals waiters; called once the trial's record is written and its leases released. */
    void markDone() {
        done.countDown();
    }

    boolean isDone() {
        return ended != null;
    }

    // --- TrialHandle ---

    @Override
    public String id() {
        return id;
    }

    @Override
    public double progress() {
        return progress;
    }

    @Override
    public void cancel(String reason) {
        if (!isDone() && cancelReason == null) {
            cancelReason = reason == null || reason.isBlank() ? "cancelled" : reason;
            log(System.Logger.Level.INFO, "cancel requested: " + cancelReason);
        }
    }

    @Override
    public void fail(String reason) {
        if (!isDone() && cancelReason == null) {
            failOnStop = true;
            cancel(reason);
        }
    }

    @Override
    public TrialResult await(Duration timeout) throws TimeoutException, InterruptedException {
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("trial " + id + " still runs after " + timeout);
        }
        return snapshot();
    }

    @Override
    public TrialResult snapshot() {
        Map<String, List<double[]>> c = curves();
        Map<String, Double> r;
        synchronized (results) {
            r = new LinkedHashMap<>(results);
        }
        return new TrialResult(id, status, message, r, c, pluginVersions, request, started, ended);
    }

    /** The run record as of now: the provenance it started with, its state, results and facts. */
    RunRecord record() {
        RunStatus rs = switch (status) {
            case RUNNING -> RunStatus.RUNNING;
            case SUCCEEDED -> RunStatus.SUCCEEDED;
            case FAILED -> RunStatus.FAILED;
            case CANCELLED -> RunStatus.CANCELLED;
        };
        Map<String, Double> r;
        synchronized (results) {
            r = new LinkedHashMap<>(results);
        }
        Map<String, String> f;
        synchronized (facts) {
            f = new TreeMap<>(facts);
        }
        String checksum = f.containsKey("dataset.checksum") ? f.get("dataset.checksum") : f.get("info.dataset.checksum");
        Map<String, String> hashed = new TreeMap<>(f);
        hashed.keySet().removeIf(k -> k.startsWith("info."));
        return base.toBuilder().status(rs).message(message.isEmpty() ? null : message).metrics(r)
                .datasetChecksum(checksum).fingerprint(hashed.isEmpty() ? null : fingerprint(hashed))
                .ended(ended).build();
    }

    /**
     * The hash of the protocol facts (those not starting with {@code info.}): SHA-256 of the sorted
     * {@code key=value} lines, first 16 hex digits.
     */
    static String fingerprint(Map<String, String> sortedFacts) {
        StringBuilder sb = new StringBuilder();
        sortedFacts.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The protocol facts recorded so far, sorted by key. */
    Map<String, String> facts() {
        synchronized (facts) {
            return new TreeMap<>(facts);
        }
    }

    /** A copy of the metric curves. */
    Map<String, List<double[]>> curves() {
        Map<String, List<double[]>> c = new LinkedHashMap<>();
        synchronized (curves) {
            curves.forEach((k, v) -> {
                synchronized (v) {
                    c.put(k, List.copyOf(v));
                }
            });
        }
        return c;
    }

    String progressMessage() {
        return progressMessage;
    }

    List<String> logLines() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    // --- RunContext ---

    @Override
    public long seed() {
        return request.seed();
    }

    @Override
    public void progress(double fraction, String msg) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("progress fraction must be in [0, 1], found " + fraction);
        }
        progress = fraction;
        progressMessage = msg == null ? "" : msg;
        EngineEvents ev = events;
        if (ev != null && ev.hasListeners()) {
            ev.publish(new EngineEvent.Progress(Instant.now(), base.experimentId(), id, fraction, progressMessage));
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelReason != null;
    }

    @Override
    public void checkCancelled() {
        String r = cancelReason;
        if (r != null) {
            throw new TrialCancelledException(r);
        }
    }

    @Override
    public void metric(String name, long step, double value) {
        curves.computeIfAbsent(name, k -> Collections.synchronizedList(new ArrayList<>()))
                .add(new double[] {step, value});
        EngineEvents ev = events;
        if (ev != null && ev.hasListeners() && name != null) {
            ev.publish(new EngineEvent.MetricPoint(Instant.now(), base.experimentId(), id, name, step, value));
        }
        long now = System.nanoTime();
        if (now - lastFlushNanos > FLUSH_NANOS && curveFlusher != null) {
            lastFlushNanos = now;
            curveFlusher.accept(this); // partial curves survive a crash
        }
    }

    @Override
    public void protocolFact(String key, String value) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a protocol fact needs a key");
        }
        facts.put(key, String.valueOf(value));
    }

    @Override
    public void result(String name, double value) {
        results.put(name, value);
    }

    @Override
    public OutputStream createArtifact(String name) throws IOException {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("artifact name must be a plain file name, found '" + name + "'");
        }
        Path artifacts = dir.resolve("artifacts");
        Files.createDirectories(artifacts);
        Path target = artifacts.resolve(name);
        Path tmp = Files.createTempFile(artifacts, "." + name, ".part");
        OutputStream out = Files.newOutputStream(tmp);
        return new FilterOutputStream(out) {
            private boolean closed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                super.close();
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        };
    }

    @Override
    public void log(System.Logger.Level level, String msg) {
        String line = Instant.now() + " " + level + " " + msg;
        log.add(line);
        LOG.log(level, "[" + id + "] " + msg);
    }

    /** The trial as the protocol sees it. */
    private static final class TrialView implements Trial {
        private final Params params;
        private final Map<String, List<Configured<? extends Plugin>>> slots;
        private final Map<String, org.surrogate.api.protocol.SlotSpec> declared = new LinkedHashMap<>();

        TrialView(Params params, Map<String, List<Configured<? extends Plugin>>> slots,
                  List<org.surrogate.api.protocol.SlotSpec> declared) {
            this.params = params;
            this.slots = slots;
            declared.forEach(s -> this.declared.put(s.name(), s));
        }

        @Override
        public Params params() {
            return params;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends Plugin> List<Configured<T>> slot(String slot, Class<T> type) {
            org.surrogate.api.protocol.SlotSpec spec = declared.get(slot);
            if (spec == null) {
                throw new IllegalArgumentException("the protocol declared no slot '" + slot + "'; declared: "
                        + declared.keySet());
            }
            Class<? extends Plugin> kindType = PluginRegistryImpl.KIND_TYPES.get(spec.kind());
            if (!type.isAssignableFrom(kindType)) {
                throw new IllegalArgumentException("slot '" + slot + "' holds " + spec.kind().label() + "s, not "
                        + type.getSimpleName());
            }
            List<Configured<? extends Plugin>> list = slots.getOrDefault(slot, List.of());
            List<Configured<T>> out = new ArrayList<>(list.size());
            for (Configured<? extends Plugin> c : list) {
                out.add((Configured<T>) c);
            }
            return out;
        }
    }
}
