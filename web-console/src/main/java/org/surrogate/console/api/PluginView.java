package org.surrogate.console.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.protocol.SlotSpec;
import org.surrogate.framework.plugins.PluginInfo;

/**
 * A plugin as the API shows it: kinds and parameter types by their lower-case labels, so that a
 * client can draw a form from {@link #params()} and, for a protocol, its slots from {@link #slots()}.
 *
 * @param id          the plugin id
 * @param kind        the kind's label, such as {@code "recommender"}
 * @param version     the version of the bundle that registers it
 * @param bundle      that bundle's symbolic name
 * @param bundleId    that bundle's OSGi id
 * @param title       human name
 * @param description what it does
 * @param paper       the paper it implements, or null
 * @param params      its parameters, in display order
 * @param slots       a protocol's slots; empty for other kinds
 */
public record PluginView(String id, String kind, String version, String bundle, long bundleId, String title,
                         String description, PaperReference paper, List<Param> params, List<Slot> slots) {

    /** Copies the lists. */
    public PluginView {
        params = List.copyOf(params);
        slots = List.copyOf(slots);
    }

    /**
     * The view of a plugin.
     *
     * @param p the plugin
     * @return its view
     */
    public static PluginView of(PluginInfo p) {
        return new PluginView(p.id(), p.kind().label(), p.version(), p.bundle(), p.bundleId(), p.title(),
                p.description(), p.paper(), p.params().params().stream().map(Param::of).toList(),
                p.slots().stream().map(Slot::of).toList());
    }

    /**
     * One parameter.
     *
     * @param name         its name in specs
     * @param type         the type's label, such as {@code "int"} or {@code "double_list"}
     * @param defaultValue the default, or null when there is none
     * @param required     whether a spec must give it
     * @param min          the smallest accepted number, or null
     * @param minExclusive whether min itself is refused
     * @param max          the largest accepted number, or null
     * @param maxExclusive whether max itself is refused
     * @param accepted     what is accepted, in words, as validation errors say it
     * @param choices      the accepted values of a choice; empty otherwise
     * @param help         what it means
     */
    public record Param(String name, String type, @JsonProperty("default") Object defaultValue, boolean required,
                        Double min, boolean minExclusive, Double max, boolean maxExclusive, String accepted,
                        List<String> choices, String help) {

        /** Copies the choices. */
        public Param {
            choices = List.copyOf(choices);
        }

        static Param of(ParamSpec s) {
            return new Param(s.name(), s.type().label(), s.defaultValue(), s.required(), s.min(), s.minExclusive(),
                    s.max(), s.maxExclusive(), s.accepted(), s.choices(), s.help());
        }
    }

    /**
     * One slot of a protocol.
     *
     * @param name its name in trial requests, such as {@code "recommenders"}
     * @param kind the label of the kind of plugin it takes
     * @param min  the fewest plugins it needs (0 when optional)
     * @param max  the most it takes, or null when unbounded
     * @param help what it is for
     */
    public record Slot(String name, String kind, int min, Integer max, String help) {

        static Slot of(SlotSpec s) {
            return new Slot(s.name(), s.kind().label(), s.min(), s.max() == Integer.MAX_VALUE ? null : s.max(),
                    s.help());
        }
    }
}
