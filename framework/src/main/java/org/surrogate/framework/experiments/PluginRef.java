package org.surrogate.framework.experiments;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plugin named by an experiment spec: its id, an optional OSGi version range, its raw parameters
 * and an optional label.
 *
 * <pre>{@code
 * - plugin: als
 *   versionRange: "[1.0,2.0)"
 *   params: {factors: 64}
 *   label: als-64
 * }</pre>
 *
 * @param plugin       the plugin id
 * @param versionRange the accepted bundle versions in OSGi range syntax, such as {@code "[1.0,2.0)"},
 *                     or null for any
 * @param params       raw parameter values, validated against the plugin's schema by the expander
 * @param label        the name used in results, or null for the plugin id
 */
public record PluginRef(String plugin, String versionRange,
                        Map<String, Object> params, String label) {

    /**
     * Checks the id and copies the parameters, keeping their order.
     *
     * @throws IllegalArgumentException if the id is missing or blank
     */
    public PluginRef {
        if (plugin == null || plugin.isBlank()) {
            throw new IllegalArgumentException("plugin: required, expected a plugin id such as 'als'");
        }
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * A reference to a plugin with default parameters.
     *
     * @param plugin the plugin id
     * @return the reference
     */
    public static PluginRef of(String plugin) {
        return new PluginRef(plugin, null, Map.of(), null);
    }

    /**
     * A reference to a plugin with parameters.
     *
     * @param plugin the plugin id
     * @param params the raw parameters
     * @return the reference
     */
    public static PluginRef of(String plugin, Map<String, Object> params) {
        return new PluginRef(plugin, null, params, null);
    }

    /**
     * The label used in results.
     *
     * @return the label, or the plugin id when none is set
     */
    public String effectiveLabel() {
        return label == null ? plugin : label;
    }
}
