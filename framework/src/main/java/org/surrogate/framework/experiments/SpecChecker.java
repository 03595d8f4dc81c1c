package org.surrogate.framework.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.ParamType;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.protocol.SlotSpec;
import org.surrogate.framework.experiments.ExperimentExpander.ResolvedAxis;
import org.surrogate.framework.plugins.PluginInfo;
import org.surrogate.framework.plugins.PluginRegistry;

/**
 * Checks a spec against the installed plugins and collects every problem, in spec order: the
 * protocol, its parameters, each slot and plugin, the grid, the samples and the seeds. Messages
 * follow those of the trial runner.
 */
final class SpecChecker {

    private final ExperimentSpec spec;
    private final PluginRegistry registry;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, ResolvedAxis> axes = new LinkedHashMap<>();

    SpecChecker(ExperimentSpec spec, PluginRegistry registry) {
        this.spec = spec;
        this.registry = registry;
    }

    /**
     * Runs every check.
     *
     * @return the problems found, possibly none; a modifiable list
     */
    List<String> check() {
        Optional<PluginInfo> protocol = registry.find(spec.protocol().plugin());
        PluginInfo proto = null;
        if (protocol.isEmpty() || protocol.get().kind() != PluginKind.PROTOCOL) {
            problems.add("protocol.plugin: " + (protocol.isEmpty()
                    ? "no plugin '" + spec.protocol().plugin() + "' is installed"
                    : "'" + spec.protocol().plugin() + "' is a " + protocol.get().kind().label() + ", not a protocol")
                    + "; installed protocols: " + idsOf(PluginKind.PROTOCOL));
        } else {
            proto = protocol.get();
            checkVersion(spec.protocol(), proto, "protocol");
            validate(proto.params(), spec.protocol().params(), "protocol.params", gridNames(null, 0));
        }
        checkSlots(proto);
        checkGrid(proto);
        checkSamplesAndSeeds();
        return problems;
    }

    /**
     * The grid axes that resolved to a parameter, by path; complete only when no problem was found.
     *
     * @return the axes in grid order
     */
    Map<String, ResolvedAxis> axes() {
        return axes;
    }

    private void checkSlots(PluginInfo proto) {
        Map<String, SlotSpec> declared = new LinkedHashMap<>();
        if (proto != null) {
            proto.slots().forEach(s -> declared.put(s.name(), s));
            for (SlotSpec slot : proto.slots()) {
                int n = spec.slots().getOrDefault(slot.name(), List.of()).size();
                if (n < slot.min() || n > slot.max()) {
                    problems.add("slots." + slot.name() + ": protocol '" + proto.id() + "' needs " + range(slot) + " "
                            + slot.kind().label() + (slot.max() == 1 ? "" : "s") + ", found " + n);
                }
            }
        }
        spec.slots().forEach((name, refs) -> {
            SlotSpec slot = declared.get(name);
            if (proto != null && slot == null) {
                problems.add("slots." + name + ": protocol '" + proto.id() + "' has no such slot; it has: "
                        + String.join(", ", declared.keySet()));
            }
            Set<String> labels = new LinkedHashSet<>();
            for (int i = 0; i < refs.size(); i++) {
                checkRef(refs.get(i), slot, name, i, labels);
            }
        });
    }

    private void checkRef(PluginRef ref, SlotSpec slot, String slotName, int i, Set<String> labels) {
        String path = "slots." + slotName + "[" + i + "]";
        Optional<PluginInfo> info = registry.find(ref.plugin());
        if (info.isEmpty()) {
            problems.add(path + ".plugin: no plugin '" + ref.plugin() + "' is installed"
                    + (slot == null ? "" : "; installed " + slot.kind().label() + "s: " + idsOf(slot.kind())));
            return;
        }
        if (slot != null && info.get().kind() != slot.kind()) {
            problems.add(path + ".plugin: '" + ref.plugin() + "' is a " + info.get().kind().label() + ", slot '"
                    + slotName + "' takes " + slot.kind().label() + "s");
            return;
        }
        if (!labels.add(ref.effectiveLabel())) {
            problems.add(path + ".label: '" + ref.effectiveLabel() + "' is used twice in slot '" + slotName
                    + "'; give each a distinct label");
        }
        checkVersion(ref, info.get(), path);
        validate(info.get().params(), ref.params(), path + ".params", gridNames(slotName, i));
    }

    private void checkVersion(PluginRef ref, PluginInfo info, String path) {
        if (ref.versionRange() == null) {
            return;
        }
        VersionRange range;
        try {
            range = new VersionRange(ref.versionRange());
        } catch (IllegalArgumentException e) {
            problems.add(path + ".versionRange: expected an OSGi version range such as [1.0,2.0), found '"
                    + ref.versionRange() + "'");
            return;
        }
        if (!range.includes(Version.parseVersion(info.version()))) {
            problems.add(path + ".versionRange: plugin '" + info.id() + "' is installed in version " + info.version()
                    + ", outside " + ref.versionRange());
        }
    }

    /**
     * Validates a plugin's parameters. A parameter the grid sets is left out here and checked value by
     * value with the grid, so a required parameter may come from the grid alone.
     */
    private void validate(ParamSchema schema, Map<String, Object> raw, String path, Set<String> fromGrid) {
        Map<String, Object> values = new LinkedHashMap<>(raw);
        values.keySet().removeAll(fromGrid);
        try {
            schema.validate(values, path);
        } catch (InvalidParamsException e) {
            for (String p : e.problems()) {
                boolean gridRequired = fromGrid.stream().anyMatch(n -> p.startsWith(path + "." + n + ": required"));
                if (!gridRequired) {
                    problems.add(p);
                }
            }
        }
    }

    private Set<String> gridNames(String slot, int index) {
        Set<String> names = new LinkedHashSet<>();
        for (String key : spec.grid().keySet()) {
            GridPath p = GridPath.parse(key);
            if (p != null && java.util.Objects.equals(p.slot(), slot) && p.index() == index) {
                names.add(p.param());
            }
        }
        return names;
    }

    private void checkGrid(PluginInfo proto) {
        spec.grid().forEach((key, axis) -> {
            String at = "grid." + key;
            GridPath path = GridPath.parse(key);
            if (path == null) {
                problems.add(at + ": not a parameter path; expected params.NAME or slots.SLOT[INDEX].params.NAME");
                return;
            }
            PluginInfo target = path.protocol() ? proto : slotPlugin(path, at);
            if (target == null) {
                return;
            }
            Optional<ParamSpec> param = target.params().params().stream()
                    .filter(p -> p.name().equals(path.param())).findFirst();
            if (param.isEmpty()) {
                List<String> names = target.params().params().stream().map(ParamSpec::name).toList();
                problems.add(at + ": plugin '" + target.id() + "' has no parameter '" + path.param() + "'; accepted: "
                        + (names.isEmpty() ? "none" : String.join(", ", names)));
                return;
            }
            checkAxis(key, path, param.get(), axis);
        });
    }

    /** The installed plugin a slot path points to, or null after reporting why there is none. */
    private PluginInfo slotPlugin(GridPath path, String at) {
        List<PluginRef> refs = spec.slots().get(path.slot());
        if (refs == null) {
            problems.add(at + ": the spec has no slot '" + path.slot() + "'; it has: "
                    + (spec.slots().isEmpty() ? "none" : String.join(", ", spec.slots().keySet())));
            return null;
        }
        if (path.index() >= refs.size()) {
            problems.add(at + ": slot '" + path.slot() + "' has " + refs.size() + " plugin"
                    + (refs.size() == 1 ? "" : "s") + ", index " + path.index() + " is out of range");
            return null;
        }
        // An unknown plugin was already reported with its slot.
        return registry.find(refs.get(path.index()).plugin()).orElse(null);
    }

    private void checkAxis(String key, GridPath path, ParamSpec param, GridAxis axis) {
        String at = "grid." + key;
        if (axis instanceof GridAxis.Sample s) {
            if (param.type() != ParamType.INT && param.type() != ParamType.LONG && param.type() != ParamType.DOUBLE) {
                problems.add(at + ": " + s.distribution().field() + " sampling needs a numeric parameter; '"
                        + param.name() + "' is a " + param.type().label());
                return;
            }
            int before = problems.size();
            checkValue(param, ExperimentExpander.typed(s.low(), param), at + "." + s.distribution().field() + "[0]");
            checkValue(param, ExperimentExpander.typed(s.high(), param), at + "." + s.distribution().field() + "[1]");
            if (problems.size() == before) {
                axes.put(key, new ResolvedAxis(key, path, param, axis, List.of()));
            }
            return;
        }
        List<Object> values = axis instanceof GridAxis.Values v ? v.values() : ((GridAxis.Range) axis).values();
        int before = problems.size();
        for (int j = 0; j < values.size(); j++) {
            checkValue(param, values.get(j), at + "[" + j + "]");
        }
        if (problems.size() == before) {
            axes.put(key, new ResolvedAxis(key, path, param, axis, values));
        }
    }

    /** Checks one grid value with the parameter's own rules, reporting it under its grid path. */
    private void checkValue(ParamSpec param, Object value, String at) {
        ParamSpec rules = new ParamSpec(param.name(), param.type(), null, false, param.min(), param.minExclusive(),
                param.max(), param.maxExclusive(), param.choices(), param.help());
        try {
            new ParamSchema(List.of(rules)).validate(Map.of(param.name(), value), "");
        } catch (InvalidParamsException e) {
            for (String p : e.problems()) {
                problems.add(at + p.substring(param.name().length()));
            }
        }
    }

    private void checkSamplesAndSeeds() {
        boolean sampled = spec.grid().values().stream().anyMatch(a -> a instanceof GridAxis.Sample);
        if (sampled && spec.samples() < 1) {
            problems.add("samples: required when the grid has uniform or logUniform axes, expected an integer >= 1, "
                    + "found " + spec.samples());
        } else if (!sampled && spec.samples() > 0) {
            problems.add("samples: " + spec.samples() + " given but the grid has no uniform or logUniform axis; "
                    + "remove it or add such an axis");
        }
        if (spec.seeds().isEmpty()) {
            problems.add("seeds: expected at least one seed, found an empty list; omit it for [0]");
        }
        if (spec.seeds().stream().anyMatch(java.util.Objects::isNull)) {
            problems.add("seeds: expected integers, found null in " + spec.seeds());
        }
    }

    private static String range(SlotSpec s) {
        if (s.min() == s.max()) {
            return "exactly " + s.min();
        }
        return s.max() == Integer.MAX_VALUE ? "at least " + s.min() : s.min() + " to " + s.max();
    }

    private String idsOf(PluginKind kind) {
        List<String> ids = registry.list().stream().filter(p -> p.kind() == kind).map(PluginInfo::id).toList();
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }
}
