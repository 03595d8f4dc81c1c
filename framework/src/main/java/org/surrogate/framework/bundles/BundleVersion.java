package org.surrogate.framework.bundles;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a plugin bundle that was installed at some time, as the bundle store keeps it
 * ({@code <data>/bundle-store/<symbolicName>-<version>.jar}).
 *
 * @param symbolicName its symbolic name
 * @param version      its version
 * @param sha256       the SHA-256 of its jar, lower-case hex
 * @param source       how it was installed: "builtin", "upload", "url", "hot-deploy", "file",
 *                     "rollback"; "unknown" for jars stored before the history was kept
 * @param installed    when it was last installed (for jars without history, the jar's modification time)
 * @param current      whether it is the version installed now
 * @param available    whether its jar is still in the bundle store with this checksum, so that a
 *                     rollback can install it again
 */
public record BundleVersion(String symbolicName, String version, String sha256, String source, Instant installed,
                            boolean current, boolean available) {

    /** Checks the fields. */
    public BundleVersion {
        Objects.requireNonNull(symbolicName, "symbolicName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
        source = source == null ? "unknown" : source;
    }
}
