package org.surrogate.console.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a user may do. Each role includes the ones below it: an admin may do everything a researcher
 * may, a researcher everything a viewer may.
 */
public enum Role {

    /** Reads everything: plugins, bundles, experiments, runs, the queue. */
    VIEWER,
    /** Also submits experiments and trials and controls their own experiments and trials. */
    RESEARCHER,
    /** Also installs, updates and removes plugins, manages users, controls anyone's experiments. */
    ADMIN;

    /**
     * Whether this role includes another.
     *
     * @param other the role asked for
     * @return true if a user with this role may do what {@code other} may
     */
    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    /**
     * The role's name as written in JSON and annotations: {@code viewer}, {@code researcher},
     * {@code admin}.
     *
     * @return the lower-case name
     */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a role name, in any case.
     *
     * @param label the name
     * @return the role
     * @throws IllegalArgumentException if it names no role
     */
    @JsonCreator
    public static Role parse(String label) {
        if (label != null) {
            for (Role r : values()) {
                if (r.label().equalsIgnoreCase(label.strip())) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException("role: expected viewer, researcher or admin, found '" + label + "'");
    }

    @Override
    public String toString() {
        return label();
    }
}
