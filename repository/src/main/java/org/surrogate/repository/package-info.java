/**
 * The results repository: run directories on disk ({@link org.surrogate.repository.RunStore}, the
 * source of truth, written atomically), the Lucene index over them
 * ({@link org.surrogate.repository.RunIndex}: full text, facets, numeric parameter and metric
 * fields, a filter language with AND/OR/IN lists/ranges; derived and rebuildable), and the facade
 * the server uses ({@link org.surrogate.repository.RunRepository}: save, search, compare, export).
 *
 * <p>No Lucene type appears in the public API of this package.
 */
package org.surrogate.repository;
