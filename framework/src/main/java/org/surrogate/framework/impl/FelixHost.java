package org.surrogate.framework.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import org.surrogate.framework.engine.EngineConfig;
import org.surrogate.framework.engine.EngineEvents;
import org.surrogate.framework.engine.Scheduler;
import org.surrogate.repository.RunRepository;
import org.surrogate.repository.RunStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;
import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.surrogate.framework.HostConfig;
import org.surrogate.framework.SurrogateHost;
import org.surrogate.framework.bundles.BundleManager;
import org.surrogate.framework.plugins.PluginRegistry;
import org.surrogate.framework.trials.TrialRunner;

/**
 * The host: an embedded Apache Felix whose system bundle exports the host's class path (plugins-api
 * with its versions, ND4J) to plugin bundles, with Felix SCR for Declarative Services.
 */
public final class FelixHost implements SurrogateHost {

    private static final System.Logger LOG = System.getLogger(FelixHost.class.getName());

    private final Felix felix;
    private final PluginRegistryImpl registry;
    private final BundleManagerImpl bundles;
    private final TrialRunnerImpl trials;
    private final HotDeployWatcher watcher;
    private final RunRepository repository;
    private final Scheduler scheduler;
    private final WorkerExecutor workers;
    private final EngineEvents events;
    private final Path dataDir;
    private org.surrogate.framework.catalog.CatalogService catalog;

    private FelixHost(Felix felix, PluginRegistryImpl registry, BundleManagerImpl bundles, TrialRunnerImpl trials,
                      HotDeployWatcher watcher, RunRepository repository, Scheduler scheduler,
                      WorkerExecutor workers, EngineEvents events, Path dataDir) {
        this.felix = felix;
        this.dataDir = dataDir;
        this.events = events;
        this.workers = workers;
        this.repository = repository;
        this.scheduler = scheduler;
        this.registry = registry;
        this.bundles = bundles;
        this.trials = trials;
        this.watcher = watcher;
    }

    /**
     * Starts the host; see {@link SurrogateHost#start(HostConfig)}.
     *
     * @param config the configuration
     * @return the running host
     * @throws Exception if the container cannot start
     */
    public static FelixHost start(HostConfig config) throws Exception {
        long t0 = System.nanoTime();
        // ND4J keeps the context class loader of the first thread that touches it. That must be the
        // host's, before any bundle can touch it (ARCHITECTURE.md, facts about the stack).
        Nd4jBootstrap.initialise();
        long t1 = System.nanoTime();

        Path data = config.dataDir().toAbsolutePath();
        Files.createDirectories(data);
        Felix felix = startFelix(data.resolve("felix-cache"));
        BundleContext ctx = felix.getBundleContext();
        long t2 = System.nanoTime();
        PluginRegistryImpl registry = null;
        RunRepository repository = null;
        try {
            repository = RunRepository.open(data);
            installSystemBundles(ctx, config.systemBundlesDir());
            registry = new PluginRegistryImpl(ctx);
            BundleManagerImpl bundles = new BundleManagerImpl(ctx, registry,
                    new BundleState(data.resolve("bundles.json")), data.resolve("bundle-store"));
            EngineEvents events = new EngineEvents();
            TrialRunnerImpl trials = new TrialRunnerImpl(registry, bundles, repository, events);
            bundles.setTrials(trials);
            bundles.removeLeftoverRetired();
            bundles.installBuiltins(config.builtinBundlesDir());
            HotDeployWatcher watcher = config.watchHotDeploy()
                    ? new HotDeployWatcher(config.hotDeployDir(), bundles, registry, 1000) : null;
            RunRepository runs = repository;
            WorkerExecutor workers = new WorkerExecutor(trials, bundles, repository, data, config.systemBundlesDir(),
                    events);
            Scheduler scheduler = new Scheduler(data, EngineConfig.forThisMachine(), List.of(trials, workers),
                    registry, new RunDirectories(runs), Clock.systemUTC(), events);
            scheduler.start();
            LOG.log(System.Logger.Level.INFO, String.format(
                    "host ready: ND4J %.1f s, Felix %.1f s, bundles %.1f s; %d plugins",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, (System.nanoTime() - t2) / 1e9, registry.list().size()));
            return new FelixHost(felix, registry, bundles, trials, watcher, repository, scheduler, workers, events, data);
        } catch (Exception | Error e) {
            if (registry != null) {
                registry.close();
            }
            if (repository != null) {
                try {
                    repository.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            felix.stop();
            felix.waitForStop(10_000);
            throw e;
        }
    }

    /**
     * Starts an embedded Felix that exports the host class path (ND4J must be initialised first).
     *
     * @param cacheDir the framework's storage folder
     * @return the started framework
     * @throws BundleException if it cannot start
     * @throws IOException if the class path cannot be read
     */
    static Felix startFelix(Path cacheDir) throws BundleException, IOException {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(Constants.FRAMEWORK_STORAGE, cacheDir.toString());
        cfg.put(Constants.FRAMEWORK_STORAGE_CLEAN, "none");
        cfg.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                SystemPackages.exportsOf(SystemPackages.currentClassPath()));
        cfg.put("felix.log.level", "1");
        // An update installs the new version beside the old one until the old one's trials end;
        // both may carry the same symbolic name and version (a rebuilt snapshot).
        cfg.put(Constants.FRAMEWORK_BSNVERSION, Constants.FRAMEWORK_BSNVERSION_MULTIPLE);
        Felix felix = new Felix(cfg);
        felix.init();
        felix.start();
        return felix;
    }

    /** What recovery learns from and writes to the run directories of trials that were running. */
    private record RunDirectories(RunRepository runs) implements Scheduler.InterruptionRecorder {

        /** Marks a run that was running when the server stopped; its partial metrics stay. */
        @Override
        public void interrupted(String runId, String why) {
            try {
                runs.get(runId).ifPresent(r -> runs.save(r.toBuilder().status(RunStatus.INTERRUPTED).message(why)
                        .ended(r.ended() != null ? r.ended() : Instant.now()).build()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot mark run " + runId + " interrupted: " + e.getMessage());
            }
        }

        @Override
        public boolean succeeded(String runId, int attempt) {
            try {
                return runs.get(runId).map(r -> r.status() == RunStatus.SUCCEEDED && r.attempt() == attempt)
                        .orElse(false);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot read run " + runId + ": " + e.getMessage());
                return false;
            }
        }
    }

    /** Installs and starts the infrastructure bundles (SCR and the DS API), upgrading changed ones. */
    static void installSystemBundles(BundleContext ctx, Path dir) throws IOException, BundleException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("system bundle folder " + dir + " does not exist: it must hold Felix SCR and the"
                    + " OSGi DS API bundles (the distribution's system-bundles/ folder)");
        }
        List<Bundle> installed = new ArrayList<>();
        try (var s = Files.list(dir)) {
            for (Path jar : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".jar")).sorted()::iterator) {
                byte[] bytes = Files.readAllBytes(jar);
                Manifest mf = BundleManagerImpl.manifestOf(jar.getFileName().toString(), bytes);
                String bsn = BundleManagerImpl.symbolicName(jar.getFileName().toString(), mf);
                String location = BundleManagerImpl.SYSTEM_LOCATION + bsn;
                Bundle b = ctx.getBundle(location);
                Version v = Version.parseVersion(mf.getMainAttributes().getValue(Constants.BUNDLE_VERSION));
                if (b == null) {
                    b = ctx.installBundle(location, new java.io.ByteArrayInputStream(bytes));
                } else if (!b.getVersion().equals(v)) {
                    b.update(new java.io.ByteArrayInputStream(bytes));
                }
                installed.add(b);
            }
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null && b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
    }

    /** The framework's context, for benchmarks and tests in this package. */
    BundleContext context() {
        return felix.getBundleContext();
    }

    /**
     * The plugin catalog of this host's data folder ({@code catalogs.json}), opened on first use.
     *
     * @return the catalog service
     */
    @Override
    public synchronized org.surrogate.framework.catalog.CatalogService catalog() {
        if (catalog == null) {
            catalog = org.surrogate.framework.catalog.CatalogService.open(dataDir, bundles);
        }
        return catalog;
    }

    @Override
    public PluginRegistry plugins() {
        return registry;
    }

    @Override
    public BundleManager bundles() {
        return bundles;
    }

    @Override
    public TrialRunner trials() {
        return trials;
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public RunRepository runs() {
        return repository;
    }

    @Override
    public EngineEvents events() {
        return events;
    }

    /**
     * Stops the scheduler (trials still running stay "running" in its journal, so the next start
     * re-queues them as interrupted), the trials, the repository and the container.
     */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        scheduler.close();
        workers.close();
        trials.close();
        events.close();
        try {
            repository.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot close the results repository: " + e.getMessage());
        }
        registry.close();
        try {
            felix.stop();
            felix.waitForStop(30_000);
        } catch (BundleException e) {
            throw new IllegalStateException("cannot stop the OSGi container: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
