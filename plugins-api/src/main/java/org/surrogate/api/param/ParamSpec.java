package org.surrogate.api.param;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of a plugin: its name, type, default, accepted range or choices, whether it is
 * required, and help text for people.
 *
 * <p>Build one with the factory of its type:
 * <pre>{@code
 * ParamSpec factors = ParamSpec.intParam("factors").defaultValue(50).range(1, 10_000)
 *         .help("Number of latent factors.").build();
 * }</pre>
 *
 * @param name         the name, as written in specs: a Java-style identifier
 * @param type         the type
 * @param defaultValue the value used when a spec gives none, already of the type's Java class
 *                     ({@code Integer}, {@code Long}, {@code Double}, {@code Boolean}, {@code String},
 *                     {@code List<Integer>}, {@code List<Double>}), or {@code null} when there is none
 * @param required     whether a spec must give a value (only meaningful without a default)
 * @param min          the smallest accepted number (for lists, of every element), or null
 * @param max          the largest accepted number, or null
 * @param minExclusive whether {@code min} itself is refused (an open lower bound)
 * @param maxExclusive whether {@code max} itself is refused
 * @param choices      the accepted values of a {@link ParamType#CHOICE}, empty otherwise
 * @param help         what it means, for people
 */
public record ParamSpec(String name, ParamType type, Object defaultValue, boolean required,
                        Double min, boolean minExclusive, Double max, boolean maxExclusive,
                        List<String> choices, String help) {

    /**
     * Checks the spec is coherent: a name, a type, a default that fits its own rules.
     *
     * @throws IllegalArgumentException naming the parameter and what is wrong
     */
    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            throw new IllegalArgumentException("parameter name '" + name + "' is not an identifier");
        }
        choices = choices == null ? List.of() : List.copyOf(choices);
        help = help == null ? "" : help;
        if (type == ParamType.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("parameter '" + name + "': a choice needs at least one choice");
        }
        if (type != ParamType.CHOICE && !choices.isEmpty()) {
            throw new IllegalArgumentException("parameter '" + name + "': only a choice has choices");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("parameter '" + name + "': min " + min + " > max " + max);
        }
        if (defaultValue != null) {
            List<String> problems = new java.util.ArrayList<>();
            // The fields of this record are not assigned yet: check against a copy without default.
            ParamSpec rules = new ParamSpec(name, type, null, required, min, minExclusive, max, maxExclusive,
                    choices, help);
            Object coerced = ParamCoercion.coerce(rules, defaultValue, "default of " + name, problems);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("parameter '" + name + "': " + problems.get(0));
            }
            defaultValue = coerced;
        }
    }

    /**
     * Starts an {@link ParamType#INT} parameter.
     *
     * @param name the name
     * @return a builder
     */
    public static Builder intParam(String name) {
        return new Builder(name, ParamType.INT);
    }

    /**
     * Starts a {@link ParamType#LONG} parameter.
     *
     * @param name the name
     * @return a builder
     */
    public static Builder longParam(String name) {
        return new Builder(name, ParamType.LONG);
    }

    /**
     * Starts a {@link ParamType#DOUBLE} parameter.
     *
     * @param name the name
     * @return a builder
     */
    public static Builder doubleParam(String name) {
        return new Builder(name, ParamType.DOUBLE);
    }

    /**
     * Starts a {@link ParamType#BOOLEAN} parameter.
     *
     * @param name the name
     * @return a builder
     */
    public static Builder booleanParam(String name) {
        return new Builder(name, ParamType.BOOLEAN);
    }

    /**
     * Starts a {@link ParamType#STRING} parameter.
     *
     * @param name the name
     * @return a builder
     */
    public static Builder stringParam(String name) {
        return new Builder(name, ParamType.STRING);
    }

    /**
     * Starts a {@link ParamType#CHOICE} parameter.
     *
     * @param name    the name
     * @param choices the accepted values
     * @return a builder
     */
    public static Builder choiceParam(String name, String... choices) {
        Builder b = new Builder(name, ParamType.CHOICE);
        b.choices = List.of(choices);
        return b;
    }

    /**
     * Starts an {@link ParamType#INT_LIST} parameter.
     *
     * @param name the name
     * @return a builder
     */
    public static Builder intListParam(String name) {
        return new Builder(name, ParamType.INT_LIST);
    }

    /**
     * Starts a {@link ParamType#DOUBLE_LIST} parameter.
     *
     * @param name the name
     * @return a builder
     */
    public static Builder doubleListParam(String name) {
        return new Builder(name, ParamType.DOUBLE_LIST);
    }

    /**
     * Describes what this parameter accepts, for error messages: "an integer in [1, 10000]".
     *
     * @return the description
     */
    public String accepted() {
        return ParamCoercion.describe(this);
    }

    /** Builds a {@link ParamSpec}. */
    public static final class Builder {
        private final String name;
        private final ParamType type;
        private Object defaultValue;
        private boolean required;
        private Double min;
        private Double max;
        private boolean minExclusive;
        private boolean maxExclusive;
        private List<String> choices = List.of();
        private String help = "";

        private Builder(String name, ParamType type) {
            this.name = name;
            this.type = type;
        }

        /**
         * Sets the default value.
         *
         * @param value the default, of a class the type accepts
         * @return this builder
         */
        public Builder defaultValue(Object value) {
            this.defaultValue = value;
            return this;
        }

        /**
         * Marks the parameter required: a spec must give it.
         *
         * @return this builder
         */
        public Builder required() {
            this.required = true;
            return this;
        }

        /**
         * Sets the inclusive accepted range.
         *
         * @param min the smallest accepted value
         * @param max the largest accepted value
         * @return this builder
         */
        public Builder range(double min, double max) {
            this.min = min;
            this.max = max;
            return this;
        }

        /**
         * Sets an open range: both bounds themselves are refused, as for a fraction in (0, 1).
         *
         * @param min the bound values must be above
         * @param max the bound values must be below
         * @return this builder
         */
        public Builder openRange(double min, double max) {
            this.min = min;
            this.max = max;
            this.minExclusive = true;
            this.maxExclusive = true;
            return this;
        }

        /**
         * Sets an open lower bound only, as for a learning rate above 0.
         *
         * @param min the bound values must be above
         * @return this builder
         */
        public Builder greaterThan(double min) {
            this.min = min;
            this.minExclusive = true;
            return this;
        }

        /**
         * Sets an open upper bound, as for a fraction in [0, 1) with {@code min(0).lessThan(1)}.
         *
         * @param max the bound values must be below
         * @return this builder
         */
        public Builder lessThan(double max) {
            this.max = max;
            this.maxExclusive = true;
            return this;
        }

        /**
         * Sets the inclusive lower bound only.
         *
         * @param min the smallest accepted value
         * @return this builder
         */
        public Builder min(double min) {
            this.min = min;
            return this;
        }

        /**
         * Sets the help text.
         *
         * @param text what the parameter means
         * @return this builder
         */
        public Builder help(String text) {
            this.help = text;
            return this;
        }

        /**
         * Builds the spec.
         *
         * @return the spec
         * @throws IllegalArgumentException if it is incoherent
         */
        public ParamSpec build() {
            return new ParamSpec(name, type, defaultValue, required, min, minExclusive, max, maxExclusive, choices,
                    help);
        }
    }
}
