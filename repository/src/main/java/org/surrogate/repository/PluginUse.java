package org.surrogate.repository;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One plugin a run used: the slot it filled, its id and version, and the bundle it came from.
 *
 * @param slot               the spec slot, e.g. {@code dataset}, {@code recommenders}
 * @param id                 the plugin id, e.g. {@code als}
 * @param version            the plugin version, e.g. {@code 1.2.0}; may be null if unknown
 * @param bundleSymbolicName the OSGi bundle that registered the plugin; may be null
 * @param bundleSha256       the sha256 of that bundle's jar, hex; may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PluginUse(String slot, String id, String version, String bundleSymbolicName, String bundleSha256) {

    /**
     * Checks that slot and id are present.
     *
     * @throws NullPointerException if slot or id is null
     */
    public PluginUse {
        Objects.requireNonNull(slot, "plugin use: slot is required");
        Objects.requireNonNull(id, "plugin use: id is required");
    }
}
