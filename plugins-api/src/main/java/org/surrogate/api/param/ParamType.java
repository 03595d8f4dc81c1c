package org.surrogate.api.param;

/**
 * The type of a plugin parameter.
 */
public enum ParamType {
    /** A 32-bit integer; accepts whole numbers and strings that parse as one. */
    INT,
    /** A 64-bit integer (seeds, counts of interactions). */
    LONG,
    /** A double; accepts any number and strings that parse as one, also "Infinity". */
    DOUBLE,
    /** true or false; also the strings "true" and "false". */
    BOOLEAN,
    /** Free text. */
    STRING,
    /** One of a fixed list of strings ({@link ParamSpec#choices()}). */
    CHOICE,
    /** A list of 32-bit integers, such as the cut-offs {@code [5, 10, 20]}. */
    INT_LIST,
    /** A list of doubles. */
    DOUBLE_LIST;

    /**
     * The lower-case name used in JSON and in error messages, such as {@code "int_list"}.
     *
     * @return the label
     */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
