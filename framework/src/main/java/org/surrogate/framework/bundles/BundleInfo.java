package org.surrogate.framework.bundles;

import java.util.List;

/**
 * An installed plugin bundle.
 *
 * @param id           the OSGi bundle id
 * @param symbolicName its symbolic name
 * @param version      its version
 * @param state        INSTALLED, RESOLVED, STARTING, ACTIVE, STOPPING
 * @param source       where it came from: "builtin", "upload", "hot-deploy", "url", "file"
 * @param sha256       the SHA-256 of the jar, lower-case hex
 * @param plugins      the ids of the plugins it registers
 */
public record BundleInfo(long id, String symbolicName, String version, String state, String source, String sha256,
                         List<String> plugins) {

    /** Copies the plugin list. */
    public BundleInfo {
        plugins = List.copyOf(plugins);
    }
}
