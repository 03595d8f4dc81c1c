package org.surrogate.framework.impl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.protocol.Configured;
import org.surrogate.api.protocol.Protocol;
import org.surrogate.api.protocol.SlotSpec;
import org.surrogate.framework.trials.SlotBinding;
import org.surrogate.framework.trials.TrialHandle;
import org.surrogate.framework.trials.TrialRequest;
import org.surrogate.framework.trials.TrialResult;
import org.surrogate.framework.trials.TrialRunner;
import org.surrogate.framework.bundles.BundleInfo;
import org.surrogate.framework.engine.EngineEvents;
import org.surrogate.framework.engine.ExperimentInfo;
import org.surrogate.framework.engine.TrialExecutor;
import org.surrogate.repository.AtomicFiles;
import org.surrogate.repository.PluginUse;
import org.surrogate.repository.RunRecord;
import org.surrogate.repository.RunRepository;
import org.surrogate.repository.RunStatus;
import org.surrogate.repository.RunStore;

/**
 * Runs trials on named server threads. A trial resolves its plugins and takes a lease on their
 * bundles before it starts; the lease keeps the bundle from being refreshed under it.
 */
final class TrialRunnerImpl implements TrialRunner, TrialExecutor, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TrialRunnerImpl.class.getName());
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final PluginRegistryImpl registry;
    private final BundleManagerImpl bundles;
    private final RunSink repository;
    private final String executorName;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, TrialRun> trials = new LinkedHashMap<>();
    private final ExecutorService executor;
    private final EngineEvents events;

    TrialRunnerImpl(PluginRegistryImpl registry, BundleManagerImpl bundles, RunRepository repository,
                    EngineEvents events) {
        this(registry, bundles, RunSink.of(repository), "threads", events);
    }

    TrialRunnerImpl(PluginRegistryImpl registry, BundleManagerImpl bundles, RunSink sink, String executorName,
                    EngineEvents events) {
        this.events = events;
        this.registry = registry;
        this.bundles = bundles;
        this.repository = sink;
        this.executorName = executorName;
        AtomicLong threads = new AtomicLong();
        int nice = TrialPriority.configured();
        this.executor = Executors.newCachedThreadPool(r -> {
            // Trials yield the CPU to the console; pools their plugins start inherit the priority.
            Thread t = new Thread(TrialPriority.lowered(r, nice), "surrogate-trial-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return executorName;
    }

    @Override
    public TrialHandle start(TrialRequest request) {
        String id = "t" + ID_TIME.format(LocalDateTime.now()) + "-" + String.format("%04d", sequence.incrementAndGet());
        return begin(prepare(request), id, null, 1, null);
    }

    @Override
    public Execution launch(TrialLaunch launch, Consumer<TrialResult> onEnd) {
        return begin(prepare(launch.trial().request()), launch.trial().runId(), launch.experiment(), launch.attempt(),
                onEnd);
    }

    /** A validated request with its plugins resolved. */
    record Prepared(TrialRequest request, Protocol protocol, Params protocolParams,
                            Map<String, List<Configured<? extends Plugin>>> slots, Map<String, String> versions,
                            List<PluginUse> uses, List<Long> bundleIds) {
    }

    Prepared prepare(TrialRequest request) {
        List<String> problems = new ArrayList<>();
        List<PluginUse> uses = new ArrayList<>();
        Map<String, String> versions = new LinkedHashMap<>();
        Set<Long> bundleIds = new LinkedHashSet<>();

        Optional<PluginRegistryImpl.Entry> pe = registry.entry(request.protocol());
        if (pe.isEmpty() || pe.get().info().kind() != PluginKind.PROTOCOL) {
            problems.add("protocol: " + (pe.isEmpty() ? "no plugin '" + request.protocol() + "' is installed"
                    : "'" + request.protocol() + "' is a " + pe.get().info().kind().label() + ", not a protocol")
                    + "; installed protocols: " + idsOf(PluginKind.PROTOCOL));
            throw new InvalidParamsException(problems);
        }
        Protocol protocol = (Protocol) pe.get().plugin();
        use(pe.get(), versions, bundleIds);
        uses.add(pluginUse("protocol", pe.get()));
        Params protocolParams = validate(pe.get(), request.params(), "params", problems);

        Map<String, List<Configured<? extends Plugin>>> slots = new LinkedHashMap<>();
        List<SlotSpec> declared = pe.get().info().slots();
        Set<String> declaredNames = new LinkedHashSet<>();
        for (SlotSpec slot : declared) {
            declaredNames.add(slot.name());
            List<SlotBinding> bindings = request.slots().getOrDefault(slot.name(), List.of());
            if (bindings.size() < slot.min() || bindings.size() > slot.max()) {
                problems.add("slots." + slot.name() + ": protocol '" + request.protocol() + "' needs "
                        + range(slot) + " " + slot.kind().label() + (slot.max() == 1 ? "" : "s") + ", found "
                        + bindings.size());
            }
            List<Configured<? extends Plugin>> configured = new ArrayList<>();
            Set<String> labels = new LinkedHashSet<>();
            for (int i = 0; i < bindings.size(); i++) {
                SlotBinding b = bindings.get(i);
                String path = "slots." + slot.name() + "[" + i + "]";
                Optional<PluginRegistryImpl.Entry> e = registry.entry(b.plugin());
                if (e.isEmpty()) {
                    problems.add(path + ".plugin: no plugin '" + b.plugin() + "' is installed; installed "
                            + slot.kind().label() + "s: " + idsOf(slot.kind()));
                    continue;
                }
                if (e.get().info().kind() != slot.kind()) {
                    problems.add(path + ".plugin: '" + b.plugin() + "' is a " + e.get().info().kind().label()
                            + ", slot '" + slot.name() + "' takes " + slot.kind().label() + "s");
                    continue;
                }
                String label = b.label() == null ? b.plugin() : b.label();
                if (!labels.add(label)) {
                    problems.add(path + ".label: '" + label + "' is used twice in slot '" + slot.name()
                            + "'; give each a distinct label");
                }
                Params params = validate(e.get(), b.params(), path + ".params", problems);
                if (params != null) {
                    configured.add(new Configured<>(e.get().plugin(), params, label));
                }
                use(e.get(), versions, bundleIds);
                uses.add(pluginUse(slot.name(), e.get()));
            }
            slots.put(slot.name(), List.copyOf(configured));
        }
        for (String name : request.slots().keySet()) {
            if (!declaredNames.contains(name)) {
                problems.add("slots." + name + ": protocol '" + request.protocol() + "' has no such slot; it has: "
                        + String.join(", ", declaredNames));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidParamsException(problems);
        }
        return new Prepared(request, protocol, protocolParams, slots, versions, uses, List.copyOf(bundleIds));
    }

    private TrialRun begin(Prepared p, String id, ExperimentInfo experiment, int attempt,
                           Consumer<TrialResult> onEnd) {
        Instant now = Instant.now();
        RunRecord base = RunRecord.builder(id)
                .experimentId(experiment == null ? null : experiment.id())
                .user(experiment == null ? null : experiment.user())
                .status(RunStatus.RUNNING)
                .attempt(attempt)
                .description(experiment == null ? null : experiment.name()
                        + (experiment.description() == null ? "" : ": " + experiment.description()))
                .tags(experiment == null ? List.of() : experiment.tags())
                .protocol(p.request().protocol())
                .spec(specTree(p.request()))
                .params(flatParams(p.request()))
                .plugins(p.uses())
                .seed(p.request().seed())
                .environment(environment(executorName))
                .created(now)
                .started(now)
                .build();
        TrialRun run = new TrialRun(id, p.request(), repository.dir(id), p.protocol(), p.protocolParams(),
                p.slots(), p.versions(), p.bundleIds(), base, this::persistCurves, events);
        bundles.acquire(run.bundleIds());
        synchronized (trials) {
            trials.put(id, run);
        }
        persist(run);
        try {
            executor.execute(() -> {
                try {
                    run.execute();
                } finally {
                    persist(run);
                    bundles.release(run.bundleIds());
                    run.markDone();
                    if (onEnd != null) {
                        onEnd.accept(run.snapshot());
                    }
                }
            });
        } catch (RuntimeException e) {
            bundles.release(run.bundleIds());
            run.markDone();
            throw new IllegalStateException("cannot start trial " + id + ": " + e.getMessage(), e);
        }
        return run;
    }

    private PluginUse pluginUse(String slot, PluginRegistryImpl.Entry e) {
        String sha = null;
        for (BundleInfo b : bundles.list()) {
            if (b.id() == e.info().bundleId()) {
                sha = b.sha256() == null || b.sha256().isEmpty() ? null : b.sha256();
            }
        }
        return new PluginUse(slot, e.info().id(), e.info().version(), e.info().bundle(), sha);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> specTree(TrialRequest request) {
        return json.convertValue(request, Map.class);
    }

    /**
     * The trial's parameters by {@code <label>.<name>} (protocol parameters as {@code protocol.<name>}),
     * numbers as numbers and everything else as text, for search.
     */
    static Map<String, Object> flatParams(TrialRequest request) {
        Map<String, Object> out = new LinkedHashMap<>();
        request.params().forEach((k, v) -> out.put("protocol." + k, flat(v)));
        request.slots().forEach((slot, bindings) -> {
            for (SlotBinding b : bindings) {
                String label = b.label() == null ? b.plugin() : b.label();
                b.params().forEach((k, v) -> out.put(label + "." + k, flat(v)));
            }
        });
        return out;
    }

    private static Object flat(Object v) {
        return v instanceof Number || v instanceof Boolean || v instanceof String ? v : String.valueOf(v);
    }

    private static Map<String, String> environment(String executorName) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        env.put("maxHeapMb", String.valueOf(Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        try {
            env.put("host", java.net.InetAddress.getLocalHost().getHostName());
        } catch (java.io.IOException e) {
            env.put("host", "unknown");
        }
        env.put("executor", executorName);
        return env;
    }

    private static String range(SlotSpec s) {
        if (s.min() == s.max()) {
            return "exactly " + s.min();
        }
        return s.max() == Integer.MAX_VALUE ? "at least " + s.min() : s.min() + " to " + s.max();
    }

    private String idsOf(PluginKind kind) {
        List<String> ids = new ArrayList<>();
        registry.list().forEach(p -> {
            if (p.kind() == kind) {
                ids.add(p.id());
            }
        });
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    private static Params validate(PluginRegistryImpl.Entry e, Map<String, Object> raw, String path,
                                   List<String> problems) {
        try {
            return e.info().params().validate(raw, path);
        } catch (InvalidParamsException ex) {
            problems.addAll(ex.problems());
            return null;
        }
    }

    private static void use(PluginRegistryImpl.Entry e, Map<String, String> versions, Set<Long> bundleIds) {
        versions.put(e.info().id(), e.info().version());
        withProviders(e.bundle(), bundleIds);
        bundleIds.add(e.info().bundleId());
    }

    /**
     * Adds the plugin bundles that {@code b} imports packages from (transitively, providers first),
     * so that a trial leases them too and a worker JVM installs them (casr uses sequential's models).
     */
    private static void withProviders(org.osgi.framework.Bundle b, Set<Long> bundleIds) {
        org.osgi.framework.wiring.BundleWiring wiring = b.adapt(org.osgi.framework.wiring.BundleWiring.class);
        if (wiring == null) {
            return;
        }
        for (org.osgi.framework.wiring.BundleWire w
                : wiring.getRequiredWires(org.osgi.framework.namespace.PackageNamespace.PACKAGE_NAMESPACE)) {
            org.osgi.framework.Bundle provider = w.getProvider().getBundle();
            if (provider.getLocation().startsWith(BundleManagerImpl.PLUGIN_LOCATION)
                    && !bundleIds.contains(provider.getBundleId())) {
                withProviders(provider, bundleIds);
                bundleIds.add(provider.getBundleId());
            }
        }
    }

    private void persist(TrialRun run) {
        try {
            repository.save(run.record());
            repository.saveCurves(run.id(), run.curves());
            AtomicFiles.write(repository.dir(run.id()).resolve(RunStore.LOG_FILE),
                    (String.join("\n", run.logLines()) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot write the record of trial " + run.id(), e);
        }
    }

    private void persistCurves(TrialRun run) {
        try {
            repository.flushCurves(run.id(), run.curves());
            AtomicFiles.write(repository.dir(run.id()).resolve(RunStore.LOG_FILE),
                    (String.join("\n", run.logLines()) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot write the metrics of trial " + run.id(), e);
        }
    }

    /**
     * Cancels the running trials that use a bundle and waits for them to end.
     *
     * @return how many were cancelled
     */
    int cancelUsing(long bundleId, String reason, Duration wait) {
        List<TrialRun> using = new ArrayList<>();
        synchronized (trials) {
            for (TrialRun r : trials.values()) {
                if (!r.isDone() && r.bundleIds().contains(bundleId)) {
                    using.add(r);
                }
            }
        }
        using.forEach(r -> r.cancel(reason));
        long deadline = System.nanoTime() + wait.toNanos();
        for (TrialRun r : using) {
            try {
                r.await(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (TimeoutException e) {
                LOG.log(System.Logger.Level.WARNING, "trial " + r.id() + " did not stop within " + wait
                        + " after: " + reason);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return using.size();
    }

    @Override
    public Optional<TrialHandle> find(String id) {
        synchronized (trials) {
            return Optional.ofNullable(trials.get(id));
        }
    }

    @Override
    public List<TrialResult> list() {
        List<TrialResult> out = new ArrayList<>();
        synchronized (trials) {
            trials.values().forEach(r -> out.add(r.snapshot()));
        }
        return out;
    }

    @Override
    public void close() {
        synchronized (trials) {
            trials.values().forEach(r -> r.cancel("the server is shutting down"));
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "trials still running after 30 s at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
