package org.surrogate.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunIndexTest {

    @TempDir
    Path dir;
    RunIndex index;

    @BeforeEach
    void indexSixRuns() throws Exception {
        index = new RunIndex(dir.resolve("index"));
        for (RunRecord r : Runs.six()) {
            index.index(r, r.id().equals("r1") ? Runs.curve("ndcg@10", 0.1, 0.42, 0.35) : null);
        }
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    private List<String> ids(String query) {
        return index.search(new SearchRequest(query, null, "id", 0, 100)).ids();
    }

    @Test
    void filtersByKeywordsBooleansAndMetricRanges() {
        assertEquals(List.of("r1"),
                ids("protocol:holdout AND (plugin:als OR plugin:bpr) AND metric.ndcg_10:[0.3 TO *]"));
        assertEquals(List.of("r1", "r3", "r4"), ids("status:succeeded"));
        assertEquals(List.of("r1", "r3", "r4"), ids("status:SUCCEEDED"));
        assertEquals(List.of("r1", "r2", "r5"), ids("tag:nightly"));
        assertEquals(List.of("r1", "r2", "r3", "r4", "r5"), ids("plugin:(als OR bpr OR ease)"));
        assertEquals(List.of("r6"), ids("plugin:item-cosine"));
        assertEquals(List.of("r1", "r2", "r3", "r5", "r6"), ids("dataset:*"));
        assertEquals(List.of("r1", "r2", "r5"), ids("dataset:ml100k"));
        assertEquals(List.of("r2", "r5"), ids("user:bob"));
        assertEquals(List.of("r4"), ids("experiment:exp-fidelity-privacy"));
        assertEquals(List.of("r1", "r2", "r3", "r5"), ids("fingerprint:fp-holdout"));
        assertEquals(List.of("r3", "r4", "r6"), ids("NOT tag:nightly"));
        assertEquals(List.of("r2", "r4", "r5", "r6"), ids("(NOT protocol:holdout) OR user:bob"));
        assertEquals(List.of("r4"), ids("plugin:als AND NOT dataset:*"));
    }

    @Test
    void searchesNumericRangesOnMetricsParametersAndTimes() {
        assertEquals(List.of("r1", "r4"), ids("metric.ndcg_10:[0.3 TO 0.4]"));
        assertEquals(List.of("r1"), ids("metric.ndcg_10:{0.3 TO 0.4]"));
        assertEquals(List.of("r2", "r4"), ids("metric.ndcg_10:[* TO 0.3]"));
        assertEquals(List.of("r3"), ids("metric.ndcg_10:0.41"));
        assertEquals(List.of("r3", "r6"), ids("metric.ndcg_10:[4e-1 TO *]"));
        assertEquals(List.of("r4"), ids("param.als.factors:[100 TO *]"));
        assertEquals(List.of("r1", "r4"), ids("param.als.factors:[32 TO 128]"));
        assertEquals(List.of("r3"), ids("param.ease.lambda:500"));
        assertEquals(List.of("r2"), ids("param.loss:bpr"));
        assertEquals(List.of("r1"), ids("metric.ndcg_10.max:[0.4 TO *]"));
        assertEquals(List.of("r1"), ids("metric.ndcg_10.min:[* TO 0.2]"));
        assertEquals(List.of("r5", "r6"), ids("created:[\"2025-01-06\" TO *]"));
        assertEquals(List.of("r6"), ids("created:[\"2025-01-07T00:00:00Z\" TO *]"));
        assertEquals(List.of("r1"), ids("ended:[1735603200000 TO *]"));
        assertEquals(List.of("r1", "r2", "r3", "r4", "r5", "r6"), ids("seed:42"));
    }

    @Test
    void searchesFullText() {
        assertEquals(List.of("r6"), ids("cosine"));
        assertEquals(List.of("r1", "r3"), ids("movielens"));
        assertEquals(List.of("r1", "r3"), ids("MovieLens AND on"));
        assertEquals(List.of("r2"), ids("\"became nan\""));
        assertEquals(List.of("r1", "r4", "r5"), ids("als"));
        assertEquals(List.of("r1", "r6"), ids("baseline"));
        assertEquals(List.of("r1", "r3", "r6"), ids("movielens OR last.fm"));
    }

    @Test
    void emptyAndStarMatchEverything() {
        assertEquals(6, index.search(SearchRequest.of("", 0)).total());
        assertEquals(6, index.search(SearchRequest.of(null, 0)).total());
        SearchResult all = index.search(SearchRequest.of("*", 10));
        assertEquals(6, all.total());
        assertEquals(List.of("r6", "r5", "r4", "r3", "r2", "r1"), all.ids(), "default order: newest first");
    }

    @Test
    void badQueriesNameTheProblemAndPosition() {
        InvalidQueryException e = assertThrows(InvalidQueryException.class,
                () -> index.search(SearchRequest.of("protocol:holdout AND (plugin:als", 10)));
        assertEquals(33, e.column());
        assertTrue(e.getMessage().startsWith("invalid query 'protocol:holdout AND (plugin:als' at column 33: "
                + "unexpected end of query"), e.getMessage());
        e = assertThrows(InvalidQueryException.class, () -> index.search(SearchRequest.of("status:ok AND AND x", 10)));
        assertTrue(e.getMessage().startsWith("invalid query 'status:ok AND AND x' at column 15: unexpected 'AND'"),
                e.getMessage());
        e = assertThrows(InvalidQueryException.class, () -> index.search(SearchRequest.of("tag:nightly)", 10)));
        assertEquals("invalid query 'tag:nightly)' at column 12: unexpected ')'", e.getMessage().replaceAll(";.*", ""));
        e = assertThrows(InvalidQueryException.class, () -> index.search(SearchRequest.of("text:\"abc", 10)));
        assertEquals(10, e.column(), e.getMessage());
        e = assertThrows(InvalidQueryException.class,
                () -> index.search(SearchRequest.of("metric.ndcg_10:[abc TO *]", 10)));
        assertTrue(e.getMessage().startsWith("invalid query 'metric.ndcg_10:[abc TO *]': "), e.getMessage());
        assertTrue(e.getMessage().contains("abc"), e.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> index.search(new SearchRequest("*", List.of("colour"), null, 0, 1)));
        assertEquals("facet 'colour' is unknown; facets are [protocol, plugin, dataset, status, user, tag]",
                f.getMessage());
        f = assertThrows(IllegalArgumentException.class,
                () -> index.search(new SearchRequest("*", null, "-param.loss", 0, 1)));
        assertEquals("sort: '-param.loss' is not a numeric field (its values are text); sort by a numeric "
                + "parameter or metric", f.getMessage());
    }

    @Test
    void countsFacetsOfAllAndOfFilteredRuns() {
        List<String> dims = List.of("protocol", "plugin", "dataset", "status", "user", "tag");
        Map<String, Map<String, Long>> f = index.search(new SearchRequest("*", dims, null, 0, 0)).facets();
        assertEquals(ordered("holdout", 4L, "fidelity-privacy", 1L, "sim-accuracy", 1L), f.get("protocol"));
        assertEquals(ordered("als", 3L, "ml100k", 3L, "bpr", 2L, "ease", 1L, "item-cosine", 1L,
                "known-preference", 1L, "lastfm", 1L, "ml1m", 1L), f.get("plugin"));
        assertEquals(ordered("ml100k", 3L, "lastfm", 1L, "ml1m", 1L), f.get("dataset"));
        assertEquals(ordered("succeeded", 3L, "cancelled", 1L, "failed", 1L, "running", 1L), f.get("status"));
        assertEquals(ordered("alice", 3L, "bob", 2L, "carol", 1L), f.get("user"));
        assertEquals(ordered("nightly", 3L, "baseline", 2L, "privacy", 1L), f.get("tag"));
        assertEquals(dims, List.copyOf(f.keySet()));

        SearchResult holdout = index.search(new SearchRequest("protocol:holdout", List.of("plugin", "tag"), null, 0, 0));
        assertEquals(4, holdout.total());
        assertEquals(ordered("ml100k", 3L, "als", 2L, "bpr", 2L, "ease", 1L, "ml1m", 1L), holdout.facets().get("plugin"));
        assertEquals(ordered("nightly", 3L, "baseline", 1L), holdout.facets().get("tag"));

        SearchResult none = index.search(new SearchRequest("user:nobody", List.of("tag"), null, 0, 5));
        assertEquals(0, none.total());
        assertEquals(Map.of(), none.facets().get("tag"));
    }

    private static Map<String, Long> ordered(Object... kv) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Long) kv[i + 1]);
        }
        return m;
    }

    @Test
    void sortsByMetricBothWaysWithMissingValuesLast() {
        assertEquals(List.of("r2", "r4", "r1", "r3", "r6", "r5"),
                index.search(new SearchRequest("*", null, "metric.ndcg_10", 0, 10)).ids());
        assertEquals(List.of("r6", "r3", "r1", "r4", "r2", "r5"),
                index.search(new SearchRequest("*", null, "-metric.ndcg@10", 0, 10)).ids());
        assertEquals(List.of("r4", "r1", "r2", "r3", "r5", "r6"),
                index.search(new SearchRequest("*", null, "-param.als.factors", 0, 10)).ids());
        assertEquals(List.of("r1", "r3", "r6", "r2", "r5", "r4"),
                index.search(new SearchRequest("*", null, "user", 0, 10)).ids());
    }

    @Test
    void pagesThroughSortedHits() {
        SearchResult page = index.search(new SearchRequest("*", null, "-metric.ndcg_10", 2, 2));
        assertEquals(6, page.total());
        assertEquals(List.of("r1", "r4"), page.ids());
        SearchResult last = index.search(new SearchRequest("*", null, "-metric.ndcg_10", 4, 10));
        assertEquals(List.of("r2", "r5"), last.ids());
        assertEquals(List.of(), index.search(new SearchRequest("*", null, "id", 6, 10)).ids());
        assertThrows(IllegalArgumentException.class, () -> new SearchRequest("*", null, null, -1, 10));
    }

    @Test
    void returnsTheStoredRecord() {
        RunRecord hit = index.search(SearchRequest.of("id:r1", 1)).hits().get(0);
        assertEquals(Runs.six().get(0), hit);
    }

    @Test
    void newRunsAreVisibleWithoutCommitAndUpdatesReplace() throws Exception {
        index.close();
        // No background commit during this test: what search sees must come from the NRT reader.
        index = new RunIndex(dir.resolve("index"), Duration.ofHours(1));
        index.commit();
        index.index(Runs.run("r7", "holdout", "QUEUED", "dave", 7).build());
        assertEquals(List.of("r7"), ids("user:dave"));
        try (FSDirectory d = FSDirectory.open(dir.resolve("index")); DirectoryReader committed = DirectoryReader.open(d)) {
            assertEquals(6, committed.numDocs(), "r7 is searchable but not committed");
        }
        index.index(Runs.six().get(1).withStatus(RunStatus.SUCCEEDED, null));
        assertEquals(List.of("r1", "r2", "r3", "r4"), ids("status:succeeded"));
        assertEquals(7, index.search(SearchRequest.of("*", 0)).total());
        index.delete("r7");
        assertEquals(List.of(), ids("user:dave"));
        assertEquals(6, index.count());
    }

    @Test
    void aRepeatedSearchIsAnsweredFromTheSnapshotUntilTheRunsChange() throws Exception {
        SearchRequest req = new SearchRequest("protocol:holdout", List.of("status"), null, 0, 20);
        SearchResult first = index.search(req);
        SearchResult again = index.search(req);
        assertSame(first.hits(), again.hits(), "the same snapshot answers from its cache");
        assertEquals(first.facets(), again.facets());
        index.index(Runs.run("r7", "holdout", "QUEUED", "dave", 7).build());
        SearchResult after = index.search(req);
        assertEquals(first.total() + 1, after.total(), "a new run is seen at once, not a cached answer");
        assertEquals(first.facets().get("status").getOrDefault("queued", 0L) + 1,
                after.facets().get("status").get("queued"), String.valueOf(after.facets()));
    }

    @Test
    void jsonAnswerIsTheSerialisedResultAndFollowsChanges() throws Exception {
        ObjectMapper mapper = Json.mapper();
        SearchRequest req = new SearchRequest("protocol:holdout", List.of("status", "plugin"), "-metric.ndcg_10", 0, 3);
        SearchResult expected = index.search(req);
        JsonNode json = mapper.readTree(index.searchJson(req));
        assertEquals(List.of("total", "hits", "facets", "tookMicros"), iterable(json.fieldNames()));
        assertTrue(json.get("tookMicros").asLong() >= 0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove("tookMicros");
        JsonNode want = mapper.valueToTree(expected);
        ((com.fasterxml.jackson.databind.node.ObjectNode) want).remove("tookMicros");
        assertEquals(mapper.writeValueAsString(want), mapper.writeValueAsString(json));
        SearchResult back = mapper.readValue(index.searchJson(req), SearchResult.class);
        assertEquals(expected.ids(), back.ids(), "the body reads back as the same result");
        assertEquals(expected.hits(), back.hits());
        assertEquals(expected.facets(), back.facets());
        index.index(Runs.run("r7", "holdout", "QUEUED", "dave", 7).build());
        assertEquals(expected.total() + 1, mapper.readTree(index.searchJson(req)).get("total").asLong(),
                "a cached body is not served after the runs change");
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void closingWhileARefreshRunsKeepsEveryChange() throws Exception {
        // close() used to interrupt the refresher; an interrupt inside the NRT flush closed the writer
        // (a Lucene "tragedy") and the last commit failed with AlreadyClosedException.
        for (int round = 0; round < 40; round++) {
            for (int i = 0; i < 300; i++) {
                index.index(Runs.run("x" + round + "_" + i, "holdout", "QUEUED", "eve", 1 + i % 20).build());
            }
            index.search(SearchRequest.of("user:eve", 0)); // warms a snapshot: later refreshes answer it
            index.index(Runs.run("y" + round, "holdout", "QUEUED", "eve", 2).build()); // refresh in 50 ms
            Thread.sleep(48 + round % 8); // close around the time that refresh runs
            index.close();
            index = new RunIndex(dir.resolve("index"));
            assertEquals(6 + 301 * (round + 1), index.count(), "round " + round);
        }
    }

    @Test
    void reopenedIndexSeesEverything() throws Exception {
        index.index(Runs.run("r7", "holdout", "QUEUED", "dave", 7).build());
        index.close();
        index = new RunIndex(dir.resolve("index"));
        assertEquals(7, index.search(SearchRequest.of("*", 0)).total());
        assertEquals(List.of("r1"),
                ids("protocol:holdout AND (plugin:als OR plugin:bpr) AND metric.ndcg_10:[0.3 TO *]"));
        assertEquals(List.of("r1"), ids("metric.ndcg_10.max:[0.4 TO *]"));
        assertTrue(index.lastCommit() != null);
    }

    @Test
    void fieldNamesAreNormalised() {
        assertEquals("ndcg_10", RunIndex.fieldName("ndcg@10"));
        assertEquals("ndcg_10", RunIndex.fieldName("NDCG@10"));
        assertEquals("recall_20", RunIndex.fieldName("Recall @ 20"));
        assertEquals("slots.recommenders_0.params.factors", RunIndex.fieldName("slots.recommenders[0].params.factors"));
        assertEquals("als.factors", RunIndex.fieldName("als.factors"));
        assertEquals("a.b", RunIndex.fieldName("..a..b.."));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunIndex.fieldName("@"));
        assertEquals("name '@' has no letter or digit; a parameter or metric name needs at least one of [a-z0-9]",
                e.getMessage());
    }
}
