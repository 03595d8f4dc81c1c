package org.surrogate.framework.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.jar.Manifest;

/**
 * Watches the hot-deploy folder: a jar dropped there is installed, a changed jar updates its bundle,
 * a removed jar uninstalls it. A file is acted on only once its size and modification time have been
 * the same for two scans, so a jar still being copied is not read half-written. Problems (a bad jar)
 * are reported in the plugin registry's problems, and the file is not retried until it changes.
 *
 * <p>Polling, not {@code WatchService}: it is simple, portable, and a scan of a folder of a few
 * jars every second costs nothing.
 */
final class HotDeployWatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HotDeployWatcher.class.getName());

    private record Seen(long size, long modified) {
    }

    private final Path dir;
    private final BundleManagerImpl bundles;
    private final PluginRegistryImpl registry;
    private final Map<Path, Seen> pending = new HashMap<>();
    private final Map<Path, Seen> handled = new HashMap<>();
    private final ScheduledExecutorService timer;

    HotDeployWatcher(Path dir, BundleManagerImpl bundles, PluginRegistryImpl registry, long periodMillis)
            throws IOException {
        this.dir = dir;
        this.bundles = bundles;
        this.registry = registry;
        Files.createDirectories(dir);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "surrogate-hot-deploy");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::scanSafely, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void scanSafely() {
        try {
            scan();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "hot-deploy scan of " + dir + " failed", e);
        }
    }

    /** One scan; package-private so tests can drive it. */
    synchronized void scan() throws IOException {
        Set<Path> present = new HashSet<>();
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".jar"))::iterator) {
                present.add(p);
                Seen now = new Seen(Files.size(p), Files.getLastModifiedTime(p).toMillis());
                if (now.equals(handled.get(p))) {
                    continue;
                }
                if (now.equals(pending.get(p))) {
                    pending.remove(p);
                    handled.put(p, now);
                    deploy(p);
                } else {
                    pending.put(p, now);
                }
            }
        }
        pending.keySet().retainAll(present);
        handled.keySet().removeIf(p -> !present.contains(p));
        // Bundles installed from a file that is gone are uninstalled.
        for (Map.Entry<String, BundleState.Meta> e : bundles.stateSnapshot().entrySet()) {
            String file = e.getValue().hotDeployFile();
            if (file != null && !present.contains(dir.resolve(file)) && bundles.find(e.getKey()) != null) {
                try {
                    bundles.uninstall(e.getKey());
                } catch (RuntimeException ex) {
                    registry.report("hot deploy: cannot remove " + e.getKey() + " after " + file + " was deleted: "
                            + ex.getMessage());
                }
            }
        }
    }

    private void deploy(Path file) {
        try {
            byte[] jar = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            Manifest mf = BundleManagerImpl.manifestOf(name, jar);
            String bsn = BundleManagerImpl.symbolicName(name, mf);
            BundleState.Meta meta = bundles.stateSnapshot().get(bsn);
            if (bundles.find(bsn) == null) {
                bundles.installHotDeploy(file, jar);
            } else if (meta == null || !BundleManagerImpl.sha256(jar).equals(meta.sha256())) {
                bundles.updateHotDeploy(bsn, file, jar);
            }
        } catch (IOException | RuntimeException e) {
            registry.report("hot deploy: " + file.getFileName() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
