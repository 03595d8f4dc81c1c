/**
 * The Evaluator kind: computes metrics of a model or of a dataset, with per-user values kept
 * for confidence intervals and paired tests.
 */
@Export
@Version("1.0.0")
package org.surrogate.api.evaluation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
