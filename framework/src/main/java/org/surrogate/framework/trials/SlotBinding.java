package org.surrogate.framework.trials;

import java.util.Map;
import java.util.Objects;

/**
 * One plugin put into a protocol slot by a trial request.
 *
 * @param plugin the plugin id
 * @param params raw parameter values, validated against the plugin's schema before the trial starts
 * @param label  the name used in result names, or null to use the plugin id
 */
public record SlotBinding(String plugin, Map<String, Object> params, String label) {

    /** Copies the parameters. */
    public SlotBinding {
        Objects.requireNonNull(plugin, "plugin");
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /**
     * A binding with default parameters.
     *
     * @param plugin the plugin id
     * @return the binding
     */
    public static SlotBinding of(String plugin) {
        return new SlotBinding(plugin, Map.of(), null);
    }
}
