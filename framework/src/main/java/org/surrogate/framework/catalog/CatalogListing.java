package org.surrogate.framework.catalog;

import java.util.List;

/**
 * What the catalogs offer now, and the catalogs that could not be read.
 *
 * @param bundles  every bundle version offered, by symbolic name then newest version first
 * @param updates  the installed bundles with a newer version that fits this server
 * @param problems one message per catalog that could not be read, naming it and why
 * @param pluginsApi this server's plugins-api version
 */
public record CatalogListing(List<AvailableBundle> bundles, List<Update> updates, List<String> problems,
                             String pluginsApi) {

    /** Copies the lists. */
    public CatalogListing {
        bundles = List.copyOf(bundles);
        updates = List.copyOf(updates);
        problems = List.copyOf(problems);
    }

    /**
     * An update the catalogs offer for an installed bundle.
     *
     * @param symbolicName     the bundle
     * @param installedVersion the version installed now
     * @param version          the newest version that fits this server
     * @param catalog          the catalog offering it
     */
    public record Update(String symbolicName, String installedVersion, String version, String catalog) {
    }
}
