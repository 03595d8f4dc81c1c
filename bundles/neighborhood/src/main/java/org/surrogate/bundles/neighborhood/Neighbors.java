package org.surrogate.bundles.neighborhood;

/**
 * The kept neighbours of every entity (item or user) in compressed sparse row form: the neighbours
 * of entity e are {@code ids[offsets[e]..offsets[e+1])}, most similar first, with similarities
 * {@code sims[...]}. Memory: 8 bytes a kept neighbour plus 4 an entity.
 *
 * @param offsets row starts, one more than the entities
 * @param ids     neighbour ids
 * @param sims    similarities
 */
record Neighbors(int[] offsets, int[] ids, float[] sims) {

    /**
     * The number of entities.
     *
     * @return the count
     */
    int size() {
        return offsets.length - 1;
    }
}
