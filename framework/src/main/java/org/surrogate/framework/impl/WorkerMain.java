package org.surrogate.framework.impl;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.felix.framework.Felix;
import org.surrogate.framework.engine.TrialExecutor;
import org.surrogate.framework.trials.SlotBinding;
import org.surrogate.framework.trials.TrialResult;
import org.surrogate.repository.RunStore;

/**
 * The forked worker JVM of {@link WorkerExecutor}: loads the server's bundles into its own Felix,
 * runs one trial writing its run directory, and talks to the server over its standard streams.
 *
 * <p>Arguments: {@code FELIX_CACHE SYSTEM_BUNDLES RUNS_DIR JAR...}. Standard input: the trial as
 * one JSON line ({@link TrialExecutor.TrialLaunch}), then optional command lines
 * {@code {"cancel": "why"}} or {@code {"fail": "why"}}. Standard output: JSON lines
 * {@code {"ready": ms}}, {@code {"progress": f}} and finally {@code {"end": "SUCCEEDED", "message": ""}};
 * logs go to standard error.
 */
public final class WorkerMain {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private WorkerMain() {
    }

    /**
     * Runs one trial.
     *
     * @param args the cache folder, the system bundles folder, the runs folder, the bundle jars
     * @throws Exception if the worker cannot start
     */
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        System.setOut(System.err); // plugins that print must not corrupt the protocol
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: WorkerMain FELIX_CACHE SYSTEM_BUNDLES RUNS_DIR JAR...");
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String first = in.readLine();
        if (first == null) {
            throw new IllegalStateException("no trial on standard input");
        }
        TrialExecutor.TrialLaunch launch = JSON.readValue(first, TrialExecutor.TrialLaunch.class);

        Nd4jBootstrap.initialise();
        Felix felix = FelixHost.startFelix(Path.of(args[0]));
        FelixHost.installSystemBundles(felix.getBundleContext(), Path.of(args[1]));
        PluginRegistryImpl registry = new PluginRegistryImpl(felix.getBundleContext());
        Path workDir = Path.of(args[0]).getParent();
        BundleManagerImpl bundles = new BundleManagerImpl(felix.getBundleContext(), registry,
                new BundleState(workDir.resolve("bundles.json")), Files.createDirectories(workDir.resolve("store")));
        List<Path> jars = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            jars.add(Path.of(args[i]));
        }
        bundles.installJars(jars);
        awaitPlugins(registry, launch);
        // Metric points go to the server as they are logged, for its live event stream.
        org.surrogate.framework.engine.EngineEvents events = new org.surrogate.framework.engine.EngineEvents();
        events.subscribe(e -> {
            if (e instanceof org.surrogate.framework.engine.EngineEvent.MetricPoint m) {
                write(out, Map.of("metric", m.name(), "step", m.step(), "value", m.value()));
            }
        });
        TrialRunnerImpl runner = new TrialRunnerImpl(registry, bundles,
                RunSink.of(new RunStore(Path.of(args[2]))), "worker", events);
        bundles.setTrials(runner);
        write(out, Map.of("ready", (System.nanoTime() - t0) / 1_000_000));

        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<TrialResult> result = new AtomicReference<>();
        TrialExecutor.Execution ex = runner.launch(launch, r -> {
            result.set(r);
            ended.countDown();
        });
        Thread commands = new Thread(() -> {
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    JsonNode cmd = JSON.readTree(line);
                    if (cmd.has("cancel")) {
                        ex.cancel(cmd.get("cancel").asText());
                    } else if (cmd.has("fail")) {
                        ex.fail(cmd.get("fail").asText());
                    }
                }
                // The server went away: stop.
                ex.cancel("the server closed the worker's input");
            } catch (Exception e) {
                ex.cancel("the worker's command stream broke: " + e);
            }
        }, "worker-commands");
        commands.setDaemon(true);
        commands.start();
        double last = -1;
        while (!ended.await(250, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            double p = ex.progress();
            if (p != last) {
                last = p;
                write(out, Map.of("progress", p));
            }
        }
        TrialResult r = result.get();
        write(out, Map.of("end", r.status().name(), "message", r.message() == null ? "" : r.message()));
        out.flush();
        // The run directory is written; stopping Felix would only cost time.
        Runtime.getRuntime().halt(0);
    }

    private static void awaitPlugins(PluginRegistryImpl registry, TrialExecutor.TrialLaunch launch)
            throws InterruptedException {
        List<String> ids = new ArrayList<>();
        ids.add(launch.trial().request().protocol());
        for (List<SlotBinding> list : launch.trial().request().slots().values()) {
            list.forEach(b -> ids.add(b.plugin()));
        }
        long deadline = System.currentTimeMillis() + 60_000;
        for (String id : ids) {
            while (registry.entry(id).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
        }
    }

    private static synchronized void write(PrintStream out, Map<String, Object> message) {
        try {
            out.println(JSON.writeValueAsString(message));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
