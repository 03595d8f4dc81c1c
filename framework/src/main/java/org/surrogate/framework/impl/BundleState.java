package org.surrogate.framework.impl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.surrogate.repository.AtomicFiles;

/**
 * What the host remembers about plugin bundles beyond Felix's own cache: where each came from, its
 * checksum, the hot-deploy file it was installed from, and which built-in bundles a user removed (so
 * a restart does not bring them back). Written atomically to {@code <data>/bundles.json}.
 */
final class BundleState {

    /** Metadata of one installed bundle. */
    record Meta(String source, String sha256, String fileName, String hotDeployFile) {
    }

    /** One installation of a bundle version, for its history. */
    record Installed(String version, String sha256, String source, java.time.Instant at) {
    }

    /** The persisted form; history is absent from files written before it was kept. */
    record Snapshot(Map<String, Meta> bundles, Set<String> removedBuiltins, Map<String, List<Installed>> history) {
    }

    /** Installations kept per bundle. */
    static final int HISTORY_LIMIT = 50;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path file;
    private final Map<String, Meta> bundles = new TreeMap<>();
    private final Set<String> removedBuiltins = new TreeSet<>();
    private final Map<String, List<Installed>> history = new TreeMap<>();

    BundleState(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            try {
                Snapshot s = JSON.readValue(file.toFile(), Snapshot.class);
                if (s.bundles() != null) {
                    bundles.putAll(s.bundles());
                }
                if (s.removedBuiltins() != null) {
                    removedBuiltins.addAll(s.removedBuiltins());
                }
                if (s.history() != null) {
                    s.history().forEach((k, v) -> history.put(k, new ArrayList<>(v)));
                }
            } catch (IOException e) {
                throw new IOException(file + ": cannot read the bundle state: " + e.getMessage()
                        + " (move the file away to start from the bundles Felix knows)", e);
            }
        }
    }

    synchronized Meta get(String bsn) {
        return bundles.get(bsn);
    }

    synchronized Map<String, Meta> all() {
        return Map.copyOf(bundles);
    }

    synchronized boolean isRemovedBuiltin(String bsn) {
        return removedBuiltins.contains(bsn);
    }

    synchronized void put(String bsn, Meta meta) throws IOException {
        bundles.put(bsn, meta);
        removedBuiltins.remove(bsn);
        save();
    }

    /**
     * Records an installation (install, update or rollback) and the bundle's metadata.
     *
     * @param bsn       the bundle
     * @param meta      its metadata now
     * @param installed the installation
     * @throws IOException if the state cannot be written
     */
    synchronized void installed(String bsn, Meta meta, Installed installed) throws IOException {
        List<Installed> h = history.computeIfAbsent(bsn, k -> new ArrayList<>());
        h.add(installed);
        if (h.size() > HISTORY_LIMIT) {
            h.subList(0, h.size() - HISTORY_LIMIT).clear();
        }
        put(bsn, meta);
    }

    /**
     * A bundle's installations, oldest first.
     *
     * @param bsn the bundle
     * @return the installations
     */
    synchronized List<Installed> history(String bsn) {
        return List.copyOf(history.getOrDefault(bsn, List.of()));
    }

    synchronized void remove(String bsn) throws IOException {
        Meta m = bundles.remove(bsn);
        if (m != null && "builtin".equals(m.source())) {
            removedBuiltins.add(bsn);
        }
        save();
    }

    private void save() throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(new Snapshot(bundles, removedBuiltins, history)));
    }
}
