/**
 * Statistics for fidelity and ranking-fidelity evaluation: rank correlation between orderings of
 * algorithms ({@link org.surrogate.bundles.commons.stats.RankCorrelation}) with percentile bootstrap
 * intervals over users or seeds ({@link org.surrogate.bundles.commons.stats.Bootstrap},
 * {@link org.surrogate.bundles.commons.stats.RankCorrelationBootstrap}), distances between two samples
 * or histograms ({@link org.surrogate.bundles.commons.stats.DistributionDistance},
 * {@link org.surrogate.bundles.commons.stats.Binning}), the Gini coefficient
 * ({@link org.surrogate.bundles.commons.stats.Gini}), the top singular values of a sparse interaction
 * matrix ({@link org.surrogate.bundles.commons.stats.SingularValues}) and item co-occurrence similarity
 * ({@link org.surrogate.bundles.commons.stats.CooccurrenceSimilarity}).
 *
 * <p>Where commons-math3 has a statistic (Kendall tau-b, Spearman, Pearson, the Kolmogorov-Smirnov test,
 * percentiles, small dense SVD) it is used; only what it lacks is implemented here. Nothing here draws
 * unseeded random numbers: methods that need randomness take a {@link java.util.Random}.
 */
package org.surrogate.bundles.commons.stats;
