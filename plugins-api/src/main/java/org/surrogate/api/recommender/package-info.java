/**
 * The Recommender kind: fits a model that scores items for users or histories, and acts as a
 * {@link org.surrogate.api.recommender.Policy} in a simulator.
 */
@Export
@Version("1.0.0")
package org.surrogate.api.recommender;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
