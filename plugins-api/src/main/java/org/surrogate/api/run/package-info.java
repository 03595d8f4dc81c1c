/**
 * The run context a plugin works in: seed and random streams, progress, cancellation, metrics
 * with a step (curves), final results, artifacts and logging.
 */
@Export
@Version("1.0.0")
package org.surrogate.api.run;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
