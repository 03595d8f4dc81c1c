package org.surrogate.framework.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import org.surrogate.framework.bundles.BundleInfo;
import org.surrogate.framework.bundles.BundleManager;
import org.surrogate.framework.bundles.BundleRejectedException;
import org.surrogate.framework.bundles.BundleVersion;

/**
 * An in-memory bundle manager whose jars are {@link Entries#jar} texts ("bsn@version"); it stores
 * every installed jar in a bundle-store folder as the real one does, and refuses bundles it is told to.
 */
final class FakeBundles implements BundleManager {

    final Map<String, BundleInfo> installed = new TreeMap<>();
    final Set<String> refuse = new HashSet<>();
    final List<String> calls = new ArrayList<>();
    private final Path store;
    private long ids = 100;

    FakeBundles(Path store) {
        this.store = store;
    }

    /** Puts a bundle in place without a call being recorded, as if installed before. */
    void preinstall(String bsn, String version) throws java.io.IOException {
        byte[] jar = Entries.jar(bsn, version);
        java.nio.file.Files.createDirectories(store);
        java.nio.file.Files.write(store.resolve(bsn + "-" + version + ".jar"), jar);
        installed.put(bsn, new BundleInfo(ids++, bsn, version, "ACTIVE", "upload", CatalogInstaller.sha256(jar),
                List.of()));
    }

    Map<String, String> versions() {
        Map<String, String> out = new TreeMap<>();
        installed.forEach((k, v) -> out.put(k, v.version() + " " + v.source()));
        return out;
    }

    @Override
    public List<BundleInfo> list() {
        return List.copyOf(installed.values());
    }

    private BundleInfo put(String fileName, byte[] jar, String sha, String source, String expectBsn) {
        String text = new String(jar, java.nio.charset.StandardCharsets.UTF_8);
        String bsn = text.substring(0, text.indexOf('@'));
        String version = text.substring(text.indexOf('@') + 1);
        if (expectBsn != null && !expectBsn.equals(bsn)) {
            throw new BundleRejectedException("'" + fileName + "' is bundle '" + bsn + "'", null);
        }
        String actual = CatalogInstaller.sha256(jar);
        if (sha != null && !sha.equals(actual)) {
            throw new BundleRejectedException("'" + fileName + "': its sha256 is " + actual + ", expected " + sha, null);
        }
        if (refuse.contains(bsn + "@" + version)) {
            throw new BundleRejectedException("'" + fileName + "' (bundle '" + bsn + "' " + version
                    + ") cannot start: test refusal", null);
        }
        try {
            java.nio.file.Files.createDirectories(store);
            java.nio.file.Files.write(store.resolve(bsn + "-" + version + ".jar"), jar);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        BundleInfo b = new BundleInfo(ids++, bsn, version, "ACTIVE", source, actual, List.of());
        installed.put(bsn, b);
        return b;
    }

    @Override
    public BundleInfo install(String fileName, byte[] jar, String expectedSha256, String source) {
        calls.add("install " + fileName);
        String text = new String(jar, java.nio.charset.StandardCharsets.UTF_8);
        if (installed.containsKey(text.substring(0, text.indexOf('@')))) {
            throw new BundleRejectedException("already installed", null);
        }
        return put(fileName, jar, expectedSha256, source, null);
    }

    @Override
    public BundleInfo install(Path jar) {
        throw new UnsupportedOperationException();
    }

    @Override
    public BundleInfo install(java.net.URI url, String expectedSha256) {
        throw new UnsupportedOperationException();
    }

    @Override
    public BundleInfo update(String symbolicName, String fileName, byte[] jar, String expectedSha256) {
        return update(symbolicName, fileName, jar, expectedSha256, "upload");
    }

    @Override
    public BundleInfo update(String symbolicName, String fileName, byte[] jar, String expectedSha256, String source) {
        calls.add("update " + symbolicName + " " + fileName);
        if (!installed.containsKey(symbolicName)) {
            throw new NoSuchElementException("no bundle '" + symbolicName + "' is installed");
        }
        return put(fileName, jar, expectedSha256, source, symbolicName);
    }

    @Override
    public void uninstall(String symbolicName) {
        calls.add("uninstall " + symbolicName);
        if (installed.remove(symbolicName) == null) {
            throw new NoSuchElementException("no bundle '" + symbolicName + "' is installed");
        }
    }

    @Override
    public List<BundleVersion> history(String symbolicName) {
        throw new UnsupportedOperationException();
    }

    @Override
    public BundleInfo rollback(String symbolicName) {
        throw new UnsupportedOperationException();
    }
}
