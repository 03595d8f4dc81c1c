/**
 * The data model: immutable interaction datasets with dense integer ids, and the
 * {@link org.surrogate.api.data.DatasetSource} kind that loads or makes them.
 */
@Export
@Version("1.0.0")
package org.surrogate.api.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
