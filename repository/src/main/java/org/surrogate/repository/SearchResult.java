package org.surrogate.repository;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link SearchRequest}.
 *
 * @param total      how many runs match (exact)
 * @param hits       the requested page of matching runs, in order
 * @param facets     for each requested dimension, value to number of matching runs, largest count
 *                   first (ties by value)
 * @param tookMicros time spent in the index, microseconds
 */
public record SearchResult(long total, List<RunRecord> hits, Map<String, Map<String, Long>> facets, long tookMicros) {

    /** Copies the hit list and facet map. */
    public SearchResult {
        hits = List.copyOf(hits);
        facets = facets == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(facets));
    }

    /**
     * The ids of the hits, in order.
     *
     * @return the ids
     */
    public List<String> ids() {
        return hits.stream().map(RunRecord::id).toList();
    }
}
