package org.surrogate.console.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.protocol.SlotSpec;
import org.surrogate.framework.SurrogateHost;
import org.surrogate.framework.bundles.BundleInfo;
import org.surrogate.framework.bundles.BundleManager;
import org.surrogate.framework.bundles.BundleRejectedException;
import org.surrogate.framework.plugins.PluginInfo;
import org.surrogate.framework.plugins.PluginRegistry;
import org.surrogate.framework.trials.TrialHandle;
import org.surrogate.framework.trials.TrialRequest;
import org.surrogate.framework.trials.TrialResult;
import org.surrogate.framework.trials.TrialRunner;
import org.surrogate.framework.trials.TrialStatus;

/**
 * An in-memory stand-in for the Felix host: two plugins, one bundle, uploads parsed for their
 * manifest, and trials that run until the test finishes or cancels them.
 */
public final class FakeHost implements SurrogateHost {

    /** The symbolic name of the one bundle installed at start. */
    public static final String BUILTIN_BSN = "org.surrogate.bundles.popularity";

    private final Map<String, PluginInfo> plugins = new TreeMap<>();
    private final Map<String, BundleInfo> bundles = new TreeMap<>();
    private final Map<String, FakeTrial> trials = new LinkedHashMap<>();
    private long nextBundleId = 10;
    private int nextTrial = 1;
    private volatile boolean closed;
    private final Registry registry = new Registry();
    private final Bundles bundleManager = new Bundles();
    private final Trials trialRunner = new Trials();

    /** The plugin catalog served, when a test sets one; otherwise the host has none. */
    public volatile org.surrogate.framework.catalog.CatalogService catalog;

    /**
     * The bundle manager, for a test that builds a catalog service over it.
     *
     * @return the fake bundle manager
     */
    public BundleManager bundleManager() {
        return bundleManager;
    }

    @Override
    public org.surrogate.framework.catalog.CatalogService catalog() {
        org.surrogate.framework.catalog.CatalogService c = catalog;
        return c == null ? SurrogateHost.super.catalog() : c;
    }

    /** The last upload, for assertions: file name, bytes, expected SHA-256 and source. */
    public volatile Upload lastUpload;

    /**
     * An upload as the bundle manager received it.
     *
     * @param fileName the file name
     * @param jar      the bytes
     * @param sha256   the expected SHA-256 or null
     * @param source   the source
     */
    public record Upload(String fileName, byte[] jar, String sha256, String source) {
    }

    /** Creates the host with a recommender and a protocol from one built-in bundle. */
    public FakeHost() {
        ParamSchema popularityParams = ParamSchema.of(
                ParamSpec.intParam("minCount").defaultValue(0).range(0, 1_000_000)
                        .help("Ignore items with fewer interactions.").build());
        ParamSchema holdoutParams = ParamSchema.of(
                ParamSpec.doubleParam("testFraction").defaultValue(0.2).range(0, 1)
                        .help("Share of each user's interactions held out.").build(),
                ParamSpec.choiceParam("split", "random", "temporal").defaultValue("random")
                        .help("How to choose held-out interactions.").build(),
                ParamSpec.intListParam("cutoffs").required().min(1).help("List lengths to evaluate.").build());
        plugins.put("popularity", new PluginInfo("popularity", PluginKind.RECOMMENDER, "0.1.0", BUILTIN_BSN, 7,
                "Most popular", "Ranks items by their number of training interactions.", null, popularityParams,
                List.of()));
        plugins.put("holdout", new PluginInfo("holdout", PluginKind.PROTOCOL, "0.1.0", BUILTIN_BSN, 7,
                "Hold-out evaluation", "Splits each user's interactions and ranks the held-out ones.",
                new PaperReference("Cremonesi et al., Performance of recommender algorithms on top-N tasks, RecSys"
                        + " 2010", "https://doi.org/10.1145/1864708.1864721"),
                holdoutParams,
                List.of(SlotSpec.one("data", PluginKind.GENERATOR, "The dataset."),
                        SlotSpec.oneOrMore("recommenders", PluginKind.RECOMMENDER, "The recommenders compared."))));
        bundles.put(BUILTIN_BSN, new BundleInfo(7, BUILTIN_BSN, "0.1.0", "ACTIVE", "builtin", "00".repeat(32),
                List.of("holdout", "popularity")));
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Ends a running trial successfully with one result.
     *
     * @param id the trial id
     */
    public void finish(String id) {
        FakeTrial t;
        synchronized (this) {
            t = trials.get(id);
        }
        t.end(TrialStatus.SUCCEEDED, "", Map.of("ndcg@10", 0.25));
    }

    // --- SurrogateHost

    @Override
    public PluginRegistry plugins() {
        return registry;
    }

    @Override
    public BundleManager bundles() {
        return bundleManager;
    }

    @Override
    public TrialRunner trials() {
        return trialRunner;
    }

    /** A scheduler a test sets up; without one, {@link #scheduler()} throws. */
    public volatile org.surrogate.framework.engine.Scheduler scheduler;

    @Override
    public org.surrogate.framework.engine.Scheduler scheduler() {
        if (scheduler == null) {
            throw new UnsupportedOperationException("the fake host has no scheduler");
        }
        return scheduler;
    }

    /** A results repository a test sets up; without one, {@link #runs()} throws. */
    public volatile org.surrogate.repository.RunRepository runs;

    /** An event bus a test publishes on; without one, {@link #events()} is the scheduler's. */
    public volatile org.surrogate.framework.engine.EngineEvents events;

    @Override
    public org.surrogate.repository.RunRepository runs() {
        if (runs == null) {
            throw new UnsupportedOperationException("the fake host has no results repository");
        }
        return runs;
    }

    @Override
    public org.surrogate.framework.engine.EngineEvents events() {
        return events != null ? events : scheduler().events();
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The registry: the two plugins. */
    private final class Registry implements PluginRegistry {
        @Override
        public List<PluginInfo> list() {
            synchronized (FakeHost.this) {
                return List.copyOf(plugins.values());
            }
        }

        @Override
        public Optional<PluginInfo> find(String id) {
            synchronized (FakeHost.this) {
                return Optional.ofNullable(plugins.get(id));
            }
        }

        @Override
        public Optional<org.surrogate.api.plugin.Plugin> instance(String id) {
            return Optional.empty();
        }

        @Override
        public List<String> problems() {
            return List.of();
        }
    }

    /** The bundle manager: bundles by symbolic name, read from the uploaded jar's manifest. */
    private final class Bundles implements BundleManager {
        @Override
        public List<BundleInfo> list() {
            synchronized (FakeHost.this) {
                return List.copyOf(bundles.values());
            }
        }

        @Override
        public BundleInfo install(String fileName, byte[] jar, String expectedSha256, String source) {
            synchronized (FakeHost.this) {
                lastUpload = new Upload(fileName, jar, expectedSha256, source);
                String bsn = symbolicName(fileName, jar, expectedSha256);
                if (bundles.containsKey(bsn)) {
                    throw new BundleRejectedException(fileName + ": bundle '" + bsn + "' is installed already;"
                            + " update it instead", null);
                }
                BundleInfo info = new BundleInfo(nextBundleId++, bsn, "1.0.0", "ACTIVE", source, sha256(jar),
                        List.of());
                bundles.put(bsn, info);
                return info;
            }
        }

        @Override
        public BundleInfo install(Path jar) throws IOException {
            return install(jar.getFileName().toString(), Files.readAllBytes(jar), null, "file");
        }

        @Override
        public BundleInfo install(URI url, String expectedSha256) {
            throw new UnsupportedOperationException("not in the fake");
        }

        @Override
        public BundleInfo update(String symbolicName, String fileName, byte[] jar, String expectedSha256) {
            synchronized (FakeHost.this) {
                BundleInfo old = bundles.get(symbolicName);
                if (old == null) {
                    throw new NoSuchElementException("no bundle '" + symbolicName + "' is installed");
                }
                lastUpload = new Upload(fileName, jar, expectedSha256, "upload");
                String bsn = symbolicName(fileName, jar, expectedSha256);
                if (!bsn.equals(symbolicName)) {
                    throw new BundleRejectedException(fileName + ": its symbolic name is '" + bsn + "', not '"
                            + symbolicName + "'", null);
                }
                BundleInfo info = new BundleInfo(old.id(), bsn, "2.0.0", "ACTIVE", "upload", sha256(jar),
                        old.plugins());
                bundles.put(bsn, info);
                return info;
            }
        }

        @Override
        public void uninstall(String symbolicName) {
            synchronized (FakeHost.this) {
                if (bundles.remove(symbolicName) == null) {
                    throw new NoSuchElementException("no bundle '" + symbolicName + "' is installed");
                }
            }
        }

        @Override
        public List<org.surrogate.framework.bundles.BundleVersion> history(String symbolicName) {
            return List.of();
        }

        @Override
        public BundleInfo rollback(String symbolicName) {
            throw new IllegalStateException("the fake host keeps no earlier versions of '" + symbolicName + "'");
        }
    }

    /** The trial runner: checks the protocol and its parameters, then runs until told to end. */
    private final class Trials implements TrialRunner {
        @Override
        public TrialHandle start(TrialRequest request) {
            synchronized (FakeHost.this) {
                List<String> problems = new ArrayList<>();
                PluginInfo protocol = plugins.get(request.protocol());
                if (protocol == null || protocol.kind() != PluginKind.PROTOCOL) {
                    problems.add("protocol: no protocol plugin '" + request.protocol() + "' is registered");
                } else {
                    try {
                        protocol.params().validate(request.params(), "params");
                    } catch (InvalidParamsException e) {
                        problems.addAll(e.problems());
                    }
                }
                if (!problems.isEmpty()) {
                    throw new InvalidParamsException(problems);
                }
                FakeTrial t = new FakeTrial("t" + nextTrial++, request);
                trials.put(t.id(), t);
                return t;
            }
        }

        @Override
        public Optional<TrialHandle> find(String id) {
            synchronized (FakeHost.this) {
                return Optional.ofNullable(trials.get(id));
            }
        }

        @Override
        public List<TrialResult> list() {
            synchronized (FakeHost.this) {
                return trials.values().stream().map(FakeTrial::snapshot).toList();
            }
        }
    }

    private static String symbolicName(String fileName, byte[] jar, String expectedSha256) {
        if (expectedSha256 != null && !expectedSha256.equals(sha256(jar))) {
            throw new BundleRejectedException(fileName + ": SHA-256 is " + sha256(jar) + ", expected "
                    + expectedSha256, null);
        }
        Manifest mf;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            mf = in.getManifest();
        } catch (IOException e) {
            throw new BundleRejectedException(fileName + ": not a jar: " + e.getMessage(), e);
        }
        String bsn = mf == null ? null : mf.getMainAttributes().getValue("Bundle-SymbolicName");
        if (bsn == null) {
            throw new BundleRejectedException(fileName + ": not an OSGi bundle (no Bundle-SymbolicName in its"
                    + " manifest)", null);
        }
        return bsn.split(";")[0].strip();
    }

    /**
     * The SHA-256 of bytes, lower-case hex.
     *
     * @param bytes the bytes
     * @return the digest
     */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trial that runs until ended by the test or cancelled. */
    static final class FakeTrial implements TrialHandle {
        private final String id;
        private final TrialRequest request;
        private final Instant started = Instant.parse("2025-01-01T00:00:00Z");
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile TrialResult result;

        FakeTrial(String id, TrialRequest request) {
            this.id = id;
            this.request = request;
            this.result = new TrialResult(id, TrialStatus.RUNNING, "", Map.of(), Map.of(), Map.of(), request,
                    started, null);
        }

        synchronized void end(TrialStatus status, String message, Map<String, Double> results) {
            if (done.getCount() == 0) {
                return;
            }
            result = new TrialResult(id, status, message, results, Map.of("loss", List.of(new double[] {1, 0.5})),
                    Map.of(request.protocol(), "0.1.0"), request, started, started.plusSeconds(3));
            done.countDown();
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public double progress() {
            return 0.5;
        }

        @Override
        public void cancel(String reason) {
            end(TrialStatus.CANCELLED, reason, Map.of());
        }

        @Override
        public TrialResult await(Duration timeout) throws TimeoutException, InterruptedException {
            if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("trial " + id + " still runs");
            }
            return result;
        }

        @Override
        public TrialResult snapshot() {
            return result;
        }
    }
}
