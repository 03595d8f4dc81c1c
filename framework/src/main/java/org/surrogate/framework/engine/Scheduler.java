package org.surrogate.framework.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.framework.experiments.ExperimentExpander;
import org.surrogate.framework.experiments.ExperimentSpec;
import org.surrogate.framework.experiments.ExperimentSpecs;
import org.surrogate.framework.plugins.PluginRegistry;
import org.surrogate.framework.trials.TrialRequest;
import org.surrogate.framework.trials.TrialResult;
import org.surrogate.framework.trials.TrialStatus;
import org.surrogate.repository.AtomicFiles;

/**
 * The experiment scheduler: a persistent queue of trials, dispatched to an executor under global
 * and per-resource limits, fairly between users.
 *
 * <p><b>Order.</b> Among users with queued work, the next trial goes to the user with the fewest
 * running trials, ties going to the user served least recently; so one user's 10,000-trial grid
 * and another user's single trial alternate instead of queueing behind each other. A user's own
 * trials go by priority (higher first), then in submission order. A trial runs when the number of
 * running trials, the threads and the memory the running trials declared leave room for it; a
 * trial larger than the machine's capacity still runs, alone.
 *
 * <p><b>Persistence.</b> Every change is appended to a journal before it takes effect
 * ({@link Journal}): submissions and experiment state changes are forced to disk at once, trial
 * state changes by group commit within 20 ms (a killed process loses nothing; a power cut may make
 * the last few trials run again). Experiments are also written to {@code <data>/experiments/ID.json}.
 * After a crash the queue is replayed: trials that were running are interrupted, and go back in the
 * queue or end {@link TrialState#INTERRUPTED} as their experiment's {@code onInterrupt} says.
 *
 * <p><b>Pause.</b> Pausing an experiment holds its queued trials; its running ones finish. Pausing
 * a running trial stops it (trials have no checkpoints) and it starts again from the beginning on
 * resume.
 */
public final class Scheduler implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Scheduler.class.getName());
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final long COMPACT_AFTER = 20_000;

    /** Marks the run directory of a trial that was running when the server stopped. */
    @FunctionalInterface
    public interface InterruptionRecorder {
        /**
         * Records the interruption in the trial's run directory.
         *
         * @param runId   the run
         * @param message why
         */
        void interrupted(String runId, String message);

        /**
         * Whether the trial's run directory records that this attempt succeeded. Trial ends are
         * group-committed to the journal, so a crash can lose the journal line of a trial whose run
         * directory (written first, and synced) already holds its results; recovery then takes the run
         * directory's word instead of running the trial again.
         *
         * @param runId   the run
         * @param attempt the attempt the journal says was running
         * @return true if {@code run.json} says that attempt succeeded
         */
        default boolean succeeded(String runId, int attempt) {
            return false;
        }
    }

    private final Path experimentsDir;
    private final Journal journal;
    private final EngineConfig config;
    private final Map<String, TrialExecutor> executors;
    private final TrialExecutor defaultExecutor;
    private final PluginRegistry registry;
    private final InterruptionRecorder recorder;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final SecureRandom ids = new SecureRandom();
    private final List<Consumer<TrialInfo>> listeners = new CopyOnWriteArrayList<>();
    private final EngineEvents events;
    private final boolean ownsEvents;
    private final List<String> recoveryProblems = new ArrayList<>();

    // --- state, guarded by this ---
    private final Map<String, Exp> experiments = new LinkedHashMap<>();
    private final Map<String, ExperimentStatus> archived = new LinkedHashMap<>();
    private final Map<String, Trial> trials = new HashMap<>();
    private final Map<String, TreeSet<Trial>> ready = new HashMap<>();
    private final Map<String, Integer> runningByUser = new HashMap<>();
    private final Map<String, Long> lastServed = new HashMap<>();
    private long seq;
    private long serveClock;
    private int running;
    private int threadsInUse;
    private long memoryInUse;
    private boolean closed;
    private TimeUnit timeoutUnit = TimeUnit.MINUTES;

    private static final class Exp {
        final ExperimentInfo info;
        final List<Trial> trials = new ArrayList<>();
        ExperimentState state = ExperimentState.ACTIVE;
        /** How many of its trials have not ended: keeps the end check O(1). */
        int open;
        Instant lastFired;
        ScheduledFuture<?> cron;

        Exp(ExperimentInfo info) {
            this.info = info;
        }
    }

    private static final class Trial {
        final TrialDef def;
        final Exp exp;
        final long seq;
        TrialState state = TrialState.QUEUED;
        int attempt = 1;
        String message = "";
        TrialExecutor.Execution execution;
        ScheduledFuture<?> timeout;
        boolean pauseRequested;
        double finalProgress;

        Trial(TrialDef def, Exp exp, long seq) {
            this.def = def;
            this.exp = exp;
            this.seq = seq;
        }
    }

    private static final Comparator<Trial> USER_ORDER = Comparator
            .comparingInt((Trial t) -> -t.exp.info.priority()).thenComparingLong(t -> t.seq);

    /**
     * Opens the scheduler on a data folder, replaying its journal. Nothing runs until
     * {@link #start()}.
     *
     * @param dataDir  the data folder; the journal lives in {@code queue/}, experiments in
     *                 {@code experiments/}
     * @param config   the limits
     * @param executor where trials run
     * @param registry the installed plugins, to validate and expand specs
     * @param recorder marks interrupted runs on disk
     * @param clock    the clock (cron and ids)
     * @throws IOException if the journal cannot be read or written
     */
    public Scheduler(Path dataDir, EngineConfig config, TrialExecutor executor, PluginRegistry registry,
                     InterruptionRecorder recorder, Clock clock) throws IOException {
        this(dataDir, config, List.of(executor), registry, recorder, clock);
    }

    /**
     * Opens the scheduler with several executors; a spec picks one by name ({@code executor:}),
     * the first being the default.
     *
     * @param dataDir   the data folder
     * @param config    the limits
     * @param executors where trials run, the default first
     * @param registry  the installed plugins
     * @param recorder  marks interrupted runs on disk
     * @param clock     the clock
     * @throws IOException if the journal cannot be read or written
     */
    public Scheduler(Path dataDir, EngineConfig config, List<TrialExecutor> executors, PluginRegistry registry,
                     InterruptionRecorder recorder, Clock clock) throws IOException {
        this(dataDir, config, executors, registry, recorder, clock, null);
    }

    /**
     * Opens the scheduler with several executors, publishing its trial and experiment state changes
     * on an event bus shared with the executors (which publish progress and metric points on it).
     *
     * @param dataDir   the data folder
     * @param config    the limits
     * @param executors where trials run, the default first
     * @param registry  the installed plugins
     * @param recorder  marks interrupted runs on disk
     * @param clock     the clock
     * @param events    the bus, owned by the caller; null for one of its own, closed with it
     * @throws IOException if the journal cannot be read or written
     */
    public Scheduler(Path dataDir, EngineConfig config, List<TrialExecutor> executors, PluginRegistry registry,
                     InterruptionRecorder recorder, Clock clock, EngineEvents events) throws IOException {
        this.ownsEvents = events == null;
        this.events = events == null ? new EngineEvents() : events;
        this.experimentsDir = dataDir.resolve("experiments");
        Files.createDirectories(experimentsDir);
        this.journal = new Journal(dataDir.resolve("queue"));
        this.config = config;
        this.executors = new LinkedHashMap<>();
        executors.forEach(e -> this.executors.put(e.name(), e));
        this.defaultExecutor = executors.get(0);
        this.registry = registry;
        this.recorder = recorder;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "surrogate-scheduler-timer");
            t.setDaemon(true);
            return t;
        });
        loadArchive();
        recover();
    }

    // ------------------------------------------------------------------ recovery

    private void loadArchive() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(experimentsDir, "*.json")) {
            for (Path f : files) {
                try {
                    ExperimentStatus s = Journal.JSON.readValue(f.toFile(), ExperimentStatus.class);
                    archived.put(s.info().id(), s);
                } catch (IOException e) {
                    recoveryProblems.add(f + ": unreadable experiment record skipped (" + e.getMessage() + ")");
                }
            }
        }
    }

    private synchronized void recover() throws IOException {
        List<Journal.Entry> entries = journal.replay(recoveryProblems::add);
        for (Journal.Entry e : entries) {
            apply(e);
        }
        Instant now = clock.instant();
        for (Exp exp : experiments.values()) {
            for (Trial t : exp.trials) {
                if (t.state == TrialState.RUNNING && recorder.succeeded(t.def.runId(), t.attempt)) {
                    setState(t, TrialState.SUCCEEDED);
                    t.message = "";
                    journal.append(new Journal.TrialChanged(t.def.runId(), t.state, t.attempt, t.message, now));
                } else if (t.state == TrialState.RUNNING) {
                    String why = "interrupted: the server stopped while attempt " + t.attempt + " was running";
                    recorder.interrupted(t.def.runId(), why);
                    if (exp.info.requeueInterrupted() && exp.state != ExperimentState.CANCELLED) {
                        setState(t, TrialState.QUEUED);
                        t.attempt++;
                        t.message = why + "; re-queued";
                    } else {
                        setState(t, TrialState.INTERRUPTED);
                        t.message = why;
                    }
                    journal.append(new Journal.TrialChanged(t.def.runId(), t.state, t.attempt, t.message, now));
                }
            }
            if (exp.state == ExperimentState.ACTIVE || exp.state == ExperimentState.PAUSED) {
                checkFinished(exp);
            }
        }
        for (Exp exp : experiments.values()) {
            if (exp.state == ExperimentState.ACTIVE) {
                exp.trials.stream().filter(t -> t.state == TrialState.QUEUED).forEach(this::enqueue);
            }
        }
        compact();
        recoveryProblems.forEach(p -> LOG.log(System.Logger.Level.WARNING, p));
    }

    private void apply(Journal.Entry e) {
        if (e instanceof Journal.Submitted s) {
            Exp exp = new Exp(s.experiment());
            for (TrialDef d : s.trials()) {
                Trial t = new Trial(d, exp, seq++);
                exp.trials.add(t);
                exp.open++;
                trials.put(d.runId(), t);
            }
            experiments.put(exp.info.id(), exp);
        } else if (e instanceof Journal.TrialChanged c) {
            Trial t = trials.get(c.runId());
            if (t != null) {
                setState(t, c.state());
                t.attempt = c.attempt();
                t.message = c.message() == null ? "" : c.message();
            }
        } else if (e instanceof Journal.ExperimentChanged c) {
            Exp exp = experiments.get(c.experimentId());
            if (exp != null) {
                exp.state = c.state();
            }
        } else if (e instanceof Journal.CronFired c) {
            Exp exp = experiments.get(c.experimentId());
            if (exp != null) {
                exp.lastFired = c.at();
            }
        }
    }

    /** Lets tests count timeouts in a shorter unit than minutes. */
    synchronized void timeoutUnitForTests(TimeUnit unit) {
        timeoutUnit = unit;
    }

    /** Problems found while recovering (unreadable journal lines or experiment records). */
    public synchronized List<String> recoveryProblems() {
        return List.copyOf(recoveryProblems);
    }

    /** Starts dispatching and the cron timers. */
    public synchronized void start() {
        for (Exp exp : experiments.values()) {
            armCron(exp);
        }
        dispatch();
    }

    // ------------------------------------------------------------------ submission

    /**
     * Checks a spec against the installed plugins without submitting it.
     *
     * @param specText   the YAML or JSON text
     * @param sourceName its name in messages
     * @return how many trials it would run
     * @throws IllegalArgumentException on a syntax or field error
     * @throws InvalidParamsException   listing every problem with its path
     */
    public int validate(String specText, String sourceName) {
        ExperimentSpec spec = ExperimentSpecs.parse(specText, sourceName);
        int n = ExperimentExpander.expand(spec, registry).size();
        if (spec.executor() != null && !executors.containsKey(spec.executor())) {
            throw new IllegalArgumentException("executor: no executor '" + spec.executor() + "'; available: "
                    + String.join(", ", executors.keySet()));
        }
        return n;
    }

    /**
     * Validates a spec, expands it and queues its trials.
     *
     * @param specText   the YAML or JSON text
     * @param sourceName its name in messages
     * @param user       who submits it
     * @return the experiment
     * @throws IllegalArgumentException on a syntax or field error
     * @throws InvalidParamsException   listing every problem with its path; nothing is queued
     */
    public ExperimentStatus submit(String specText, String sourceName, String user) {
        return submit(specText, sourceName, user, null);
    }

    private ExperimentStatus submit(String specText, String sourceName, String user, String parent) {
        ExperimentSpec spec = ExperimentSpecs.parse(specText, sourceName);
        List<TrialRequest> requests = ExperimentExpander.expand(spec, registry);
        return submit(spec, specText, requests, user, parent, parent == null ? spec.schedule() : null);
    }

    /**
     * Queues trials that were already expanded (a rerun), as a new experiment.
     *
     * @param name     the experiment name
     * @param specText the spec text to record
     * @param requests the trials
     * @param user     who submits them
     * @param parent   what they rerun
     * @return the experiment
     */
    public ExperimentStatus submitTrials(String name, String specText, List<TrialRequest> requests, String user,
                                         String parent) {
        ExperimentSpec spec = new ExperimentSpec(name, "rerun of " + parent, List.of("rerun"),
                org.surrogate.framework.experiments.PluginRef.of(requests.get(0).protocol()), null, null, null, null,
                null, null, null, null, null, null, null, null, null);
        return submit(spec, specText, requests, user, parent, null);
    }

    private synchronized ExperimentStatus submit(ExperimentSpec spec, String specText, List<TrialRequest> requests,
                                                 String user, String parent, String schedule) {
        if (closed) {
            throw new IllegalStateException("the scheduler is shut down");
        }
        String who = user == null || user.isBlank() ? "anonymous" : user;
        if (spec.executor() != null && !executors.containsKey(spec.executor())) {
            throw new IllegalArgumentException("executor: no executor '" + spec.executor() + "'; available: "
                    + String.join(", ", executors.keySet()));
        }
        String id = newExperimentId();
        ExperimentInfo info = new ExperimentInfo(id, spec.name(), who, spec.description(), spec.tags(),
                spec.priority(), schedule, spec.timeoutMinutes(), spec.retries(),
                "requeue".equals(spec.onInterrupt()), spec.threads() == null ? 1 : spec.threads(),
                spec.memoryMb() == null ? EngineConfig.DEFAULT_TRIAL_MEMORY_MB : spec.memoryMb(), parent,
                clock.instant(), specText, requests.size(), spec.executor());
        List<TrialDef> defs = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            defs.add(new TrialDef(id + "-" + String.format("%05d", i), i, requests.get(i)));
        }
        journal.append(new Journal.Submitted(info, defs));
        apply(new Journal.Submitted(info, defs));
        Exp exp = experiments.get(id);
        writeExperiment(exp);
        exp.trials.forEach(this::enqueue);
        armCron(exp);
        if (events.hasListeners()) {
            events.publish(new EngineEvent.ExperimentChanged(clock.instant(), status(exp)));
        }
        LOG.log(System.Logger.Level.INFO, "experiment " + id + " '" + spec.name() + "' by " + who + ": "
                + defs.size() + " trial(s) queued");
        dispatch();
        maybeCompact();
        return status(exp);
    }

    private String newExperimentId() {
        String base = ID_TIME.format(ZonedDateTime.ofInstant(clock.instant(), ZoneId.systemDefault()));
        String id;
        do {
            id = "e" + base + "-" + String.format("%04x", ids.nextInt(0x10000));
        } while (experiments.containsKey(id) || archived.containsKey(id));
        return id;
    }

    // ------------------------------------------------------------------ control

    /**
     * Cancels an experiment: queued trials are dropped, running ones stopped, its cron stops.
     *
     * @param experimentId the experiment
     * @param reason       why
     * @throws java.util.NoSuchElementException if there is no such live experiment
     */
    public synchronized void cancelExperiment(String experimentId, String reason) {
        Exp exp = live(experimentId);
        String why = reason == null || reason.isBlank() ? "cancelled" : reason;
        setExperimentState(exp, ExperimentState.CANCELLED);
        if (exp.cron != null) {
            exp.cron.cancel(false);
        }
        for (Trial t : exp.trials) {
            cancel(t, why);
        }
        checkFinished(exp);
        dispatch();
    }

    /**
     * Holds an experiment's queued trials; running ones finish.
     *
     * @param experimentId the experiment
     */
    public synchronized void pauseExperiment(String experimentId) {
        Exp exp = live(experimentId);
        if (exp.state != ExperimentState.ACTIVE) {
            throw new IllegalStateException("experiment " + experimentId + " is " + exp.state + ", not ACTIVE");
        }
        setExperimentState(exp, ExperimentState.PAUSED);
        exp.trials.stream().filter(t -> t.state == TrialState.QUEUED).forEach(this::dequeue);
    }

    /**
     * Lets a paused experiment's trials run again.
     *
     * @param experimentId the experiment
     */
    public synchronized void resumeExperiment(String experimentId) {
        Exp exp = live(experimentId);
        if (exp.state != ExperimentState.PAUSED) {
            throw new IllegalStateException("experiment " + experimentId + " is " + exp.state + ", not PAUSED");
        }
        setExperimentState(exp, ExperimentState.ACTIVE);
        exp.trials.stream().filter(t -> t.state == TrialState.QUEUED).forEach(this::enqueue);
        dispatch();
    }

    /**
     * Cancels one trial.
     *
     * @param runId  the trial
     * @param reason why
     */
    public synchronized void cancelTrial(String runId, String reason) {
        Trial t = liveTrial(runId);
        cancel(t, reason == null || reason.isBlank() ? "cancelled" : reason);
        checkFinished(t.exp);
        dispatch();
    }

    /**
     * Holds one trial; a running trial is stopped and starts over on resume.
     *
     * @param runId the trial
     */
    public synchronized void pauseTrial(String runId) {
        Trial t = liveTrial(runId);
        switch (t.state) {
            case QUEUED -> {
                dequeue(t);
                change(t, TrialState.PAUSED, t.attempt, "paused");
            }
            case RUNNING -> {
                t.pauseRequested = true;
                t.execution.cancel("paused; it starts over when resumed");
            }
            default -> throw new IllegalStateException("trial " + runId + " is " + t.state + "; only queued or "
                    + "running trials can be paused");
        }
    }

    /**
     * Queues a paused trial again.
     *
     * @param runId the trial
     */
    public synchronized void resumeTrial(String runId) {
        Trial t = liveTrial(runId);
        if (t.state != TrialState.PAUSED) {
            throw new IllegalStateException("trial " + runId + " is " + t.state + ", not PAUSED");
        }
        change(t, TrialState.QUEUED, t.attempt, "resumed");
        if (t.exp.state == ExperimentState.ACTIVE) {
            enqueue(t);
        }
        dispatch();
    }

    private void cancel(Trial t, String why) {
        switch (t.state) {
            case QUEUED, PAUSED -> {
                dequeue(t);
                change(t, TrialState.CANCELLED, t.attempt, why);
            }
            case RUNNING -> t.execution.cancel(why);
            default -> {
                // already ended
            }
        }
    }

    private Exp live(String experimentId) {
        Exp exp = experiments.get(experimentId);
        if (exp == null) {
            throw new java.util.NoSuchElementException(archived.containsKey(experimentId)
                    ? "experiment " + experimentId + " has ended" : "no experiment '" + experimentId + "'");
        }
        return exp;
    }

    private Trial liveTrial(String runId) {
        Trial t = trials.get(runId);
        if (t == null) {
            throw new java.util.NoSuchElementException("no queued or running trial '" + runId + "'");
        }
        return t;
    }

    // ------------------------------------------------------------------ dispatch

    private void enqueue(Trial t) {
        ready.computeIfAbsent(t.exp.info.user(), u -> new TreeSet<>(USER_ORDER)).add(t);
    }

    private void dequeue(Trial t) {
        TreeSet<Trial> q = ready.get(t.exp.info.user());
        if (q != null) {
            q.remove(t);
            if (q.isEmpty()) {
                ready.remove(t.exp.info.user());
            }
        }
    }

    private boolean fits(Trial t) {
        if (running == 0) {
            return true;
        }
        return running < config.maxConcurrent()
                && threadsInUse + t.exp.info.threads() <= config.threadCapacity()
                && memoryInUse + t.exp.info.memoryMb() <= config.memoryCapacityMb();
    }

    private void dispatch() {
        while (!closed && running < config.maxConcurrent() && !ready.isEmpty()) {
            Trial next = null;
            String nextUser = null;
            int bestRunning = Integer.MAX_VALUE;
            long bestServed = Long.MAX_VALUE;
            for (Map.Entry<String, TreeSet<Trial>> e : ready.entrySet()) {
                String user = e.getKey();
                int r = runningByUser.getOrDefault(user, 0);
                long served = lastServed.getOrDefault(user, -1L);
                if (r > bestRunning || (r == bestRunning && served >= bestServed)) {
                    continue;
                }
                Trial candidate = firstFitting(e.getValue());
                if (candidate != null) {
                    next = candidate;
                    nextUser = user;
                    bestRunning = r;
                    bestServed = served;
                }
            }
            if (next == null) {
                return;
            }
            lastServed.put(nextUser, serveClock++);
            dequeue(next);
            launch(next);
        }
    }

    private Trial firstFitting(TreeSet<Trial> q) {
        int looked = 0;
        for (Trial t : q) {
            if (fits(t)) {
                return t;
            }
            if (++looked >= 16) {
                break;
            }
        }
        return null;
    }

    private void launch(Trial t) {
        change(t, TrialState.RUNNING, t.attempt, "");
        running++;
        threadsInUse += t.exp.info.threads();
        memoryInUse += t.exp.info.memoryMb();
        runningByUser.merge(t.exp.info.user(), 1, Integer::sum);
        try {
            TrialExecutor executor = t.exp.info.executor() == null ? defaultExecutor
                    : executors.getOrDefault(t.exp.info.executor(), defaultExecutor);
            t.execution = executor.launch(new TrialExecutor.TrialLaunch(t.exp.info, t.def, t.attempt),
                    result -> ended(t, result));
        } catch (InvalidParamsException | IllegalStateException e) {
            release(t);
            String why = e instanceof InvalidParamsException ip ? String.join("; ", ip.problems()) : e.getMessage();
            change(t, TrialState.FAILED, t.attempt, "could not start: " + why);
            checkFinished(t.exp);
            return;
        }
        Integer minutes = t.exp.info.timeoutMinutes();
        if (minutes != null) {
            TrialExecutor.Execution ex = t.execution;
            t.timeout = timer.schedule(() -> ex.fail("timed out after " + minutes + " min"), minutes, timeoutUnit);
        }
    }

    private void release(Trial t) {
        running--;
        threadsInUse -= t.exp.info.threads();
        memoryInUse -= t.exp.info.memoryMb();
        runningByUser.merge(t.exp.info.user(), -1, Integer::sum);
        if (runningByUser.get(t.exp.info.user()) <= 0) {
            runningByUser.remove(t.exp.info.user());
        }
    }

    private synchronized void ended(Trial t, TrialResult result) {
        if (t.state != TrialState.RUNNING) {
            return;
        }
        if (t.timeout != null) {
            t.timeout.cancel(false);
        }
        t.finalProgress = t.execution == null ? 0 : t.execution.progress();
        t.execution = null;
        release(t);
        if (!closed) {
            TrialStatus s = result.status();
            if (t.pauseRequested && s == TrialStatus.CANCELLED) {
                t.pauseRequested = false;
                change(t, TrialState.PAUSED, t.attempt, "paused while running; starts over when resumed");
            } else if (s == TrialStatus.SUCCEEDED) {
                change(t, TrialState.SUCCEEDED, t.attempt, "");
            } else if (s == TrialStatus.FAILED && t.attempt <= t.exp.info.retries()
                    && t.exp.state != ExperimentState.CANCELLED) {
                change(t, TrialState.QUEUED, t.attempt + 1, "retry after attempt " + t.attempt + " failed: "
                        + result.message());
                if (t.exp.state == ExperimentState.ACTIVE) {
                    enqueue(t);
                }
            } else {
                change(t, s == TrialStatus.FAILED ? TrialState.FAILED : TrialState.CANCELLED, t.attempt,
                        result.message());
            }
            checkFinished(t.exp);
            dispatch();
            maybeCompact();
        }
        notifyAll();
    }

    private void change(Trial t, TrialState state, int attempt, String message) {
        // Group commit: the run directory, not the journal, is the record of a finished run.
        journal.append(new Journal.TrialChanged(t.def.runId(), state, attempt, message, clock.instant()), false);
        setState(t, state);
        t.attempt = attempt;
        t.message = message == null ? "" : message;
        TrialInfo info = info(t);
        for (Consumer<TrialInfo> l : listeners) {
            try {
                l.accept(info);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a scheduler listener failed", e);
            }
        }
        events.publish(new EngineEvent.TrialChanged(clock.instant(), info));
    }

    private static void setState(Trial t, TrialState state) {
        if (t.state.terminal() != state.terminal()) {
            t.exp.open += state.terminal() ? -1 : 1;
        }
        t.state = state;
    }

    private void setExperimentState(Exp exp, ExperimentState state) {
        journal.append(new Journal.ExperimentChanged(exp.info.id(), state, clock.instant()));
        exp.state = state;
        writeExperiment(exp);
        if (events.hasListeners()) {
            events.publish(new EngineEvent.ExperimentChanged(clock.instant(), status(exp)));
        }
    }

    private void checkFinished(Exp exp) {
        if (exp.state == ExperimentState.FINISHED || exp.open > 0) {
            return;
        }
        if (exp.state != ExperimentState.CANCELLED) {
            setExperimentState(exp, ExperimentState.FINISHED);
        } else {
            writeExperiment(exp);
        }
    }

    // ------------------------------------------------------------------ cron

    private void armCron(Exp exp) {
        if (exp.info.schedule() == null || exp.state == ExperimentState.CANCELLED || closed) {
            return;
        }
        CronSchedule cron = CronSchedule.parse(exp.info.schedule());
        Instant from = exp.lastFired != null ? exp.lastFired : exp.info.submitted();
        ZonedDateTime next = cron.next(ZonedDateTime.ofInstant(from, ZoneId.systemDefault()));
        long delay = Math.max(0, next.toInstant().toEpochMilli() - clock.millis());
        exp.cron = timer.schedule(() -> fire(exp.info.id(), next.toInstant()), delay, TimeUnit.MILLISECONDS);
    }

    private void fire(String experimentId, Instant at) {
        Exp exp;
        synchronized (this) {
            exp = experiments.get(experimentId);
            if (exp == null || closed || exp.state == ExperimentState.CANCELLED) {
                return;
            }
            journal.append(new Journal.CronFired(experimentId, at));
            exp.lastFired = at;
        }
        try {
            submit(exp.info.specText(), exp.info.name() + " (cron " + exp.info.schedule() + ")", exp.info.user(),
                    experimentId);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "scheduled experiment " + experimentId + " could not be submitted at "
                    + at + ": " + e.getMessage());
        }
        synchronized (this) {
            armCron(exp);
        }
    }

    // ------------------------------------------------------------------ views

    /**
     * Listens to trial state changes (called under the scheduler's lock: return quickly).
     *
     * @param listener the listener
     */
    public void addListener(Consumer<TrialInfo> listener) {
        listeners.add(listener);
    }

    /**
     * The engine's events: trial and experiment state changes from the scheduler, progress and
     * metric points from the executors that share this bus. Delivered off the scheduler's lock.
     *
     * @return the event bus
     */
    public EngineEvents events() {
        return events;
    }

    /**
     * Every experiment, live and ended, newest first.
     *
     * @return their status
     */
    public synchronized List<ExperimentStatus> experiments() {
        Map<String, ExperimentStatus> all = new LinkedHashMap<>(archived);
        experiments.values().forEach(e -> all.put(e.info.id(), status(e)));
        List<ExperimentStatus> out = new ArrayList<>(all.values());
        out.sort(Comparator.comparing((ExperimentStatus s) -> s.info().submitted()).reversed()
                .thenComparing(s -> s.info().id(), Comparator.reverseOrder()));
        return out;
    }

    /**
     * One experiment.
     *
     * @param id its id
     * @return its status, if known
     */
    public synchronized Optional<ExperimentStatus> experiment(String id) {
        Exp e = experiments.get(id);
        return e != null ? Optional.of(status(e)) : Optional.ofNullable(archived.get(id));
    }

    /**
     * The trials of a live experiment.
     *
     * @param experimentId the experiment
     * @return its trials in expansion order; empty when it has ended and was compacted away
     */
    public synchronized List<TrialInfo> trialsOf(String experimentId) {
        Exp e = experiments.get(experimentId);
        return e == null ? List.of() : e.trials.stream().map(this::info).toList();
    }

    /**
     * One live trial.
     *
     * @param runId its run id
     * @return its state, if it belongs to a live experiment
     */
    public synchronized Optional<TrialInfo> trial(String runId) {
        return Optional.ofNullable(trials.get(runId)).map(this::info);
    }

    /**
     * The queue: running trials first, then queued ones in the order they would be considered.
     *
     * @return the trials
     */
    public synchronized List<TrialInfo> queue() {
        List<TrialInfo> out = new ArrayList<>();
        for (Exp e : experiments.values()) {
            for (Trial t : e.trials) {
                if (t.state == TrialState.RUNNING) {
                    out.add(info(t));
                }
            }
        }
        ready.values().forEach(q -> q.forEach(t -> out.add(info(t))));
        return out;
    }

    /**
     * Waits until no trial is queued or running, or the time is up.
     *
     * @param timeoutMillis the most to wait
     * @return whether the queue drained
     * @throws InterruptedException if interrupted
     */
    public synchronized boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (running > 0 || !ready.isEmpty()) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    private TrialInfo info(Trial t) {
        double progress = t.state == TrialState.RUNNING && t.execution != null ? t.execution.progress()
                : t.state == TrialState.SUCCEEDED ? 1.0 : t.finalProgress;
        return new TrialInfo(t.def.runId(), t.exp.info.id(), t.exp.info.user(), t.exp.info.priority(), t.state,
                t.attempt, progress, t.message, t.def);
    }

    private ExperimentStatus status(Exp e) {
        Map<TrialState, Integer> counts = new EnumMap<>(TrialState.class);
        for (Trial t : e.trials) {
            counts.merge(t.state, 1, Integer::sum);
        }
        return new ExperimentStatus(e.info, e.state, counts);
    }

    private void writeExperiment(Exp exp) {
        ExperimentStatus s = status(exp);
        try {
            AtomicFiles.write(experimentsDir.resolve(exp.info.id() + ".json"),
                    Journal.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(s)
                            .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write experiment record " + exp.info.id(), e);
        }
    }

    // ------------------------------------------------------------------ compaction

    private void maybeCompact() {
        if (journal.appendedSinceCompaction() >= COMPACT_AFTER) {
            try {
                compact();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot compact the scheduler journal", e);
            }
        }
    }

    /** Rewrites the journal with the live experiments only; ended ones move to the archive. */
    private void compact() throws IOException {
        List<Journal.Entry> live = new ArrayList<>();
        List<String> done = new ArrayList<>();
        Instant now = clock.instant();
        for (Exp e : experiments.values()) {
            boolean ended = e.state == ExperimentState.CANCELLED
                    || (e.state == ExperimentState.FINISHED && e.info.schedule() == null);
            if (ended) {
                done.add(e.info.id());
                continue;
            }
            List<TrialDef> defs = e.trials.stream().map(t -> t.def).toList();
            live.add(new Journal.Submitted(e.info, defs));
            if (e.state != ExperimentState.ACTIVE) {
                live.add(new Journal.ExperimentChanged(e.info.id(), e.state, now));
            }
            if (e.lastFired != null) {
                live.add(new Journal.CronFired(e.info.id(), e.lastFired));
            }
            for (Trial t : e.trials) {
                if (t.state != TrialState.QUEUED || t.attempt != 1 || !t.message.isEmpty()) {
                    live.add(new Journal.TrialChanged(t.def.runId(), t.state, t.attempt, t.message, now));
                }
            }
        }
        journal.compact(live);
        for (String id : done) {
            Exp e = experiments.remove(id);
            writeExperiment(e);
            archived.put(id, status(e));
            e.trials.forEach(t -> trials.remove(t.def.runId()));
        }
    }

    /**
     * Stops dispatching and the timers; running trials are left to the executor, which stops them
     * when it is closed. The journal keeps them as running, so the next start treats them as
     * interrupted.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        timer.shutdownNow();
        journal.close();
        if (ownsEvents) {
            events.close();
        }
    }
}
