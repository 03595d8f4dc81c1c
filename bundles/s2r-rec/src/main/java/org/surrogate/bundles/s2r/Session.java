package org.surrogate.bundles.s2r;

/**
 * One recorded session: the domain, the items shown and the rewards observed.
 *
 * @param real    whether it ran in the real environment
 * @param items   the item of each step
 * @param rewards the reward of each step
 * @param hits    relevant items among them
 */
record Session(boolean real, int[] items, float[] rewards, int hits) {
}
