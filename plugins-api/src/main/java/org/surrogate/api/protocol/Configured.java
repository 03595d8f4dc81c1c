package org.surrogate.api.protocol;

import java.util.Objects;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.Plugin;

/**
 * A plugin placed in a slot with its validated parameters.
 *
 * @param plugin the plugin
 * @param params its validated parameters for this trial
 * @param label  a name unique within the slot, used in result names: the plugin id, or the label
 *               the spec gave when the same plugin appears twice (say "als-50" and "als-200")
 * @param <T>    the plugin kind's interface
 */
public record Configured<T extends Plugin>(T plugin, Params params, String label) {

    /**
     * Checks the fields are present.
     *
     * @throws NullPointerException if one is null
     */
    public Configured {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(label, "label");
    }
}
