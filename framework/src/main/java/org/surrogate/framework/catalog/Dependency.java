package org.surrogate.framework.catalog;

/**
 * A bundle another bundle of a catalog needs installed: its symbolic name and a version range.
 *
 * @param symbolicName the needed bundle's symbolic name
 * @param version      the OSGi version range it must be in, such as {@code [1.0,2)}; null or blank for any
 */
public record Dependency(String symbolicName, String version) {

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if the name is missing or the range is not an OSGi range
     */
    public Dependency {
        if (symbolicName == null || symbolicName.isBlank()) {
            throw new IllegalArgumentException("symbolicName: required, the needed bundle's Bundle-SymbolicName");
        }
        symbolicName = symbolicName.strip();
        version = version == null || version.isBlank() ? "0.0.0" : version.strip();
        Versions.range("version", version);
    }

    /**
     * The range as an OSGi object.
     *
     * @return the range
     */
    org.osgi.framework.VersionRange range() {
        return new org.osgi.framework.VersionRange(version);
    }

    @Override
    public String toString() {
        return "'" + symbolicName + "' " + version;
    }
}
