/**
 * Baseline generators for ranking fidelity and a differentially private generator: {@code chung-lu}
 * (a bipartite Chung-Lu model keeping each user's activity and each item's popularity in expectation and
 * nothing else), {@code uniform-random} (the same numbers of users, items and interactions, placed
 * uniformly) and {@code dp-latent} (a latent-factor generator fitted on a noisy item Gram matrix under
 * user-level (epsilon, delta)-DP). Private to the bundle.
 */
package org.surrogate.bundles.nullgenerators;
