package org.surrogate.api.protocol;

import java.util.List;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.Plugin;

/**
 * One trial as a protocol sees it: its own parameters and its slots, filled with configured
 * plugins. The server resolved and validated everything before the trial started, and keeps the
 * plugins available (even across a bundle update) until the trial ends.
 */
public interface Trial {

    /**
     * The protocol's own validated parameters.
     *
     * @return the parameters
     */
    Params params();

    /**
     * The plugins in a slot, in spec order.
     *
     * @param slot the slot name, one the protocol declared
     * @param type the interface of the slot's kind
     * @param <T>  that interface
     * @return the configured plugins, possibly empty for an optional slot
     * @throws IllegalArgumentException if the protocol declared no such slot, or of another kind
     */
    <T extends Plugin> List<Configured<T>> slot(String slot, Class<T> type);

    /**
     * The single plugin of a slot that takes one.
     *
     * @param slot the slot name
     * @param type the interface of the slot's kind
     * @param <T>  that interface
     * @return the configured plugin
     * @throws IllegalArgumentException if the slot is empty or holds several
     */
    default <T extends Plugin> Configured<T> single(String slot, Class<T> type) {
        List<Configured<T>> list = slot(slot, type);
        if (list.size() != 1) {
            throw new IllegalArgumentException("slot '" + slot + "' holds " + list.size() + " plugins, expected one");
        }
        return list.get(0);
    }
}
