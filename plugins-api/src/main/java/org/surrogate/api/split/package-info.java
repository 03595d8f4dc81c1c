/**
 * The Splitter kind: divides a dataset into training, validation and test parts (random holdout,
 * temporal, leave-one-out, k-fold, strong generalization), seeded and deterministic.
 */
@Export
@Version("1.0.0")
package org.surrogate.api.split;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
