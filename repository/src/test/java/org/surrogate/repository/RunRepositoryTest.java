package org.surrogate.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRepositoryTest {

    @TempDir
    Path data;

    /** Queries covering every form, with facets, sorts and paging; compared before and after a rebuild. */
    private static final List<SearchRequest> QUERIES = List.of(
            new SearchRequest("*", List.of("protocol", "plugin", "dataset", "status", "user", "tag"), "id", 0, 100),
            new SearchRequest("protocol:holdout AND (plugin:als OR plugin:bpr) AND metric.ndcg_10:[0.3 TO *]",
                    List.of("plugin"), null, 0, 10),
            new SearchRequest("plugin:(als OR bpr OR ease)", List.of("status", "tag"), "-metric.ndcg_10", 0, 10),
            new SearchRequest("status:succeeded", List.of("user"), "metric.ndcg_10", 1, 2),
            new SearchRequest("movielens", List.of("dataset"), null, 0, 10),
            new SearchRequest("metric.ndcg_10.max:[0.4 TO *] OR tag:baseline", List.of("tag"), "-created", 0, 10));

    private record Answer(long total, List<String> ids, Map<String, Map<String, Long>> facets) {
        static Answer of(SearchResult r) {
            return new Answer(r.total(), r.ids(), r.facets());
        }
    }

    private static List<Answer> answers(RunRepository repo) {
        return QUERIES.stream().map(q -> Answer.of(repo.search(q))).toList();
    }

    private static void saveSix(RunRepository repo) {
        for (RunRecord r : Runs.six()) {
            repo.save(r);
        }
        repo.saveCurves("r1", Runs.curve("ndcg@10", 0.1, 0.42, 0.35));
        // Updates and a deletion leave deleted documents behind in the live index: a rebuilt one has none.
        repo.save(Runs.six().get(1).withMessage("retried"));
        repo.save(Runs.run("tmp", "holdout", "QUEUED", "zed", 9).build());
        assertTrue(repo.delete("tmp"));
    }

    @Test
    void rebuildGivesIdenticalResultsAndReportsCorruptRuns() throws Exception {
        List<Answer> before;
        try (RunRepository repo = RunRepository.open(data)) {
            saveSix(repo);
            before = answers(repo);
            assertEquals(List.of("r1"), before.get(1).ids());
            assertEquals(6, repo.index().count());

            Files.createDirectories(repo.store().dir("broken"));
            Files.writeString(repo.store().dir("broken").resolve("run.json"), "{ not json");
            RebuildReport report = repo.rebuildIndex();
            assertEquals(6, report.indexed());
            assertEquals(1, report.problems().size());
            assertTrue(report.problems().get(0).startsWith(repo.store().dir("broken").resolve("run.json") + ": "),
                    report.problems().get(0));
            assertEquals(before, answers(repo));
        }
        // A missing index is rebuilt on open, with the same answers.
        try (Stream<Path> files = Files.list(data.resolve("index"))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        try (RunRepository repo = RunRepository.open(data)) {
            assertEquals(before, answers(repo));
        }
    }

    @Test
    void unreadableIndexIsRebuiltOnOpen() throws Exception {
        List<Answer> before;
        try (RunRepository repo = RunRepository.open(data)) {
            saveSix(repo);
            before = answers(repo);
        }
        try (Stream<Path> files = Files.list(data.resolve("index"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("segments_")).toList()) {
                Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            }
        }
        try (RunRepository repo = RunRepository.open(data)) {
            assertEquals(before, answers(repo));
        }
    }

    @Test
    void openCatchesUpWithRunsWrittenButNotIndexed() throws Exception {
        try (RunRepository repo = RunRepository.open(data)) {
            saveSix(repo);
        }
        // As after a crash between writing run.json and committing the index: the store has more.
        RunStore store = new RunStore(data.resolve("runs"));
        store.write(Runs.run("late", "holdout", "SUCCEEDED", "erin", 8).build());
        store.write(Runs.six().get(2).withStatus(RunStatus.FAILED, "disk full"));
        try (RunRepository repo = RunRepository.open(data)) {
            assertEquals(List.of("late"), repo.search(SearchRequest.of("user:erin", 5)).ids());
            assertEquals(List.of("r2", "r3"), repo.search(new SearchRequest("status:failed", null, "id", 0, 5)).ids());
        }
        // ... and with runs deleted from disk.
        try (Stream<Path> files = Files.list(data.resolve("runs/late"))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(data.resolve("runs/late"));
        try (RunRepository repo = RunRepository.open(data)) {
            assertEquals(0, repo.search(SearchRequest.of("user:erin", 5)).total());
        }
    }

    @Test
    void savedRunsAreVisibleAndCurvesGiveMinMax() throws Exception {
        try (RunRepository repo = RunRepository.open(data)) {
            saveSix(repo);
            assertEquals(List.of("r1"), repo.search(SearchRequest.of("metric.ndcg_10.max:[0.42 TO 0.42]", 5)).ids());
            repo.saveCurves("r3", Runs.curve("NDCG@10", 0.2, 0.5));
            assertEquals(List.of("r1", "r3"),
                    repo.search(new SearchRequest("metric.ndcg_10.max:[0.42 TO *]", null, "id", 0, 5)).ids());
            // Saving the run again keeps the min/max of its curves on disk.
            repo.save(repo.get("r3").orElseThrow().withMessage("re-saved"));
            assertEquals(List.of("r3"), repo.search(SearchRequest.of("metric.ndcg_10.min:0.2", 5)).ids());
            assertEquals(2, repo.curves("r3").get("NDCG@10").size());
        }
    }

    @Test
    void compareFlagsDifferingFingerprintsAndFields() throws Exception {
        try (RunRepository repo = RunRepository.open(data)) {
            saveSix(repo);
            Comparison sameProtocol = repo.compare(List.of("r1", "r3"));
            assertFalse(sameProtocol.fingerprintsDiffer());
            assertEquals(List.of("r1", "r3"), sameProtocol.ids());
            assertEquals(List.of(0.35, 0.41), sameProtocol.row("metric.ndcg@10").values());
            assertTrue(sameProtocol.row("metric.ndcg@10").differs());
            assertFalse(sameProtocol.row("seed").differs());
            assertFalse(sameProtocol.row("spec.protocol").differs());
            assertEquals(java.util.Arrays.asList("1.0.0", null), sameProtocol.row("plugin.dataset.ml100k").values());
            assertTrue(sameProtocol.row("plugin.dataset.ml100k").differs());

            Comparison mixed = repo.compare(List.of("r1", "r4"));
            assertTrue(mixed.fingerprintsDiffer());
            assertEquals(List.of("fp-holdout", "fp-fidelity-privacy"), mixed.row("fingerprint").values());
            assertTrue(mixed.differing().stream().anyMatch(r -> r.field().equals("spec.protocol")));
            assertNull(mixed.row("no.such.field"));

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> repo.compare(List.of("r1", "ghost")));
            assertEquals("run 'ghost' does not exist in " + repo.store().root(), e.getMessage());
        }
    }

    @Test
    void exportsCsvWithProperQuoting() throws Exception {
        try (RunRepository repo = RunRepository.open(data)) {
            repo.save(RunRecord.builder("a1").experimentId("exp, \"quoted\"").user("ann").status(RunStatus.SUCCEEDED)
                    .protocol("holdout").seed(7).fingerprint("fp1").param("loss", "line1\nline2").param("k", 10)
                    .metric("ndcg@10", 0.5).build());
            repo.save(RunRecord.builder("a2").user(" padded ").status(RunStatus.FAILED).protocol("holdout").seed(8)
                    .param("k", 20).metric("auc", 0.75).build());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            repo.export(List.of("a1", "a2"), RunRepository.Format.CSV, out);
            assertEquals("id,experiment,user,status,protocol,seed,fingerprint,param.loss,param.k,metric.ndcg@10,metric.auc\r\n"
                    + "a1,\"exp, \"\"quoted\"\"\",ann,SUCCEEDED,holdout,7,fp1,\"line1\nline2\",10,0.5,\r\n"
                    + "a2,,\" padded \",FAILED,holdout,8,,,20,,0.75\r\n",
                    out.toString(StandardCharsets.UTF_8));

            ByteArrayOutputStream json = new ByteArrayOutputStream();
            repo.export(List.of("a2", "a1"), RunRepository.Format.JSON, json);
            JsonNode tree = Json.mapper().readTree(json.toByteArray());
            assertEquals(2, tree.size());
            assertEquals("a2", tree.get(0).get("id").asText());
            assertEquals(0.5, tree.get(1).get("metrics").get("ndcg@10").asDouble());
        }
    }

    @Test
    void scanCountsEveryRunOnce() throws Exception {
        try (RunRepository repo = RunRepository.open(data)) {
            saveSix(repo);
            List<String> problems = new ArrayList<>();
            assertEquals(6, repo.store().scan(problems::add).count());
            assertFalse(Files.exists(repo.store().dir("tmp")));
            assertEquals(List.of(), problems);
        }
    }
}
