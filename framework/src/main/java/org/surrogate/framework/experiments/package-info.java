/**
 * Experiment specs: the YAML or JSON document a researcher submits (a protocol, its slots filled
 * with plugins, a parameter grid and seeds), its parsing ({@link org.surrogate.framework.experiments.ExperimentSpecs}),
 * and its validation and expansion into trial requests
 * ({@link org.surrogate.framework.experiments.ExperimentExpander}).
 */
package org.surrogate.framework.experiments;
