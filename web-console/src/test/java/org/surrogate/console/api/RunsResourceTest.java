package org.surrogate.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.surrogate.repository.RunRecord;
import org.surrogate.repository.RunRepository;
import org.surrogate.repository.RunStatus;
import org.surrogate.repository.RunStore;

/** A run's metrics, log and artifacts over the API, on a real results repository. */
class RunsResourceTest {

    @TempDir
    Path data;
    private TestServer server;
    private RunRepository repo;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
        repo = RunRepository.open(data);
        server.host.runs = repo;
        repo.save(RunRecord.builder("r1").status(RunStatus.SUCCEEDED).protocol("holdout").seed(1)
                .created(Instant.now()).build());
        repo.saveCurves("r1", Map.of("loss", List.of(new double[] {0, 2.0}, new double[] {1, 1.5}),
                "recall", List.of(new double[] {0, 0.1})));
        Path dir = repo.store().dir("r1");
        Files.writeString(dir.resolve(RunStore.LOG_FILE), "line one\nline two\n");
        Files.createDirectories(dir.resolve(RunStore.ARTIFACTS_DIR));
        Files.writeString(dir.resolve(RunStore.ARTIFACTS_DIR).resolve("table.csv"), "a,b\n1,2\n");
        Files.write(dir.resolve(RunStore.ARTIFACTS_DIR).resolve("model.bin"), new byte[] {1, 2, 3});
        Files.writeString(dir.resolve(RunStore.ARTIFACTS_DIR).resolve(".tmp.part"), "half written");
        Files.writeString(data.resolve("secret.txt"), "not yours");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        repo.close();
    }

    @Test
    void metricsLogAndArtifactsOfARun() throws Exception {
        JsonNode metrics = TestServer.json(server.get("/api/v1/runs/r1/metrics"));
        assertEquals(2, metrics.get("loss").size());
        assertEquals(1.5, metrics.get("loss").get(1).get(1).asDouble());
        JsonNode one = TestServer.json(server.get("/api/v1/runs/r1/metrics?name=recall"));
        assertEquals(List.of("recall"), iterable(one));
        HttpResponse<String> noMetric = server.get("/api/v1/runs/r1/metrics?name=ndcg");
        assertEquals(404, noMetric.statusCode());
        assertTrue(TestServer.json(noMetric).get("error").asText().contains("name"), noMetric.body());

        HttpResponse<String> log = server.get("/api/v1/runs/r1/log");
        assertEquals(200, log.statusCode());
        assertTrue(log.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertEquals("line one\nline two\n", log.body());

        JsonNode list = TestServer.json(server.get("/api/v1/runs/r1/artifacts"));
        assertEquals(2, list.size(), "hidden temporary files are not listed: " + list);
        assertEquals("model.bin", list.get(0).get("name").asText());
        assertEquals(3, list.get(0).get("size").asInt());
        assertEquals("table.csv", list.get(1).get("name").asText());

        HttpResponse<String> csv = server.get("/api/v1/runs/r1/artifacts/table.csv");
        assertEquals(200, csv.statusCode());
        assertEquals("a,b\n1,2\n", csv.body());
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("table.csv"));

        assertEquals(404, server.get("/api/v1/runs/r9/log").statusCode());
        assertEquals(404, server.get("/api/v1/runs/r9/artifacts").statusCode());
        assertEquals(404, server.get("/api/v1/runs/r1/artifacts/missing.csv").statusCode());
    }

    @Test
    void pathTraversalIsRefused() throws Exception {
        for (String name : List.of("..%2F..%2Fsecret.txt", "..%2Frun.json", "%2E%2E%2Frun.json", ".tmp.part",
                "..%5Crun.json", "%2E%2E")) {
            HttpResponse<String> r = server.get("/api/v1/runs/r1/artifacts/" + name);
            assertNotEquals(200, r.statusCode(), name + ": " + r.body());
            assertTrue(r.statusCode() == 400 || r.statusCode() == 404, name + ": " + r.statusCode());
            assertFalse(r.body().contains("not yours") || r.body().contains("\"protocol\""), name + ": " + r.body());
        }
        HttpResponse<String> hidden = server.get("/api/v1/runs/r1/artifacts/.tmp.part");
        assertTrue(TestServer.json(hidden).get("error").asText().startsWith("artifact name"), hidden.body());
    }

    private static List<String> iterable(JsonNode node) {
        List<String> out = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
