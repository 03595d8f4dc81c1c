package org.surrogate.framework.catalog;

import org.surrogate.api.plugin.PaperReference;

/**
 * A plugin a catalog bundle registers, as the index describes it (read from the plugin's descriptor
 * when the index was written).
 *
 * @param id          the plugin id
 * @param kind        its kind label, such as {@code recommender}
 * @param title       its title, or null
 * @param description what it does, or null
 * @param paper       the paper it implements, or null
 */
public record CatalogPlugin(String id, String kind, String title, String description, PaperReference paper) {

    /**
     * Checks the id.
     *
     * @throws IllegalArgumentException if the id is missing
     */
    public CatalogPlugin {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id: required, the plugin id");
        }
    }
}
