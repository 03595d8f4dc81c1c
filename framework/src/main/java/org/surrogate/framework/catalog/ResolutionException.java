package org.surrogate.framework.catalog;

/**
 * Thrown when a request cannot be resolved against the catalogs: a bundle or dependency no catalog
 * offers, versions that no single version satisfies, a dependency cycle, a plugins-api range this
 * server is not in. Nothing has been changed when it is thrown. The message names the bundles,
 * versions and ranges involved.
 */
public final class ResolutionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the bundles, versions and ranges involved
     */
    public ResolutionException(String message) {
        super(message);
    }
}
