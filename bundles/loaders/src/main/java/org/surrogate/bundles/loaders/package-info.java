/**
 * DatasetSource plugins that read recommender data files: MovieLens 100K ({@code movielens-100k}),
 * 1M/10M ({@code movielens-dat}), latest/20M/25M ({@code movielens-csv}), Amazon sequences in the S3-Rec
 * format ({@code amazon-seq}), DIGINETICA session clicks ({@code diginetica}), Last.fm HetRec 2011
 * ({@code lastfm-hetrec}) and any CSV/TSV with a column mapping ({@code csv}).
 *
 * <p>Every loader shares the parameters of {@link org.surrogate.bundles.loaders.LoaderParams} (path,
 * name, duplicate policy, implicit threshold, minimum counts, k-core) and the pipeline of
 * {@link org.surrogate.bundles.loaders.DatasetLoader}: read the file (a malformed line is reported as
 * {@code file:line: reason}), apply the duplicate policy, then the filters of
 * {@code org.surrogate.bundles.commons.data}.
 */
package org.surrogate.bundles.loaders;
