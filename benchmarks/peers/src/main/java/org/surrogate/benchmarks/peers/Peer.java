package org.surrogate.benchmarks.peers;

import org.surrogate.api.data.Dataset;

/**
 * One entry of the table: a library's algorithm with stated settings. {@link #train} is timed as
 * training; {@link Trained#scores} is timed as scoring (every user x every item).
 */
interface Peer {

    /** The library, such as "Surrogate" or "Spark MLlib 4.0.1". */
    String library();

    /** The algorithm as the library names it. */
    String algorithm();

    /** The family compared across libraries: "als", "bpr", "item-knn", or another without peers. */
    String family();

    /** The settings, stated for the results. */
    String settings();

    /** Trains on the split's train part. */
    Trained train(Dataset train) throws Exception;

    /** A trained model. */
    interface Trained {
        /** Every user's score of every item, through the library's own prediction path. */
        ScoreMatrix scores() throws Exception;
    }
}
