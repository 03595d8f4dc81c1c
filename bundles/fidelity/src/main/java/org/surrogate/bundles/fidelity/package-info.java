/**
 * The {@code fidelity} evaluator: how closely a dataset (say synthetic) matches a reference (say real),
 * by the statistics of the survey's section 3.1 (marginal distributions, rating histogram, Gini of
 * popularity, singular values, item co-occurrence), as numbers and as tables for plots. Private to the
 * bundle.
 */
package org.surrogate.bundles.fidelity;
