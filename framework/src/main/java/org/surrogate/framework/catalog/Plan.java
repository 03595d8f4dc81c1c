package org.surrogate.framework.catalog;

import java.util.List;
import java.util.Objects;

/**
 * What installing or updating from the catalogs will do, in order: dependencies before the bundles
 * that need them. Bundles already installed at a version that satisfies every requirement are not
 * steps.
 *
 * @param steps the changes, in the order they are applied
 */
public record Plan(List<Step> steps) {

    /** Copies the list. */
    public Plan {
        steps = List.copyOf(steps);
    }

    /** What a step does. */
    public enum Action {
        /** Installs a bundle that is not installed. */
        INSTALL,
        /** Replaces the installed version of a bundle. */
        UPDATE
    }

    /**
     * One change.
     *
     * @param action       install or update
     * @param symbolicName the bundle
     * @param version      the version it gets
     * @param fromVersion  the version installed now (for an update), else null
     * @param catalog      the catalog it comes from
     * @param reason       why: {@code requested}, or {@code needed by 'x' 1.0.0}
     * @param entry        the catalog entry
     */
    public record Step(Action action, String symbolicName, String version, String fromVersion, String catalog,
                       String reason, CatalogEntry entry) {

        /** Checks the required fields. */
        public Step {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(symbolicName, "symbolicName");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(catalog, "catalog");
            Objects.requireNonNull(entry, "entry");
        }
    }
}
