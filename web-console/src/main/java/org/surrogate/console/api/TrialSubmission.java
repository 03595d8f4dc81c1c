package org.surrogate.console.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.framework.trials.SlotBinding;
import org.surrogate.framework.trials.TrialRequest;

/**
 * The JSON body of {@code POST /api/v1/trials}, as sent:
 * <pre>{@code
 * {"protocol": "holdout", "params": {}, "seed": 42,
 *  "slots": {"data": [{"plugin": "demo-latent", "params": {}}],
 *            "split": [{"plugin": "random-holdout", "params": {"testFraction": 0.2}}],
 *            "recommenders": [{"plugin": "popularity"}, {"plugin": "item-cosine", "label": "cosine"}],
 *            "evaluators": [{"plugin": "ranking-metrics"}]}}
 * }</pre>
 * Checked here for shape (what is missing); the trial runner then checks it against the plugins'
 * schemas.
 *
 * @param protocol the protocol plugin id
 * @param params   the protocol's parameters, or null for none
 * @param slots    the plugins of each slot by slot name, or null for none
 * @param seed     the seed; required, since a trial is a function of its seed
 */
public record TrialSubmission(String protocol, Map<String, Object> params, Map<String, List<Binding>> slots,
                              Long seed) {

    /**
     * One plugin in a slot.
     *
     * @param plugin the plugin id
     * @param params its parameters, or null for the defaults
     * @param label  the name used in result names, or null for the plugin id
     */
    public record Binding(String plugin, Map<String, Object> params, String label) {
    }

    /**
     * Converts the submission into a request, reporting every missing piece at once.
     *
     * @return the request
     * @throws InvalidParamsException listing each missing or empty field with its path
     */
    public TrialRequest toRequest() {
        List<String> problems = new ArrayList<>();
        if (protocol == null || protocol.isBlank()) {
            problems.add("protocol: required, the id of a protocol plugin such as \"holdout\"");
        }
        if (seed == null) {
            problems.add("seed: required, a whole number such as 42 (a trial is reproduced from its seed)");
        }
        checkNoNulls(params, "params", problems);
        Map<String, List<SlotBinding>> bound = new LinkedHashMap<>();
        if (slots != null) {
            slots.forEach((slot, list) -> {
                if (list == null) {
                    problems.add("slots." + slot + ": expected a list of plugins such as [{\"plugin\": \"popularity\"}]"
                            + ", found null");
                    return;
                }
                List<SlotBinding> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    Binding b = list.get(i);
                    if (b == null || b.plugin() == null || b.plugin().isBlank()) {
                        problems.add("slots." + slot + "[" + i + "].plugin: required, a plugin id");
                    } else {
                        checkNoNulls(b.params(), "slots." + slot + "[" + i + "].params", problems);
                        out.add(new SlotBinding(b.plugin(), b.params(), b.label()));
                    }
                }
                bound.put(slot, out);
            });
        }
        if (!problems.isEmpty()) {
            throw new InvalidParamsException(problems);
        }
        return new TrialRequest(protocol, params, bound, seed);
    }

    /** Null values cannot be copied into the request's immutable maps, and mean nothing anyway. */
    private static void checkNoNulls(Map<String, Object> values, String path, List<String> problems) {
        if (values != null) {
            values.forEach((k, v) -> {
                if (v == null) {
                    problems.add(path + "." + k + ": null is not a value; leave the parameter out to use its default");
                }
            });
        }
    }
}
