package org.surrogate.framework.trials;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request to run one trial: a protocol, its parameters, its slots filled with plugins, and a seed.
 *
 * @param protocol the protocol plugin id
 * @param params   the protocol's raw parameters
 * @param slots    the plugins of each slot, by slot name
 * @param seed     the seed
 */
public record TrialRequest(String protocol, Map<String, Object> params, Map<String, List<SlotBinding>> slots,
                           long seed) {

    /** Copies the maps, keeping slot order. */
    public TrialRequest {
        Objects.requireNonNull(protocol, "protocol");
        params = params == null ? Map.of() : Map.copyOf(params);
        Map<String, List<SlotBinding>> copy = new LinkedHashMap<>();
        if (slots != null) {
            slots.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        }
        slots = java.util.Collections.unmodifiableMap(copy);
    }
}
