package org.surrogate.bundles.loaders;

import java.io.IOException;

/** Receives the interactions a {@link RecordFormat} reads, one at a time, in file order. */
@FunctionalInterface
interface InteractionSink {

    /** The timestamp of formats without time. */
    long NO_TIME = Long.MIN_VALUE;

    /**
     * Takes one interaction.
     *
     * @param user  the user's original id
     * @param item  the item's original id
     * @param value the value
     * @param time  the timestamp, or {@link #NO_TIME}
     * @param line  the 1-based line it comes from
     * @throws IOException to stop reading, with a message naming the line
     */
    void accept(String user, String item, float value, long time, int line) throws IOException;
}
