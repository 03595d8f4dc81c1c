/**
 * Run-context helpers shared by the built-in protocols: {@link org.surrogate.bundles.commons.run.CurveRecorder}
 * forwards a plugin's context and keeps the training curves it logs, for the protocol's charts.
 */
package org.surrogate.bundles.commons.run;
