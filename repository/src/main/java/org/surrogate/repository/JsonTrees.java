package org.surrogate.repository;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helpers for JSON-like trees of {@code Map<String,Object>}, {@code List<Object>} and scalars, as
 * Jackson reads them into {@code Object}.
 */
public final class JsonTrees {

    private JsonTrees() {
    }

    /**
     * Flattens a tree into paths and scalar values, in the tree's order: map keys are joined with
     * {@code .}, list elements get {@code [i]}, e.g.
     * {@code {"slots":{"recommenders":[{"plugin":"als"}]}}} gives
     * {@code slots.recommenders[0].plugin = als}. Empty maps and lists disappear; null values stay.
     *
     * @param tree the tree, may be null
     * @return a new ordered map of path to scalar (String, Number, Boolean or null)
     */
    public static Map<String, Object> flatten(Map<String, ?> tree) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (tree != null) {
            for (Map.Entry<String, ?> e : tree.entrySet()) {
                flatten(e.getKey(), e.getValue(), out);
            }
        }
        return out;
    }

    private static void flatten(String path, Object value, Map<String, Object> out) {
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                flatten(path + "." + e.getKey(), e.getValue(), out);
            }
        } else if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                flatten(path + "[" + i + "]", l.get(i), out);
            }
        } else {
            out.put(path, value);
        }
    }

    /**
     * Copies a tree into unmodifiable maps (keeping key order) and lists, so that a record holding
     * it is immutable all the way down. Null values are kept.
     *
     * @param value a map, list or scalar
     * @return the unmodifiable copy (scalars are returned as they are)
     */
    static Object immutableCopy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                copy.put(String.valueOf(e.getKey()), immutableCopy(e.getValue()));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            for (Object o : l) {
                copy.add(immutableCopy(o));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> immutableMap(Map<String, ?> m) {
        return m == null ? Map.of() : (Map<String, Object>) immutableCopy(m);
    }
}
