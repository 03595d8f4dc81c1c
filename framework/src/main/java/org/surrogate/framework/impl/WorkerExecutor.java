package org.surrogate.framework.impl;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.surrogate.framework.engine.EngineEvent;
import org.surrogate.framework.engine.EngineEvents;
import org.surrogate.framework.engine.TrialExecutor;
import org.surrogate.framework.trials.TrialResult;
import org.surrogate.framework.trials.TrialStatus;
import org.surrogate.repository.RunRecord;
import org.surrogate.repository.RunRepository;
import org.surrogate.repository.RunStatus;

/**
 * Runs each trial in a forked JVM ({@link WorkerMain}) that loads the same bundle jars into its
 * own Felix, so a trial that crashes natively, exhausts its memory or hangs is killed without
 * touching the server. The worker writes the run directory; when it exits the server indexes the
 * run, or records why the worker died (exit code or signal) if it did not finish the record.
 *
 * <p>The worker's heap is the trial's declared memory plus 256 MiB. Cancelling asks the worker to
 * stop and kills it after a grace period ({@value #DEFAULT_GRACE_MILLIS} ms, system property
 * {@code surrogate.worker.graceMillis}).
 */
final class WorkerExecutor implements TrialExecutor {

    private static final System.Logger LOG = System.getLogger(WorkerExecutor.class.getName());
    static final long DEFAULT_GRACE_MILLIS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final TrialRunnerImpl server;
    private final BundleManagerImpl bundles;
    private final RunRepository repository;
    private final Path workersDir;
    private final Path systemBundles;
    private final long graceMillis = Long.getLong("surrogate.worker.graceMillis", DEFAULT_GRACE_MILLIS);
    private final Set<Worker> running = ConcurrentHashMap.newKeySet();
    private final EngineEvents events;

    WorkerExecutor(TrialRunnerImpl server, BundleManagerImpl bundles, RunRepository repository, Path dataDir,
                   Path systemBundles, EngineEvents events) {
        this.events = events;
        this.server = server;
        this.bundles = bundles;
        this.repository = repository;
        this.workersDir = dataDir.resolve("workers");
        this.systemBundles = systemBundles.toAbsolutePath();
    }

    @Override
    public String name() {
        return "worker";
    }

    @Override
    public Execution launch(TrialLaunch launch, Consumer<TrialResult> onEnd) {
        // Validate in the server first: a bad request fails at once, not in a child process.
        TrialRunnerImpl.Prepared prepared = server.prepare(launch.trial().request());
        List<String> cmd = new ArrayList<>(TrialPriority.commandPrefix(TrialPriority.configured()));
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + (launch.experiment().memoryMb() + 256) + "m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(WorkerMain.class.getName());
        String runId = launch.trial().runId();
        Path work = workersDir.resolve(runId + "-" + launch.attempt());
        try {
            deleteTree(work);
            Files.createDirectories(work);
            cmd.add(work.resolve("felix-cache").toString());
            cmd.add(systemBundles.toString());
            cmd.add(repository.store().root().toAbsolutePath().toString());
            for (long id : prepared.bundleIds()) {
                cmd.add(bundles.jarOf(id).toAbsolutePath().toString());
            }
            Files.createDirectories(repository.store().dir(runId));
            Process p = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.appendTo(
                            repository.store().dir(runId).resolve("worker.log").toFile()))
                    .start();
            Worker w = new Worker(launch, p, work, onEnd);
            running.add(w);
            w.send(JSON.writeValueAsString(launch));
            Thread t = new Thread(w::watch, "surrogate-worker-" + runId);
            t.setDaemon(true);
            t.start();
            return w;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a worker process for " + runId + ": " + e.getMessage(), e);
        }
    }

    private final class Worker implements Execution {
        private final TrialLaunch launch;
        private final Process process;
        private final Path work;
        private final Consumer<TrialResult> onEnd;
        private final OutputStream stdin;
        private final Instant started = Instant.now();
        private volatile double progress;
        private volatile String endStatus;
        private volatile String endMessage;
        private volatile String stopReason;
        private volatile boolean failOnStop;
        private volatile long readyMillis = -1;

        Worker(TrialLaunch launch, Process process, Path work, Consumer<TrialResult> onEnd) {
            this.launch = launch;
            this.process = process;
            this.work = work;
            this.onEnd = onEnd;
            this.stdin = process.getOutputStream();
        }

        synchronized void send(String line) {
            try {
                stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            } catch (IOException e) {
                // the worker has exited; watch() reports how
            }
        }

        void watch() {
            String runId = launch.trial().runId();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    try {
                        JsonNode m = JSON.readTree(line);
                        if (m.has("progress")) {
                            progress = m.get("progress").asDouble();
                            if (events != null && events.hasListeners()) {
                                events.publish(new EngineEvent.Progress(Instant.now(), launch.experiment().id(), runId,
                                        Math.max(0, Math.min(1, progress)), m.path("message").asText("")));
                            }
                        } else if (m.has("metric")) {
                            if (events != null && events.hasListeners()) {
                                events.publish(new EngineEvent.MetricPoint(Instant.now(), launch.experiment().id(),
                                        runId, m.get("metric").asText(), m.path("step").asLong(),
                                        m.path("value").asDouble(Double.NaN)));
                            }
                        } else if (m.has("ready")) {
                            readyMillis = m.get("ready").asLong();
                        } else if (m.has("end")) {
                            endStatus = m.get("end").asText();
                            endMessage = m.path("message").asText("");
                        }
                    } catch (IOException e) {
                        LOG.log(System.Logger.Level.WARNING, "worker " + runId + ": unreadable line '" + line + "'");
                    }
                }
            } catch (IOException e) {
                // stream closed: the process ended
            }
            int code;
            try {
                code = process.waitFor();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                code = -1;
            }
            running.remove(this);
            deleteQuietly(work);
            RunRecord record = finish(runId, code);
            onEnd.accept(new TrialResult(runId, status(record.status()), record.message() == null ? ""
                    : record.message(), record.metrics(), Map.of(), Map.of(), launch.trial().request(), started,
                    record.ended()));
        }

        /** Indexes the run the worker wrote, or records why the worker died. */
        private RunRecord finish(String runId, int code) {
            RunRecord onDisk = repository.store().read(runId).orElse(null);
            if (onDisk != null && onDisk.attempt() != launch.attempt()) {
                onDisk = null; // an older attempt's record
            }
            RunRecord r;
            if (endStatus != null && onDisk != null && onDisk.status().terminal()) {
                r = onDisk.toBuilder().environment(withStartup(onDisk.environment())).build();
            } else {
                String why = stopReason != null ? stopReason + " (worker killed)" : describeExit(code);
                RunStatus s = stopReason != null && !failOnStop ? RunStatus.CANCELLED : RunStatus.FAILED;
                RunRecord base = onDisk != null ? onDisk : RunRecord.builder(runId)
                        .experimentId(launch.experiment().id()).user(launch.experiment().user())
                        .attempt(launch.attempt()).protocol(launch.trial().request().protocol())
                        .seed(launch.trial().request().seed()).created(started).started(started)
                        .status(RunStatus.FAILED).build();
                r = base.toBuilder().status(s).message(why).ended(Instant.now()).build();
                LOG.log(System.Logger.Level.WARNING, "worker for trial " + runId + ": " + why);
            }
            try {
                repository.save(r);
                repository.saveCurves(runId, repository.store().readCurves(runId));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot record trial " + runId + " after its worker ended", e);
            }
            return r;
        }

        private Map<String, String> withStartup(Map<String, String> env) {
            Map<String, String> m = new java.util.LinkedHashMap<>(env);
            if (readyMillis >= 0) {
                m.put("workerStartupMs", String.valueOf(readyMillis));
            }
            return m;
        }

        @Override
        public double progress() {
            return progress;
        }

        @Override
        public void cancel(String reason) {
            stop(reason, false);
        }

        @Override
        public void fail(String reason) {
            stop(reason, true);
        }

        private void stop(String reason, boolean fail) {
            if (!process.isAlive() || stopReason != null) {
                return;
            }
            failOnStop = fail;
            try {
                send(JSON.writeValueAsString(Map.of(fail ? "fail" : "cancel", reason)));
            } catch (IOException e) {
                // cannot happen for a map of strings
            }
            process.onExit().orTimeout(graceMillis, TimeUnit.MILLISECONDS).exceptionally(t -> {
                stopReason = reason;
                process.destroyForcibly();
                return process;
            });
        }
    }

    private static TrialStatus status(RunStatus s) {
        return switch (s) {
            case SUCCEEDED -> TrialStatus.SUCCEEDED;
            case CANCELLED -> TrialStatus.CANCELLED;
            case RUNNING, QUEUED -> TrialStatus.RUNNING;
            default -> TrialStatus.FAILED;
        };
    }

    static String describeExit(int code) {
        if (code > 128) {
            int signal = code - 128;
            String name = switch (signal) {
                case 9 -> "SIGKILL";
                case 6 -> "SIGABRT, a native crash";
                case 11 -> "SIGSEGV, a native crash";
                case 15 -> "SIGTERM";
                default -> "signal " + signal;
            };
            return "the worker process died (" + name + ", exit code " + code + ") before the trial ended";
        }
        return "the worker process exited with code " + code + " before the trial ended";
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot delete worker folder " + dir + ": " + e.getMessage());
        }
    }

    /** Kills every worker: the server is stopping (their trials are re-queued as interrupted). */
    @Override
    public void close() {
        for (Worker w : running) {
            w.process.destroyForcibly();
        }
    }
}
