/**
 * The Protocol kind: the workflow of one trial. A protocol declares the slots it needs (which
 * kinds of plugins, how many), receives them filled and configured, and drives them.
 */
@Export
@Version("1.0.0")
package org.surrogate.api.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
