package org.surrogate.bundles.splitters;

import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;

/**
 * One part of a split being built: a dataset sharing the source's id spaces and original ids (so ids
 * mean the same in every part) and its timestamps (even when the part is empty), named {@code "<source>/<part>"}, into which interactions of the
 * source are copied with their values and timestamps.
 */
final class Part {

    private final Dataset source;
    private final DatasetBuilder builder;

    /**
     * Starts a part.
     *
     * @param source the dataset being split
     * @param name   the part's name, such as "train" or "fold2/test"
     */
    Part(Dataset source, String name) {
        this.source = source;
        this.builder = Dataset.builderLike(source.name() + "/" + name, source);
    }

    /**
     * Copies one interaction of the source.
     *
     * @param user  the interaction's user
     * @param index the interaction's index in the source
     */
    void copy(int user, int index) {
        if (source.hasTimestamps()) {
            builder.add(user, source.item(index), source.value(index), source.timestamp(index));
        } else {
            builder.add(user, source.item(index), source.value(index));
        }
    }

    /**
     * Copies every interaction of a user.
     *
     * @param user the user
     */
    void copyUser(int user) {
        for (int i = source.begin(user); i < source.end(user); i++) {
            copy(user, i);
        }
    }

    /**
     * Builds the part; call once.
     *
     * @return the dataset
     */
    Dataset build() {
        return builder.build();
    }
}
