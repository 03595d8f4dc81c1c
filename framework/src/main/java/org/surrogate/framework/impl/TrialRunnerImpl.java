package org.surrogate.framework.impl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
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
import org.surrogate.repository.AtomicFiles;

/**
 * Runs trials on named server threads. A trial resolves its plugins and takes a lease on their
 * bundles before it starts; the lease keeps the bundle from being refreshed under it.
 */
final class TrialRunnerImpl implements TrialRunner, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TrialRunnerImpl.class.getName());
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final PluginRegistryImpl registry;
    private final BundleManagerImpl bundles;
    private final Path runsDir;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, TrialRun> trials = new LinkedHashMap<>();
    private final ExecutorService executor;

    TrialRunnerImpl(PluginRegistryImpl registry, BundleManagerImpl bundles, Path runsDir) {
        this.registry = registry;
        this.bundles = bundles;
        this.runsDir = runsDir;
        AtomicLong threads = new AtomicLong();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "surrogate-trial-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public TrialHandle start(TrialRequest request) {
        List<String> problems = new ArrayList<>();
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
        String id = ID_TIME.format(LocalDateTime.now()) + "-" + String.format("%04d", sequence.incrementAndGet());
        TrialRun run = new TrialRun(id, request, runsDir.resolve(id), protocol, protocolParams, slots, versions,
                List.copyOf(bundleIds));
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
                }
            });
        } catch (RuntimeException e) {
            bundles.release(run.bundleIds());
            run.markDone();
            throw new IllegalStateException("cannot start trial " + id + ": " + e.getMessage(), e);
        }
        return run;
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
        bundleIds.add(e.info().bundleId());
    }

    private void persist(TrialRun run) {
        try {
            AtomicFiles.write(runsDir.resolve(run.id()).resolve("trial.json"),
                    json.writeValueAsBytes(run.snapshot()));
            AtomicFiles.write(runsDir.resolve(run.id()).resolve("log.txt"),
                    String.join("\n", run.logLines()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot write the record of trial " + run.id() + " to " + runsDir, e);
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
