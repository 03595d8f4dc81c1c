package org.surrogate.framework.catalog;

import java.util.List;
import org.surrogate.api.plugin.PaperReference;

/**
 * A bundle version the catalogs offer, with how it relates to what is installed.
 *
 * @param symbolicName     the bundle
 * @param version          this version
 * @param name             its human name, or null
 * @param description      what it offers, or null
 * @param kinds            the plugin kinds it registers
 * @param plugins          its plugins, where the index lists them
 * @param paper            the paper it implements, or null
 * @param pluginsApi       the plugins-api range it needs, or null
 * @param catalog          the catalog offering it (the first, when several do)
 * @param sha256           its jar's SHA-256
 * @param dependencies     the bundles it needs
 * @param installedVersion the installed version of the bundle, or null
 * @param status           {@code installed} (this version is installed), {@code update} (newer than the
 *                         installed one), {@code older} (older than the installed one), {@code available}
 *                         (not installed), or {@code incompatible} (needs another plugins-api)
 */
public record AvailableBundle(String symbolicName, String version, String name, String description,
                              List<String> kinds, List<CatalogPlugin> plugins, PaperReference paper, String pluginsApi,
                              String catalog, String sha256, List<Dependency> dependencies, String installedVersion,
                              String status) {

    /** Copies the lists. */
    public AvailableBundle {
        kinds = List.copyOf(kinds);
        plugins = List.copyOf(plugins);
        dependencies = List.copyOf(dependencies);
    }
}
