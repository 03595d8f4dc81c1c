package org.surrogate.bundles.loaders;

import java.io.IOException;

/**
 * A file format: reads a file's lines into interactions. Stateless, so a file can be read twice (the
 * duplicate check re-reads it to name the lines of a repeated pair).
 */
@FunctionalInterface
interface RecordFormat {

    /**
     * Reads every interaction of a file.
     *
     * @param in   the file's lines
     * @param sink where the interactions go
     * @throws MalformedFileException naming the file, the line and the reason, for a malformed line, an
     *                                unknown column or a file without data
     * @throws IOException            if the file cannot be read
     */
    void read(LineReader in, InteractionSink sink) throws IOException;
}
