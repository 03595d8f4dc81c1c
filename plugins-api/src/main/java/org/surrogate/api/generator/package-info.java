/**
 * The Generator kind: produces synthetic datasets, from scratch or fitted to a real dataset.
 */
@Export
@Version("1.0.0")
package org.surrogate.api.generator;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
