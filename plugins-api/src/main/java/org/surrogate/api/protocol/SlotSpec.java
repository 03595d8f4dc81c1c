package org.surrogate.api.protocol;

import java.util.Objects;
import org.surrogate.api.plugin.PluginKind;

/**
 * A slot of a protocol: a named place for plugins of one kind, such as "recommenders" holding one
 * or more recommenders.
 *
 * @param name the slot name as written in specs, such as "generator"
 * @param kind the kind of plugin it takes
 * @param min  the fewest plugins it needs (0 for optional)
 * @param max  the most it takes
 * @param help what the slot is for
 */
public record SlotSpec(String name, PluginKind kind, int min, int max, String help) {

    /**
     * Checks the counts.
     *
     * @throws IllegalArgumentException if min is negative or above max, or max is 0
     */
    public SlotSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (min < 0 || max < 1 || min > max) {
            throw new IllegalArgumentException("slot '" + name + "': need 0 <= min <= max and max >= 1, found min "
                    + min + ", max " + max);
        }
        help = help == null ? "" : help;
    }

    /**
     * A slot for exactly one plugin.
     *
     * @param name the slot name
     * @param kind the kind
     * @param help what it is for
     * @return the slot
     */
    public static SlotSpec one(String name, PluginKind kind, String help) {
        return new SlotSpec(name, kind, 1, 1, help);
    }

    /**
     * An optional slot for at most one plugin.
     *
     * @param name the slot name
     * @param kind the kind
     * @param help what it is for
     * @return the slot
     */
    public static SlotSpec optional(String name, PluginKind kind, String help) {
        return new SlotSpec(name, kind, 0, 1, help);
    }

    /**
     * A slot for one or more plugins.
     *
     * @param name the slot name
     * @param kind the kind
     * @param help what it is for
     * @return the slot
     */
    public static SlotSpec oneOrMore(String name, PluginKind kind, String help) {
        return new SlotSpec(name, kind, 1, Integer.MAX_VALUE, help);
    }
}
