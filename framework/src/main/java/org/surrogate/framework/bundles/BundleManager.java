package org.surrogate.framework.bundles;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Installs, updates and removes plugin bundles in the running container. Every change is refused
 * as a whole when the bundle is bad, leaving the installed bundles as they were. Installed bundles
 * survive a restart (Felix keeps them in its cache under the data folder).
 */
public interface BundleManager {

    /**
     * The installed plugin bundles (not the infrastructure bundles), sorted by symbolic name.
     *
     * @return the bundles
     */
    List<BundleInfo> list();

    /**
     * Installs and starts a bundle from its bytes. If a bundle with the same symbolic name is
     * installed already, this fails; use {@link #update}.
     *
     * @param fileName       the name it was uploaded as, for messages
     * @param jar            the jar's bytes
     * @param expectedSha256 the SHA-256 the caller expects (lower-case hex), or null to skip the check
     * @param source         where it comes from, recorded in {@link BundleInfo#source()}
     * @return the installed bundle
     * @throws BundleRejectedException naming the file and the reason, if refused
     */
    BundleInfo install(String fileName, byte[] jar, String expectedSha256, String source);

    /**
     * Installs and starts a bundle from a file.
     *
     * @param jar the jar file
     * @return the installed bundle
     * @throws IOException if the file cannot be read
     * @throws BundleRejectedException if refused
     */
    BundleInfo install(Path jar) throws IOException;

    /**
     * Downloads a bundle and installs it; the checksum is required for downloads.
     *
     * @param url            where to get it
     * @param expectedSha256 its SHA-256, lower-case hex
     * @return the installed bundle
     * @throws IOException if the download fails
     * @throws BundleRejectedException if refused
     */
    BundleInfo install(URI url, String expectedSha256) throws IOException;

    /**
     * Updates an installed bundle to new bytes. Trials that use the old version finish on it; new
     * trials get the new one. The container is refreshed once no trial uses the old version.
     *
     * @param symbolicName   the bundle to update
     * @param fileName       the uploaded file name, for messages
     * @param jar            the new jar
     * @param expectedSha256 the expected SHA-256, or null
     * @return the updated bundle
     * @throws NoSuchElementException if no such bundle is installed
     * @throws BundleRejectedException if refused; the old version then keeps running
     */
    BundleInfo update(String symbolicName, String fileName, byte[] jar, String expectedSha256);

    /**
     * Updates an installed bundle to new bytes, recording where they come from; as
     * {@link #update(String, String, byte[], String)} otherwise.
     *
     * @param symbolicName   the bundle to update
     * @param fileName       the file name, for messages
     * @param jar            the new jar
     * @param expectedSha256 the expected SHA-256, or null
     * @param source         where it comes from, recorded in {@link BundleInfo#source()}, such as
     *                       {@code catalog:lab}
     * @return the updated bundle
     * @throws NoSuchElementException if no such bundle is installed
     * @throws BundleRejectedException if refused; the old version then keeps running
     */
    default BundleInfo update(String symbolicName, String fileName, byte[] jar, String expectedSha256, String source) {
        return update(symbolicName, fileName, jar, expectedSha256);
    }

    /**
     * Uninstalls a bundle. Running trials that use its plugins are cancelled, and record why.
     *
     * @param symbolicName the bundle
     * @throws NoSuchElementException if no such bundle is installed
     */
    void uninstall(String symbolicName);

    /**
     * The versions of a bundle that were installed, newest installation first, from the bundle store.
     *
     * @param symbolicName the bundle
     * @return its versions; the one installed now has {@link BundleVersion#current()} set
     * @throws NoSuchElementException if the bundle is neither installed nor has stored versions
     */
    List<BundleVersion> history(String symbolicName);

    /**
     * Updates a bundle back to the version installed before the current one (the newest other
     * version in its {@link #history} whose jar is still stored), like an {@link #update}: trials
     * using the current version finish on it. Rolling back twice returns to where it started.
     *
     * @param symbolicName the bundle
     * @return the bundle after the rollback
     * @throws NoSuchElementException if no such bundle is installed
     * @throws IllegalStateException if no earlier version is stored
     * @throws BundleRejectedException if the earlier version is refused now; the current one keeps running
     */
    BundleInfo rollback(String symbolicName);
}
