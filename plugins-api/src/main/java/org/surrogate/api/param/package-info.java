/**
 * Parameter schemas and validated parameter values.
 *
 * <p>Every plugin declares a {@link org.surrogate.api.param.ParamSchema}; the server validates an
 * experiment's parameters against it before anything runs and hands the plugin typed
 * {@link org.surrogate.api.param.Params}. The web console draws its forms from the same schema.
 */
@Export
@Version("1.0.0")
package org.surrogate.api.param;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
