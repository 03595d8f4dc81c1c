package org.surrogate.bundles.holdoutprotocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.api.protocol.Configured;
import org.surrogate.api.protocol.Trial;

/** A trial filled by hand: the protocol's parameters and configured plugins per slot. */
final class FakeTrial implements Trial {

    private final Params params;
    private final Map<String, List<Configured<?>>> slots = new LinkedHashMap<>();

    FakeTrial(Map<String, ?> protocolParams) {
        this.params = HoldoutProtocol.DESCRIPTOR.params().validate(protocolParams, "");
    }

    /** Adds a plugin with its default parameters under a label. */
    FakeTrial with(String slot, Plugin plugin, String label) {
        Params p = plugin.descriptor().params().defaults();
        slots.computeIfAbsent(slot, k -> new ArrayList<>()).add(new Configured<>(plugin, p, label));
        return this;
    }

    /** The slots, to remove one in a test. */
    Map<String, List<Configured<?>>> slots() {
        return slots;
    }

    @Override
    public Params params() {
        return params;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Plugin> List<Configured<T>> slot(String slot, Class<T> type) {
        List<Configured<T>> out = new ArrayList<>();
        for (Configured<?> c : slots.getOrDefault(slot, List.of())) {
            if (!type.isInstance(c.plugin())) {
                throw new IllegalArgumentException("slot '" + slot + "' holds a " + c.plugin().getClass());
            }
            out.add((Configured<T>) c);
        }
        return out;
    }
}
