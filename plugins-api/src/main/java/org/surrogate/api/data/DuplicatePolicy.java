package org.surrogate.api.data;

/**
 * What a {@link DatasetBuilder} does with several interactions of the same user and item.
 */
public enum DuplicatePolicy {
    /** Keep them all (sessions and sequences may repeat items). The default. */
    KEEP_ALL,
    /** Keep the last: the latest timestamp, or the last added among equal timestamps. */
    KEEP_LAST,
    /** Keep one whose value is the sum of theirs (counts, play weights), with the latest timestamp. */
    SUM,
    /** Refuse the dataset, naming the user, the item and the two interactions. */
    ERROR
}
