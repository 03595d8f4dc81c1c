package org.surrogate.repository;

import java.util.List;

/**
 * What a rebuild of the index from the run directories did.
 *
 * @param indexed  runs indexed
 * @param problems one message per skipped run or unreadable file (file name first)
 * @param millis   time taken
 */
public record RebuildReport(int indexed, List<String> problems, long millis) {

    /** Copies the problem list. */
    public RebuildReport {
        problems = List.copyOf(problems);
    }
}
