/**
 * The run context a plugin works in: seed and random streams, progress, cancellation, metrics
 * with a step (curves), final results, artifacts and logging.
 *
 * <p>1.1: {@code RunContext.protocolFact} (the facts behind a trial's protocol fingerprint).
 */
@Export
@Version("1.1.0")
package org.surrogate.api.run;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
