package org.surrogate.api.param;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parameters a plugin accepts, in display order, and the one validation used for specs, the
 * REST API and Java callers alike.
 *
 * @param params the parameter specs; names are unique
 */
public record ParamSchema(List<ParamSpec> params) {

    /** A schema with no parameters. */
    public static final ParamSchema EMPTY = new ParamSchema(List.of());

    /**
     * Copies the list and checks names are unique.
     *
     * @throws IllegalArgumentException on a duplicate name
     */
    public ParamSchema {
        params = List.copyOf(params);
        Set<String> seen = new HashSet<>();
        for (ParamSpec p : params) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' is declared twice");
            }
        }
    }

    /**
     * Makes a schema from specs.
     *
     * @param specs the parameters, in display order
     * @return the schema
     */
    public static ParamSchema of(ParamSpec... specs) {
        return new ParamSchema(List.of(specs));
    }

    /**
     * Validates raw values and fills defaults, reporting every problem at once.
     *
     * @param values raw values by name (numbers, strings, booleans, lists), may be empty
     * @param path   the path of these values in the spec, used as prefix of messages, such as
     *               {@code "slots.recommenders[1].params"}; empty for none
     * @return the typed parameters, with defaults for the values not given
     * @throws InvalidParamsException listing every unknown name, missing required value and bad value
     */
    public Params validate(Map<String, ?> values, String path) {
        String prefix = path == null || path.isEmpty() ? "" : path + ".";
        List<String> problems = new ArrayList<>();
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        for (ParamSpec p : params) {
            byName.put(p.name(), p);
        }
        for (String key : new TreeSet<>(values.keySet())) {
            if (!byName.containsKey(key)) {
                problems.add(prefix + key + ": unknown parameter; accepted: "
                        + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())));
            }
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        for (ParamSpec p : params) {
            Object raw = values.get(p.name());
            if (raw == null) {
                if (p.defaultValue() != null) {
                    typed.put(p.name(), p.defaultValue());
                } else if (p.required()) {
                    problems.add(prefix + p.name() + ": required, expected " + p.accepted());
                }
                continue;
            }
            Object v = ParamCoercion.coerce(p, raw, prefix + p.name(), problems);
            if (v != null) {
                typed.put(p.name(), v);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidParamsException(problems);
        }
        return new Params(typed);
    }

    /**
     * The defaults of every parameter that has one; fails if a required parameter has none.
     *
     * @return the parameters with their defaults
     * @throws InvalidParamsException if a parameter is required
     */
    public Params defaults() {
        return validate(Map.of(), "");
    }
}
