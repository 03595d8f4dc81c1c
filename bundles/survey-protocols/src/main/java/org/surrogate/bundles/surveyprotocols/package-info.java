/** The survey's research program as protocols: ranking fidelity of synthetic data. */
package org.surrogate.bundles.surveyprotocols;
