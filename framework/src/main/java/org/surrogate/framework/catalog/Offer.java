package org.surrogate.framework.catalog;

import java.util.Objects;

/**
 * A bundle version as one catalog offers it.
 *
 * @param catalog the catalog
 * @param entry   its index entry
 */
public record Offer(CatalogLocation catalog, CatalogEntry entry) {

    /** Checks both are given. */
    public Offer {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(entry, "entry");
    }
}
