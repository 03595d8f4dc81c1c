package org.surrogate.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;

/**
 * Runs one search on one index snapshot: top hits by a sort, exact total, facet counts, and the
 * stored records of the requested page.
 */
final class Searches {

    private final FacetsConfig facetsConfig;
    private final ObjectMapper mapper;
    private volatile Snapshot snapshot;

    Searches(FacetsConfig facetsConfig, ObjectMapper mapper) {
        this.facetsConfig = facetsConfig;
        this.mapper = mapper;
    }

    SearchResult run(IndexSearcher searcher, Snapshot snap, Query query, Sort sort, int window,
                             SearchRequest req, long t0) throws IOException {
        TopFieldCollectorManager top = new TopFieldCollectorManager(sort, window, null, Integer.MAX_VALUE);
        TopFieldDocs docs;
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        if (req.facets().isEmpty()) {
            docs = searcher.search(query, top);
        } else if (query instanceof org.apache.lucene.search.MatchAllDocsQuery) {
            // The landing page's query: its counts change only on refresh, so count once per snapshot.
            docs = searcher.search(query, top);
            facets = matchAllFacets(snap, req.facets());
        } else {
            CollectorManager<?, ?>[] managers = {top, new FacetsCollectorManager()};
            Object[] results = searcher.search(query, new MultiCollectorManager(managers));
            docs = (TopFieldDocs) results[0];
            facets = countFacets(snap, (FacetsCollector) results[1], req.facets());
        }
        List<RunRecord> hits = new ArrayList<>();
        StoredFields stored = searcher.storedFields();
        Set<String> jsonOnly = Set.of(RunDocuments.JSON);
        ScoreDoc[] sd = docs.scoreDocs;
        for (int i = req.offset(); i < Math.min(sd.length, req.offset() + req.limit()); i++) {
            byte[] json = stored.document(sd[i].doc, jsonOnly).getBinaryValue(RunDocuments.JSON).bytes;
            hits.add(mapper.readValue(json, RunRecord.class));
        }
        return new SearchResult(docs.totalHits.value, hits, facets, (System.nanoTime() - t0) / 1000);
    }

    /** Computes a snapshot's match-all facet counts ahead of the first search that asks. */
    void warm(Snapshot snap) throws IOException {
        matchAllFacets(snap, List.copyOf(RunDocuments.FACETS));
    }

    private static Map<String, Map<String, Long>> matchAllFacets(Snapshot snap, List<String> dims)
            throws IOException {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String dim : dims) {
            if (!snap.matchAll.containsKey(dim)) {
                missing.add(dim);
            }
        }
        if (!missing.isEmpty()) {
            SortedSetDocValuesFacetCounts counts = snap.facetState == null ? null
                    : new SortedSetDocValuesFacetCounts(snap.facetState);
            snap.matchAll.putAll(count(snap, counts, missing));
        }
        for (String dim : dims) {
            out.put(dim, snap.matchAll.get(dim));
        }
        return out;
    }

    private static Map<String, Map<String, Long>> countFacets(Snapshot snap, FacetsCollector fc, List<String> dims)
            throws IOException {
        SortedSetDocValuesFacetCounts counts = snap.facetState == null ? null
                : new SortedSetDocValuesFacetCounts(snap.facetState, fc);
        return count(snap, counts, dims);
    }

    private static Map<String, Map<String, Long>> count(Snapshot snap, SortedSetDocValuesFacetCounts counts,
                                                        List<String> dims) throws IOException {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (String dim : dims) {
            Map<String, Long> values = new LinkedHashMap<>();
            if (counts != null && snap.facetState.getOrdRange(dim) != null) {
                FacetResult res = counts.getAllChildren(dim);
                if (res != null) {
                    List<LabelAndValue> lv = new ArrayList<>(List.of(res.labelValues));
                    lv.sort((a, b) -> {
                        int c = Long.compare(b.value.longValue(), a.value.longValue());
                        return c != 0 ? c : a.label.compareTo(b.label);
                    });
                    lv.forEach(l -> values.put(l.label, l.value.longValue()));
                }
            }
            out.put(dim, java.util.Collections.unmodifiableMap(values));
        }
        return out;
    }

    /**
     * The fields, numeric field names and facet ordinals of one reader, computed once per
     * refresh: the query parser needs to know which fields are numeric, and the facet state is
     * costly to build.
     */
    record Snapshot(IndexReader reader, FieldInfos infos, Set<String> doubles,
                            SortedSetDocValuesReaderState facetState,
                            java.util.concurrent.ConcurrentHashMap<String, Map<String, Long>> matchAll,
                            java.util.concurrent.ConcurrentHashMap<SearchRequest, Answer> results) {

        /**
         * The requests this snapshot was asked most often.
         *
         * @param max how many
         * @return them, most asked first
         */
        List<SearchRequest> hot(int max) {
            return results.entrySet().stream()
                    .sorted((a, b) -> Integer.compare(b.getValue().asked.get(), a.getValue().asked.get()))
                    .limit(max).map(Map.Entry::getKey).toList();
        }
    }

    /**
     * A computed search kept on its snapshot, with its JSON body made on first demand (a page
     * that many consoles poll is serialised once per snapshot, not once per request).
     */
    static final class Answer {
        final SearchResult result;
        private volatile byte[] jsonWithoutTime;
        private final java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();

        Answer(SearchResult result) {
            this.result = result;
        }

        void asked() {
            asked.incrementAndGet();
        }

        /**
         * The result as JSON, {@code tookMicros} last.
         *
         * @param mapper     the repository's mapper
         * @param tookMicros the time of this request
         * @return the body
         */
        byte[] json(ObjectMapper mapper, long tookMicros) throws IOException {
            byte[] head = jsonWithoutTime;
            if (head == null) {
                byte[] full = mapper.writeValueAsBytes(new SearchResult(result.total(), result.hits(), result.facets(), 0));
                String tail = ",\"tookMicros\":0}";
                int cut = full.length - tail.length();
                if (cut < 0 || !new String(full, cut, tail.length(), java.nio.charset.StandardCharsets.UTF_8).equals(tail)) {
                    throw new IllegalStateException("a search result's JSON does not end with tookMicros");
                }
                head = java.util.Arrays.copyOf(full, cut);
                jsonWithoutTime = head;
            }
            byte[] time = (",\"tookMicros\":" + tookMicros + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] out = java.util.Arrays.copyOf(head, head.length + time.length);
            System.arraycopy(time, 0, out, head.length, time.length);
            return out;
        }
    }

    /** The latest snapshot, or null before the first search. */
    Snapshot current() {
        return snapshot;
    }

    /** Results kept per snapshot: pages and consoles poll the same few queries between refreshes. */
    static final int CACHED_RESULTS = 256;

    Snapshot snapshot(IndexReader reader) throws IOException {
        Snapshot s = snapshot;
        if (s != null && s.reader == reader) {
            return s;
        }
        synchronized (this) {
            s = snapshot;
            if (s != null && s.reader == reader) {
                return s;
            }
            FieldInfos infos = FieldInfos.getMergedFieldInfos(reader);
            Set<String> doubles = new HashSet<>();
            for (FieldInfo fi : infos) {
                if ((fi.name.startsWith(RunDocuments.METRIC_PREFIX) || fi.name.startsWith(RunDocuments.PARAM_PREFIX))
                        && fi.getPointDimensionCount() > 0) {
                    doubles.add(fi.name);
                }
            }
            FieldInfo facetField = infos.fieldInfo(FacetsConfig.DEFAULT_INDEX_FIELD_NAME);
            SortedSetDocValuesReaderState state = facetField != null
                    && facetField.getDocValuesType() == DocValuesType.SORTED_SET
                    ? new DefaultSortedSetDocValuesReaderState(reader, facetsConfig) : null;
            s = new Snapshot(reader, infos, Set.copyOf(doubles), state, new java.util.concurrent.ConcurrentHashMap<>(),
                    new java.util.concurrent.ConcurrentHashMap<>());
            snapshot = s;
            return s;
        }
    }

}
