package org.surrogate.framework.impl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;
import org.surrogate.framework.bundles.BundleInfo;
import org.surrogate.framework.bundles.BundleManager;
import org.surrogate.framework.bundles.BundleRejectedException;
import org.surrogate.framework.bundles.BundleVersion;
import org.surrogate.repository.AtomicFiles;

/**
 * Installs, updates and removes plugin bundles, one change at a time, refusing bad bundles without
 * touching what is installed.
 *
 * <p>An update installs the new version beside the old one instead of updating the old bundle in
 * place: the old bundle is stopped (its plugins leave the registry, new trials get the new version)
 * but stays resolved, so trials still running on it keep a working class loader, resources
 * included. Felix would otherwise dispose an updated bundle's old revision at once when no other
 * bundle wires to it, which is the case for plugin bundles, and break those trials. Trials take
 * leases on the bundles they use; a retired bundle is uninstalled, and the container refreshed, when
 * its last lease ends.
 */
final class BundleManagerImpl implements BundleManager {

    private static final System.Logger LOG = System.getLogger(BundleManagerImpl.class.getName());
    static final String PLUGIN_LOCATION = "surrogate:";
    static final String SYSTEM_LOCATION = "system:";
    private static final Duration PLUGIN_WAIT = Duration.ofSeconds(5);
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(30);

    private final BundleContext ctx;
    private final FrameworkWiring wiring;
    private final PluginRegistryImpl registry;
    private final BundleState state;
    private final Path store;
    private final Object changeLock = new Object();
    private final Object leaseLock = new Object();
    private final Map<Long, Integer> leases = new HashMap<>();
    /** Stopped old versions waiting for their last trial before they are uninstalled. */
    private final Set<Long> retired = new HashSet<>();
    private final java.util.concurrent.atomic.AtomicLong installs = new java.util.concurrent.atomic.AtomicLong();
    private volatile TrialRunnerImpl trials;

    BundleManagerImpl(BundleContext ctx, PluginRegistryImpl registry, BundleState state, Path store) {
        this.ctx = ctx;
        this.wiring = ctx.getBundle(0).adapt(FrameworkWiring.class);
        this.registry = registry;
        this.state = state;
        this.store = store;
    }

    void setTrials(TrialRunnerImpl trials) {
        this.trials = trials;
    }

    // --- queries ---

    @Override
    public List<BundleInfo> list() {
        List<BundleInfo> out = new ArrayList<>();
        for (Bundle b : ctx.getBundles()) {
            if (b.getLocation().startsWith(PLUGIN_LOCATION) && !isRetired(b.getBundleId())) {
                out.add(info(b));
            }
        }
        out.sort(Comparator.comparing(BundleInfo::symbolicName));
        return out;
    }

    /** The current (not retired) bundle of a symbolic name, or null. */
    Bundle find(String bsn) {
        Bundle found = null;
        for (Bundle b : ctx.getBundles()) {
            if (b.getLocation().startsWith(PLUGIN_LOCATION) && bsn.equals(b.getSymbolicName())
                    && !isRetired(b.getBundleId()) && (found == null || b.getBundleId() > found.getBundleId())) {
                found = b;
            }
        }
        return found;
    }

    private boolean isRetired(long id) {
        synchronized (leaseLock) {
            return retired.contains(id);
        }
    }

    private String newLocation(String bsn) {
        return PLUGIN_LOCATION + bsn + "#" + System.currentTimeMillis() + "-" + installs.incrementAndGet();
    }

    /**
     * After a restart: uninstalls the old versions that were retired when the server stopped (they
     * are the stopped bundles that share a symbolic name with a newer one).
     */
    void removeLeftoverRetired() {
        Map<String, List<Bundle>> byName = new HashMap<>();
        for (Bundle b : ctx.getBundles()) {
            if (b.getLocation().startsWith(PLUGIN_LOCATION)) {
                byName.computeIfAbsent(b.getSymbolicName(), k -> new ArrayList<>()).add(b);
            }
        }
        List<Bundle> gone = new ArrayList<>();
        for (List<Bundle> same : byName.values()) {
            same.sort(Comparator.comparingLong(Bundle::getBundleId));
            for (Bundle b : same.subList(0, same.size() - 1)) {
                try {
                    b.uninstall();
                    gone.add(b);
                } catch (BundleException e) {
                    registry.report("bundle '" + b.getSymbolicName() + "': cannot remove old version " + b.getVersion()
                            + ": " + e.getMessage());
                }
            }
        }
        if (!gone.isEmpty()) {
            refresh(wiring.getRemovalPendingBundles());
        }
    }

    private BundleInfo info(Bundle b) {
        String bsn = b.getSymbolicName();
        BundleState.Meta meta = state.get(bsn);
        List<String> plugins = new ArrayList<>();
        for (PluginRegistryImpl.Entry e : registry.entriesOf(b.getBundleId())) {
            plugins.add(e.info().id());
        }
        plugins.sort(null);
        return new BundleInfo(b.getBundleId(), bsn, b.getVersion().toString(), stateName(b.getState()),
                meta == null ? "unknown" : meta.source(), meta == null ? "" : meta.sha256(), plugins);
    }

    private static String stateName(int s) {
        return switch (s) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }

    // --- install ---

    @Override
    public BundleInfo install(Path jar) throws IOException {
        return install(jar.getFileName().toString(), Files.readAllBytes(jar), null, "file");
    }

    @Override
    public BundleInfo install(URI url, String expectedSha256) throws IOException {
        if (expectedSha256 == null || expectedSha256.isBlank()) {
            throw new BundleRejectedException(url + ": a download needs its expected sha256", null);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<byte[]> r;
        try {
            r = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(url + ": download interrupted", e);
        }
        if (r.statusCode() != 200) {
            throw new IOException(url + ": download failed with HTTP " + r.statusCode());
        }
        String name = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
        return install(name.isEmpty() ? url.toString() : name, r.body(), expectedSha256, "url");
    }

    @Override
    public BundleInfo install(String fileName, byte[] jar, String expectedSha256, String source) {
        synchronized (changeLock) {
            String sha = checkSha(fileName, jar, expectedSha256);
            Manifest mf = manifestOf(fileName, jar);
            String bsn = symbolicName(fileName, mf);
            Bundle existing = find(bsn);
            if (existing != null) {
                throw new BundleRejectedException("'" + fileName + "' is bundle '" + bsn + "', which is already installed"
                        + " (version " + existing.getVersion() + "); update it instead", null);
            }
            int mark = registry.problems().size();
            Bundle b;
            try {
                b = ctx.installBundle(newLocation(bsn), new ByteArrayInputStream(jar));
            } catch (BundleException e) {
                throw new BundleRejectedException("'" + fileName + "' (bundle '" + bsn + "') cannot be installed: "
                        + e.getMessage(), e);
            }
            try {
                startAndVerify(b, fileName, mf, mark);
            } catch (BundleRejectedException e) {
                removeQuietly(b);
                throw e;
            }
            remember(bsn, b.getVersion(), jar, new BundleState.Meta(source, sha, fileName, null));
            LOG.log(System.Logger.Level.INFO, "installed " + bsn + " " + b.getVersion() + " from " + fileName);
            return info(b);
        }
    }

    /** Installs from the hot-deploy folder, remembering the file. */
    BundleInfo installHotDeploy(Path file, byte[] jar) {
        BundleInfo info = install(file.getFileName().toString(), jar, null, "hot-deploy");
        rememberHotDeployFile(info.symbolicName(), file);
        return info;
    }

    /** Updates from the hot-deploy folder, remembering the file. */
    BundleInfo updateHotDeploy(String bsn, Path file, byte[] jar) {
        BundleInfo info = update(bsn, file.getFileName().toString(), jar, null, "hot-deploy");
        rememberHotDeployFile(bsn, file);
        return info;
    }

    private void rememberHotDeployFile(String bsn, Path file) {
        BundleState.Meta m = state.get(bsn);
        if (m != null) {
            try {
                state.put(bsn, new BundleState.Meta("hot-deploy", m.sha256(), m.fileName(),
                        file.getFileName().toString()));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot save bundle state", e);
            }
        }
    }

    Map<String, BundleState.Meta> stateSnapshot() {
        return state.all();
    }

    private void startAndVerify(Bundle b, String fileName, Manifest mf, int problemMark) {
        String bsn = b.getSymbolicName();
        try {
            b.start();
        } catch (BundleException e) {
            throw new BundleRejectedException("'" + fileName + "' (bundle '" + bsn + "' " + b.getVersion()
                    + ") cannot start: " + explain(e), e);
        }
        boolean declaresComponents = mf.getMainAttributes().getValue("Service-Component") != null;
        long deadline = System.nanoTime() + PLUGIN_WAIT.toNanos();
        while (true) {
            List<String> fresh = newProblems(bsn, problemMark);
            if (!fresh.isEmpty()) {
                throw new BundleRejectedException("'" + fileName + "' (bundle '" + bsn + "' " + b.getVersion()
                        + ") is refused: " + String.join("; ", fresh), null);
            }
            int offered = pluginServices(b);
            int tracked = registry.entriesOf(b.getBundleId()).size();
            if (offered > 0 && tracked >= offered) {
                return;
            }
            if (!declaresComponents && offered == 0) {
                return; // a library bundle: it offers no plugin itself
            }
            if (System.nanoTime() > deadline) {
                throw new BundleRejectedException("'" + fileName + "' (bundle '" + bsn + "' " + b.getVersion()
                        + ") is refused: it declares components but registered " + tracked
                        + " usable plugin(s) of " + offered + " within " + PLUGIN_WAIT.toSeconds()
                        + " s (a component failed to activate or its service is not a plugin kind; see the server log)",
                        null);
            }
            sleep(20);
        }
    }

    private List<String> newProblems(String bsn, int mark) {
        List<String> all = registry.problems();
        List<String> out = new ArrayList<>();
        for (int i = Math.min(mark, all.size()); i < all.size(); i++) {
            if (all.get(i).startsWith("bundle '" + bsn + "'")) {
                out.add(all.get(i).substring(("bundle '" + bsn + "': ").length()));
            }
        }
        return out;
    }

    private static int pluginServices(Bundle b) {
        ServiceReference<?>[] refs = b.getRegisteredServices();
        int n = 0;
        if (refs != null) {
            for (ServiceReference<?> r : refs) {
                for (String type : (String[]) r.getProperty(Constants.OBJECTCLASS)) {
                    if (PluginRegistryImpl.KIND_TYPES.values().stream().anyMatch(c -> c.getName().equals(type))) {
                        n++;
                        break;
                    }
                }
            }
        }
        return n;
    }

    private static String explain(BundleException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("org.surrogate.api")) {
            return "it needs plugins-api packages this server does not provide (this server has plugins-api "
                    + Version.parseVersion(org.surrogate.api.plugin.Plugin.class.getPackage().getImplementationVersion() == null
                    ? "1.0.0" : org.surrogate.api.plugin.Plugin.class.getPackage().getImplementationVersion())
                    + "): " + m;
        }
        Throwable c = e.getCause();
        return c == null ? m : m + ": " + c;
    }

    // --- update ---

    @Override
    public BundleInfo update(String symbolicName, String fileName, byte[] jar, String expectedSha256) {
        return update(symbolicName, fileName, jar, expectedSha256, "upload");
    }

    @Override
    public BundleInfo update(String symbolicName, String fileName, byte[] jar, String expectedSha256, String source) {
        synchronized (changeLock) {
            Bundle b = find(symbolicName);
            if (b == null) {
                throw new NoSuchElementException("no bundle '" + symbolicName + "' is installed");
            }
            String sha = checkSha(fileName, jar, expectedSha256);
            Manifest mf = manifestOf(fileName, jar);
            String bsn = symbolicName(fileName, mf);
            if (!bsn.equals(symbolicName)) {
                throw new BundleRejectedException("'" + fileName + "' is bundle '" + bsn + "', not '" + symbolicName
                        + "'; install it, or update '" + bsn + "'", null);
            }
            Version oldVersion = b.getVersion();
            BundleState.Meta oldMeta = state.get(symbolicName);
            if (oldMeta != null && sha.equals(oldMeta.sha256())) {
                return info(b); // the same jar: nothing to do
            }
            int mark = registry.problems().size();
            try {
                b.stop();
            } catch (BundleException e) {
                throw new BundleRejectedException("cannot stop bundle '" + symbolicName + "' " + oldVersion
                        + " to replace it: " + e.getMessage(), e);
            }
            Bundle fresh = null;
            try {
                fresh = ctx.installBundle(newLocation(symbolicName), new ByteArrayInputStream(jar));
                startAndVerify(fresh, fileName, mf, mark);
            } catch (BundleException | BundleRejectedException e) {
                if (fresh != null) {
                    removeQuietly(fresh);
                }
                String reason = e instanceof BundleException be ? "cannot be installed: " + explain(be) : e.getMessage();
                String kept = restart(b, oldVersion);
                throw new BundleRejectedException("'" + fileName + "' cannot replace bundle '" + symbolicName + "' "
                        + oldVersion + ": " + reason + "; " + kept, e);
            }
            remember(symbolicName, fresh.getVersion(), jar, new BundleState.Meta(source, sha, fileName,
                    oldMeta == null ? null : oldMeta.hotDeployFile()));
            LOG.log(System.Logger.Level.INFO, "updated " + symbolicName + " " + oldVersion + " -> " + fresh.getVersion());
            synchronized (leaseLock) {
                retired.add(b.getBundleId());
            }
            removeIdleRetired();
            return info(fresh);
        }
    }

    private String restart(Bundle old, Version oldVersion) {
        try {
            old.start();
            return "version " + oldVersion + " keeps running";
        } catch (BundleException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot restart " + old.getSymbolicName() + " " + oldVersion, e);
            return "restarting " + oldVersion + " failed too: " + e.getMessage();
        }
    }

    // --- history and rollback ---

    @Override
    public List<BundleVersion> history(String symbolicName) {
        Bundle current = find(symbolicName);
        BundleState.Meta meta = state.get(symbolicName);
        String currentVersion = current == null ? null : current.getVersion().toString();
        String currentSha = current == null || meta == null ? null : meta.sha256();
        Map<String, Path> stored = storedJars(symbolicName);
        Map<String, String> storedSha = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<BundleVersion> out = new ArrayList<>();
        boolean currentSeen = false;
        List<BundleState.Installed> installs = new ArrayList<>(state.history(symbolicName));
        java.util.Collections.reverse(installs);
        for (BundleState.Installed i : installs) {
            if (!seen.add(i.version() + "@" + i.sha256())) {
                continue; // an older installation of the same jar
            }
            boolean isCurrent = !currentSeen && i.version().equals(currentVersion) && i.sha256().equals(currentSha);
            currentSeen |= isCurrent;
            Path jar = stored.get(i.version());
            boolean available = jar != null && i.sha256().equals(storedSha.computeIfAbsent(i.version(),
                    v -> shaOf(jar)));
            out.add(new BundleVersion(symbolicName, i.version(), i.sha256(), i.source(), i.at(), isCurrent, available));
        }
        // Jars stored before the history was kept.
        List<BundleVersion> untracked = new ArrayList<>();
        for (Map.Entry<String, Path> e : stored.entrySet()) {
            String sha = storedSha.computeIfAbsent(e.getKey(), v -> shaOf(e.getValue()));
            if (sha == null || !seen.add(e.getKey() + "@" + sha)) {
                continue;
            }
            boolean isCurrent = !currentSeen && e.getKey().equals(currentVersion) && sha.equals(currentSha);
            currentSeen |= isCurrent;
            untracked.add(new BundleVersion(symbolicName, e.getKey(), sha, isCurrent ? meta.source() : "unknown",
                    modified(e.getValue()), isCurrent, true));
        }
        untracked.sort(Comparator.comparing(BundleVersion::installed).reversed());
        out.addAll(untracked);
        if (out.isEmpty()) {
            if (current == null) {
                throw new NoSuchElementException("no bundle '" + symbolicName + "' is installed or stored");
            }
            out.add(new BundleVersion(symbolicName, currentVersion, meta == null ? "" : meta.sha256(),
                    meta == null ? "unknown" : meta.source(), null, true, false));
        }
        return out;
    }

    @Override
    public BundleInfo rollback(String symbolicName) {
        synchronized (changeLock) {
            if (find(symbolicName) == null) {
                throw new NoSuchElementException("no bundle '" + symbolicName + "' is installed");
            }
            List<BundleVersion> versions = history(symbolicName);
            BundleVersion target = versions.stream().filter(v -> !v.current() && v.available()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("bundle '" + symbolicName + "' has no earlier version"
                            + " in the bundle store to roll back to (stored: " + versions.stream()
                            .map(v -> v.version() + (v.current() ? " (current)" : v.available() ? "" : " (jar gone)"))
                            .toList() + ")"));
            Path jar = store.resolve(symbolicName + "-" + target.version() + ".jar");
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(jar);
            } catch (IOException e) {
                throw new IllegalStateException(jar + ": cannot read the stored jar to roll back to: " + e.getMessage(),
                        e);
            }
            LOG.log(System.Logger.Level.INFO, "rolling back " + symbolicName + " to " + target.version());
            return update(symbolicName, jar.getFileName().toString(), bytes, target.sha256(), "rollback");
        }
    }

    /** The stored jars of a bundle by version ({@code <bsn>-<version>.jar}). */
    private Map<String, Path> storedJars(String bsn) {
        Map<String, Path> out = new HashMap<>();
        if (!Files.isDirectory(store)) {
            return out;
        }
        String prefix = bsn + "-";
        try (var s = Files.list(store)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (!name.startsWith(prefix) || !name.endsWith(".jar") || !Files.isRegularFile(p)) {
                    continue;
                }
                String v = name.substring(prefix.length(), name.length() - ".jar".length());
                try {
                    out.put(Version.parseVersion(v).toString(), p);
                } catch (IllegalArgumentException e) {
                    // another bundle whose name starts with this one's
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(store + ": cannot list the bundle store: " + e.getMessage(), e);
        }
        return out;
    }

    private static String shaOf(Path jar) {
        try {
            return sha256(Files.readAllBytes(jar));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read stored bundle " + jar + ": " + e.getMessage());
            return null;
        }
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    // --- uninstall ---

    @Override
    public void uninstall(String symbolicName) {
        synchronized (changeLock) {
            Bundle b = find(symbolicName);
            if (b == null) {
                throw new NoSuchElementException("no bundle '" + symbolicName + "' is installed");
            }
            List<Bundle> all = new ArrayList<>();
            for (Bundle x : ctx.getBundles()) {
                if (x.getLocation().startsWith(PLUGIN_LOCATION) && symbolicName.equals(x.getSymbolicName())) {
                    all.add(x);
                }
            }
            TrialRunnerImpl t = trials;
            if (t != null) {
                for (Bundle x : all) {
                    int n = t.cancelUsing(x.getBundleId(), "bundle '" + symbolicName + "' " + x.getVersion()
                            + " was uninstalled while this trial used it", CANCEL_WAIT);
                    if (n > 0) {
                        LOG.log(System.Logger.Level.INFO, "cancelled " + n + " trial(s) using " + symbolicName);
                    }
                }
            }
            for (Bundle x : all) {
                try {
                    x.uninstall();
                } catch (BundleException e) {
                    throw new IllegalStateException("cannot uninstall '" + symbolicName + "': " + e.getMessage(), e);
                }
                synchronized (leaseLock) {
                    retired.remove(x.getBundleId());
                }
            }
            try {
                state.remove(symbolicName);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot save bundle state", e);
            }
            refresh(wiring.getRemovalPendingBundles());
            LOG.log(System.Logger.Level.INFO, "uninstalled " + symbolicName);
        }
    }

    private void removeQuietly(Bundle b) {
        try {
            b.uninstall();
        } catch (BundleException | IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove refused bundle " + b.getSymbolicName(), e);
        }
        refresh(List.of(b));
    }

    /**
     * The stored jar of an installed bundle, for a worker process that loads the same bundles.
     *
     * @param bundleId the bundle
     * @return the jar in the bundle store
     * @throws IllegalStateException if the bundle or its jar is gone
     */
    Path jarOf(long bundleId) {
        Bundle b = ctx.getBundle(bundleId);
        if (b == null) {
            throw new IllegalStateException("bundle " + bundleId + " is no longer installed");
        }
        Path jar = store.resolve(b.getSymbolicName() + "-" + b.getVersion() + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("bundle " + b.getSymbolicName() + " " + b.getVersion() + " has no jar in "
                    + store);
        }
        return jar;
    }

    /**
     * Installs jars as they are (a worker process loading the server's bundles).
     *
     * @param jars the bundle jars
     * @throws IOException if a jar cannot be read
     */
    void installJars(List<Path> jars) throws IOException {
        // In passes, like the built-ins: a jar may need a package another one of the list exports.
        List<Path> pending = jars;
        while (!pending.isEmpty()) {
            List<Path> failed = new ArrayList<>();
            RuntimeException last = null;
            for (Path jar : pending) {
                try {
                    install(jar.getFileName().toString(), Files.readAllBytes(jar), null, "worker");
                } catch (RuntimeException e) {
                    failed.add(jar);
                    last = e;
                }
            }
            if (failed.size() == pending.size()) {
                throw last;
            }
            pending = failed;
        }
    }

    // --- leases and refresh ---

    void acquire(Collection<Long> bundleIds) {
        synchronized (leaseLock) {
            for (long id : bundleIds) {
                leases.merge(id, 1, Integer::sum);
            }
        }
    }

    void release(Collection<Long> bundleIds) {
        synchronized (leaseLock) {
            for (long id : bundleIds) {
                leases.computeIfPresent(id, (k, v) -> v == 1 ? null : v - 1);
            }
        }
        removeIdleRetired();
    }

    /** Uninstalls the retired old versions that no trial uses any more, and refreshes the container. */
    private void removeIdleRetired() {
        List<Bundle> idle = new ArrayList<>();
        synchronized (leaseLock) {
            for (var it = retired.iterator(); it.hasNext();) {
                long id = it.next();
                if (!leases.containsKey(id)) {
                    it.remove();
                    Bundle b = ctx.getBundle(id);
                    if (b != null) {
                        idle.add(b);
                    }
                }
            }
        }
        for (Bundle b : idle) {
            try {
                b.uninstall();
                LOG.log(System.Logger.Level.INFO, "removed old version " + b.getVersion() + " of " + b.getSymbolicName());
            } catch (BundleException | IllegalStateException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot remove old version of " + b.getSymbolicName(), e);
            }
        }
        if (!idle.isEmpty()) {
            refresh(wiring.getRemovalPendingBundles());
        }
    }

    private void refresh(Collection<Bundle> bundles) {
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(bundles, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        try {
            if (!done.await(30, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "refresh of " + bundles.size() + " bundle(s) still running after 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- built-in bundles ---

    /** Installs the built-in bundles that are missing, and upgrades built-in ones that changed. */
    void installBuiltins(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        List<Path> jars = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
        } catch (IOException e) {
            registry.report("built-in bundles: cannot list " + dir + ": " + e.getMessage());
            return;
        }
        // A built-in may import packages another built-in exports (casr imports sequential's anchor
        // package), and file-name order need not put the exporter first: retry the refused ones
        // while a pass makes progress, and report only what still fails.
        Map<Path, String> failed = new LinkedHashMap<>();
        List<Path> pending = jars;
        while (true) {
            failed.clear();
            boolean progress = false;
            for (Path jar : pending) {
                try {
                    progress |= installBuiltin(jar);
                } catch (IOException | RuntimeException e) {
                    failed.put(jar, e.getMessage());
                }
            }
            if (failed.isEmpty() || !progress) {
                break;
            }
            pending = new ArrayList<>(failed.keySet());
        }
        failed.forEach((jar, message) -> registry.report("built-in bundle " + jar.getFileName() + ": " + message));
    }

    /** Installs or updates one built-in; true if it changed the installed set. */
    private boolean installBuiltin(Path jar) throws IOException {
        byte[] bytes = Files.readAllBytes(jar);
        String name = "builtin:" + jar.getFileName();
        String bsn = symbolicName(name, manifestOf(name, bytes));
        if (state.isRemovedBuiltin(bsn)) {
            return false;
        }
        Bundle b = find(bsn);
        BundleState.Meta meta = state.get(bsn);
        if (b == null) {
            install(name, bytes, null, "builtin");
            return true;
        } else if (meta != null && "builtin".equals(meta.source()) && !meta.sha256().equals(sha256(bytes))
                && Version.parseVersion(version(manifestOf(name, bytes))).compareTo(b.getVersion()) >= 0) {
            // A rebuilt or newer built-in replaces the installed one, never a user's upload.
            update(bsn, name, bytes, null, "builtin");
            return true;
        }
        return false;
    }

    // --- helpers ---

    private void remember(String bsn, Version version, byte[] jar, BundleState.Meta meta) {
        try {
            AtomicFiles.write(store.resolve(bsn + "-" + version + ".jar"), jar);
            state.installed(bsn, meta, new BundleState.Installed(version.toString(), meta.sha256(), meta.source(),
                    Instant.now()));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot record bundle " + bsn + " in " + store, e);
        }
    }

    static String checkSha(String fileName, byte[] jar, String expected) {
        String sha = sha256(jar);
        if (expected != null && !expected.isBlank() && !expected.trim().equalsIgnoreCase(sha)) {
            throw new BundleRejectedException("'" + fileName + "': its sha256 is " + sha + ", expected "
                    + expected.trim() + "; not installed", null);
        }
        return sha;
    }

    static Manifest manifestOf(String fileName, byte[] jar) {
        if (jar.length < 4 || jar[0] != 'P' || jar[1] != 'K') {
            throw new BundleRejectedException("'" + fileName + "' is not a jar file (no zip header)", null);
        }
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest mf = in.getManifest();
            if (mf == null) {
                throw new BundleRejectedException("'" + fileName
                        + "' is not an OSGi bundle: it has no META-INF/MANIFEST.MF (or it is not the first entry)", null);
            }
            return mf;
        } catch (ZipException e) {
            throw new BundleRejectedException("'" + fileName + "' is not a valid jar: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BundleRejectedException("'" + fileName + "' cannot be read as a jar: " + e.getMessage(), e);
        }
    }

    static String symbolicName(String fileName, Manifest mf) {
        String v = mf.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (v == null || v.isBlank()) {
            throw new BundleRejectedException("'" + fileName
                    + "' is not an OSGi bundle: its manifest has no Bundle-SymbolicName (build it with bnd)", null);
        }
        int semi = v.indexOf(';');
        return (semi < 0 ? v : v.substring(0, semi)).trim();
    }

    private static String version(Manifest mf) {
        String v = mf.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
        return v == null ? "0.0.0" : v.trim();
    }

    static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for plugins to register", e);
        }
    }
}
