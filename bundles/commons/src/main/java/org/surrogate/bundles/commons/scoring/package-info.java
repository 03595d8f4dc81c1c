/**
 * Batched, parallel full ranking: scores users through {@link org.surrogate.api.recommender.Model}
 * in batches sized from the free heap, excludes each user's seen items, selects the top items with
 * {@link org.surrogate.api.recommender.TopK} and hands every ranked row to a consumer, on all cores.
 * Evaluators and protocols reuse it so that full-ranking evaluation of a large catalogue never runs
 * out of memory:
 * <pre>{@code
 * RankingEngine engine = RankingEngine.builder(model).exclude(train).topK(20).label("evaluator 'x'").build();
 * int[][] top = new int[users.length][];
 * RankingStats stats = engine.run(users, () -> row -> top[row.slot()] = row.top().clone(), ctx);
 * }</pre>
 */
package org.surrogate.bundles.commons.scoring;
