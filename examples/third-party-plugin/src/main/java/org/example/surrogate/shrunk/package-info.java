/**
 * An example third-party Surrogate plugin: {@link org.example.surrogate.shrunk.ShrunkPopularityRecommender},
 * a popularity recommender whose scores are shrunk towards zero for rarely seen items.
 *
 * <p>This package is private to its bundle (bnd does not export it): the server only ever sees the
 * plugin through the {@code org.surrogate.api.recommender.Recommender} service it registers.
 */
package org.example.surrogate.shrunk;
