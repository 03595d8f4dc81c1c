/**
 * The Simulator kind: interactive user environments a policy can be trained and evaluated in.
 *
 * <p>An {@link org.surrogate.api.simulator.Environment} is stepped with slates and answers with per-item
 * feedback, a reward and whether the session is done. Sessions are explicit
 * {@link org.surrogate.api.simulator.Observation} values, so many can be stepped in one batch.
 */
@Export
@Version("1.0.0")
package org.surrogate.api.simulator;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
