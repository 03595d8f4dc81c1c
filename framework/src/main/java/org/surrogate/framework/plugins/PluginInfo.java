package org.surrogate.framework.plugins;

import java.util.List;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.protocol.SlotSpec;

/**
 * A plugin as the host sees it: its descriptor plus where it comes from.
 *
 * @param id           the plugin id
 * @param kind         the kind
 * @param version      the version of the bundle that registers it
 * @param bundle       the symbolic name of that bundle
 * @param bundleId     the OSGi bundle id
 * @param title        human name
 * @param description  what it does
 * @param paper        the paper it implements, or null
 * @param params       its parameter schema
 * @param slots        the slots of a protocol; empty for other kinds
 */
public record PluginInfo(String id, PluginKind kind, String version, String bundle, long bundleId, String title,
                         String description, PaperReference paper, ParamSchema params, List<SlotSpec> slots) {

    /** Copies the slot list. */
    public PluginInfo {
        slots = List.copyOf(slots);
    }
}
