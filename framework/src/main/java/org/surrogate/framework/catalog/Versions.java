package org.surrogate.framework.catalog;

import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/** Parses OSGi versions and version ranges with messages that name what was being parsed. */
final class Versions {

    private Versions() {
    }

    /**
     * Parses a version.
     *
     * @param what  what it is, for the message, such as {@code "bundle 'x': version"}
     * @param value the text
     * @return the version
     * @throws IllegalArgumentException naming {@code what} and the value
     */
    static Version version(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + ": required, an OSGi version such as 1.2.0");
        }
        try {
            return Version.parseVersion(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": '" + value + "' is not an OSGi version (major.minor.micro"
                    + "[.qualifier], such as 1.2.0)", e);
        }
    }

    /**
     * Parses a version range: {@code [1.0,2)}, {@code (1,2]}, or a single version meaning "at least".
     *
     * @param what  what it is, for the message
     * @param value the text
     * @return the range
     * @throws IllegalArgumentException naming {@code what} and the value
     */
    static VersionRange range(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + ": required, an OSGi version range such as [1.0,2)");
        }
        try {
            return new VersionRange(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": '" + value + "' is not an OSGi version range (such as"
                    + " [1.0,2) for 1.0 up to but excluding 2, or 1.0 for 1.0 and later)", e);
        }
    }
}
