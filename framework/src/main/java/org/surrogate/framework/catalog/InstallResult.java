package org.surrogate.framework.catalog;

import java.util.List;
import org.surrogate.framework.bundles.BundleInfo;

/**
 * What an install or update from the catalogs did (or, for a dry run, would do).
 *
 * @param dryRun  whether nothing was changed on purpose
 * @param steps   the plan's steps, dependencies first
 * @param bundles the bundles after the change, in step order; empty for a dry run
 */
public record InstallResult(boolean dryRun, List<Plan.Step> steps, List<BundleInfo> bundles) {

    /** Copies the lists. */
    public InstallResult {
        steps = List.copyOf(steps);
        bundles = List.copyOf(bundles);
    }
}
