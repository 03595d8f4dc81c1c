/**
 * Dataset transformations shared by bundles: the implicit threshold, minimum counts and the k-core
 * ({@link org.surrogate.bundles.commons.data.DatasetFilters}, configured by
 * {@link org.surrogate.bundles.commons.data.FilterOptions}), re-indexing what is left to dense ids while
 * keeping the original ids.
 */
package org.surrogate.bundles.commons.data;
