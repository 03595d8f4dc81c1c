/**
 * Recommenders 'random', 'item-knn', 'user-knn', 'ease' and 'markov-chain': neighbourhood,
 * closed-form and sequential baselines. Implementation only; nothing here is exported.
 */
package org.surrogate.bundles.neighborhood;
