package org.surrogate.framework.catalog;

/**
 * A bundle an admin asks to install or update from the catalogs.
 *
 * @param symbolicName the bundle's symbolic name
 * @param version      an exact version, or null for the newest version that fits this server
 */
public record BundleRequest(String symbolicName, String version) {

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if the name is missing or the version malformed
     */
    public BundleRequest {
        if (symbolicName == null || symbolicName.isBlank()) {
            throw new IllegalArgumentException("symbolicName: required, the bundle's symbolic name");
        }
        symbolicName = symbolicName.strip();
        if (version != null && version.isBlank()) {
            version = null;
        }
        if (version != null) {
            version = Versions.version("bundle '" + symbolicName + "': version", version).toString();
        }
    }

    /**
     * Parses {@code name} or {@code name@version}.
     *
     * @param text the text
     * @return the request
     * @throws IllegalArgumentException if it is malformed
     */
    public static BundleRequest parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("symbolicName: required");
        }
        int at = text.lastIndexOf('@');
        return at < 0 ? new BundleRequest(text, null) : new BundleRequest(text.substring(0, at), text.substring(at + 1));
    }
}
