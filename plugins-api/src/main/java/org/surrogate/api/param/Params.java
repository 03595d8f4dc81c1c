package org.surrogate.api.param;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validated, typed parameter values of one plugin in one trial. Made by
 * {@link ParamSchema#validate(Map, String)}; immutable.
 */
public final class Params {

    private final Map<String, Object> values;

    Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * The values by name, in schema order; absent optional parameters without default are missing.
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * Whether a value is present.
     *
     * @param name the parameter name
     * @return true if present
     */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * An {@link ParamType#INT} value.
     *
     * @param name the parameter name
     * @return the value
     * @throws IllegalStateException if absent or of another type
     */
    public int getInt(String name) {
        return get(name, Integer.class);
    }

    /**
     * A {@link ParamType#LONG} value.
     *
     * @param name the parameter name
     * @return the value
     * @throws IllegalStateException if absent or of another type
     */
    public long getLong(String name) {
        return get(name, Long.class);
    }

    /**
     * A {@link ParamType#DOUBLE} value.
     *
     * @param name the parameter name
     * @return the value
     * @throws IllegalStateException if absent or of another type
     */
    public double getDouble(String name) {
        return get(name, Double.class);
    }

    /**
     * A {@link ParamType#BOOLEAN} value.
     *
     * @param name the parameter name
     * @return the value
     * @throws IllegalStateException if absent or of another type
     */
    public boolean getBoolean(String name) {
        return get(name, Boolean.class);
    }

    /**
     * A {@link ParamType#STRING} or {@link ParamType#CHOICE} value.
     *
     * @param name the parameter name
     * @return the value
     * @throws IllegalStateException if absent or of another type
     */
    public String getString(String name) {
        return get(name, String.class);
    }

    /**
     * An {@link ParamType#INT_LIST} value.
     *
     * @param name the parameter name
     * @return the value, unmodifiable
     * @throws IllegalStateException if absent or of another type
     */
    @SuppressWarnings("unchecked")
    public List<Integer> getIntList(String name) {
        return get(name, List.class);
    }

    /**
     * A {@link ParamType#DOUBLE_LIST} value.
     *
     * @param name the parameter name
     * @return the value, unmodifiable
     * @throws IllegalStateException if absent or of another type
     */
    @SuppressWarnings("unchecked")
    public List<Double> getDoubleList(String name) {
        return get(name, List.class);
    }

    private <T> T get(String name, Class<T> type) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("parameter '" + name + "' has no value; present: " + values.keySet());
        }
        if (!type.isInstance(v)) {
            throw new IllegalStateException("parameter '" + name + "' is a " + v.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
