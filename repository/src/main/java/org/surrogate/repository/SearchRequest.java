package org.surrogate.repository;

import java.util.List;

/**
 * A search over the run index.
 *
 * <p>The query language is Lucene's standard syntax (parsed with {@code StandardQueryParser});
 * terms without a field search the full text (description, tags, plugin ids, protocol, message,
 * experiment, user), and terms are ANDed unless {@code OR} is written. Fields:
 * <ul>
 * <li>keywords, exact and case-sensitive: {@code id}, {@code protocol}, {@code plugin} (any plugin
 * the run used), {@code dataset} (the plugin in slot {@code dataset}), {@code status}
 * (case-insensitive), {@code user}, {@code tag}, {@code experiment}, {@code fingerprint}, and
 * string parameters {@code param.<name>};</li>
 * <li>numbers, with ranges {@code [a TO b]}, {@code {a TO b}} and {@code *} for an open end:
 * {@code param.<name>}, {@code metric.<name>}, {@code metric.<name>.min}, {@code metric.<name>.max},
 * {@code seed}, and the times {@code created}, {@code started}, {@code ended} (epoch
 * milliseconds, or quoted ISO-8601 such as {@code "2025-01-31T12:00:00Z"} or {@code "2025-01-31"}).
 * Names are normalised by {@link RunIndex#fieldName(String)}: {@code ndcg@10} is {@code ndcg_10}.</li>
 * </ul>
 * Example: {@code protocol:holdout AND plugin:(als OR bpr) AND metric.ndcg_10:[0.3 TO *]}.
 * An empty query or {@code *} matches every run.
 *
 * @param query  the query; null, blank or {@code *} for all runs
 * @param facets dimensions to count: any of {@code protocol, plugin, dataset, status, user, tag};
 *               null for none
 * @param sort   a field to sort by, {@code -} in front for descending: {@code metric.<name>},
 *               {@code param.<name>}, {@code created}, {@code started}, {@code ended},
 *               {@code seed}, {@code id}, {@code protocol}, {@code status}, {@code user},
 *               {@code experiment}, or {@code score}. Runs missing the field come last either way;
 *               ties are broken by id. Null means {@code -created} for a match-all query and
 *               relevance otherwise.
 * @param offset hits to skip, for paging
 * @param limit  hits to return (0 for counts and facets only)
 */
public record SearchRequest(String query, List<String> facets, String sort, int offset, int limit) {

    /** Largest {@code offset + limit} accepted: deep paging through Lucene's top-k is costly. */
    public static final int MAX_WINDOW = 100_000;

    /**
     * Validates paging and copies the facet list.
     *
     * @throws IllegalArgumentException if offset or limit is negative or their sum exceeds
     *                                  {@link #MAX_WINDOW}
     */
    public SearchRequest {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("search: offset and limit must be >= 0, found offset " + offset
                    + ", limit " + limit);
        }
        if ((long) offset + limit > MAX_WINDOW) {
            throw new IllegalArgumentException("search: offset + limit must be <= " + MAX_WINDOW + ", found "
                    + ((long) offset + limit) + "; narrow the query instead of paging this deep");
        }
        facets = facets == null ? List.of() : List.copyOf(facets);
    }

    /**
     * A request for the first {@code limit} hits of a query, without facets, in the default order.
     *
     * @param query the query
     * @param limit hits to return
     * @return the request
     */
    public static SearchRequest of(String query, int limit) {
        return new SearchRequest(query, List.of(), null, 0, limit);
    }
}
