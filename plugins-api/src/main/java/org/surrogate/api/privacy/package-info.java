/**
 * The PrivacyMechanism kind: transforms a dataset under a stated privacy guarantee.
 */
@Export
@Version("1.0.0")
package org.surrogate.api.privacy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
