package org.surrogate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kills a real server process with SIGKILL while 100 trials are queued or running, starts it
 * again on the same data folder, and checks that nothing was lost: the queue is intact, finished
 * runs are all there, the interrupted ones are marked and re-queued, and the index agrees with
 * the run directories.
 */
class CrashRecoveryIT {

    private static final Pattern READY =
            Pattern.compile("Surrogate ready on (http://127\\.0\\.0\\.1:(\\d+)) \\((\\d+) plugins\\)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC = """
            name: crash-test
            description: one hundred small trials
            tags: [crash]
            protocol: {plugin: holdout}
            slots:
              data: [{plugin: demo-latent, params: {numUsers: 2000, numItems: 1000, interactionsPerUser: 30}}]
              split: [{plugin: random-holdout}]
              recommenders: [{plugin: popularity}, {plugin: item-knn}]
              evaluators: [{plugin: ranking-metrics}]
            seeds: [%s]
            """.formatted(String.join(", ", java.util.stream.IntStream.rangeClosed(1, 100)
                    .mapToObj(String::valueOf).toList()));

    private Process process;
    private String url;
    private String token;

    @AfterEach
    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void start(Path data, Path log) throws Exception {
        Path dist = Path.of(System.getProperty("surrogate.dist", "target/surrogate")).toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Dsurrogate.home=" + dist, "-cp", dist.resolve("lib") + File.separator + "*",
                "org.surrogate.console.Main", "serve", "--port", "0", "--no-demo", "--data", data.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Process p = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process died: expected here
            }
        }, "crash-it-stdout");
        reader.setDaemon(true);
        reader.start();
        String first = lines.poll(180, TimeUnit.SECONDS);
        assertNotNull(first, "no ready line within 180 s; see " + log);
        Matcher m = READY.matcher(first);
        assertTrue(m.matches(), "unexpected first line '" + first + "'; see " + log);
        url = m.group(1);
        // The admin API token the first start wrote; the restart keeps it.
        token = Files.readString(data.resolve("secrets/cli-token")).strip();
    }

    private JsonNode call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/api/v1/" + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            // The server must ignore who a request claims to be: the token's user submits.
            b.header("Content-Type", "application/yaml").header("X-Surrogate-User", "mallory");
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() / 100 == 2, method + " " + path + " -> " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    /** Run statuses as the run directories say. */
    private static Map<String, String> onDisk(Path data) throws IOException {
        Map<String, String> out = new HashMap<>();
        Path runs = data.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            for (Path d : dirs.toList()) {
                Path f = d.resolve("run.json");
                if (Files.exists(f)) {
                    out.put(d.getFileName().toString(), JSON.readTree(f.toFile()).get("status").asText());
                }
            }
        }
        return out;
    }

    private static long count(Map<String, String> statuses, String status) {
        return statuses.values().stream().filter(status::equals).count();
    }

    private long searchTotal(String query) throws Exception {
        return call("GET", "runs?limit=1&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), null)
                .get("total").asLong();
    }

    @Test
    void aKilledServerLosesNothing() throws Exception {
        Path data = Files.createTempDirectory("surrogate-crash-it");
        Path log = Path.of("target", "crash-recovery-it-server.log").toAbsolutePath();
        Files.deleteIfExists(log);
        start(data, log);
        JsonNode submitted = call("POST", "experiments?name=crash.yaml", SPEC);
        String id = submitted.path("info").path("id").asText();
        assertEquals(100, submitted.path("info").path("trialCount").asInt());
        assertEquals("admin", submitted.path("info").path("user").asText(), "submitted by the token's user");

        // Let some trials finish and others run, then SIGKILL.
        long deadline = System.currentTimeMillis() + 300_000;
        while (call("GET", "experiments/" + id, null).path("experiment").path("counts").path("SUCCEEDED").asInt()
                < 5) {
            assertTrue(System.currentTimeMillis() < deadline, "5 trials did not finish within 5 minutes; see " + log);
            Thread.sleep(100);
        }
        process.destroyForcibly(); // SIGKILL on Linux
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, process.exitValue(), "killed by SIGKILL");

        Map<String, String> atKill = onDisk(data);
        long succeededAtKill = count(atKill, "SUCCEEDED");
        long runningAtKill = count(atKill, "RUNNING");
        assertTrue(succeededAtKill >= 5, "finished runs on disk at the kill: " + atKill);
        assertTrue(runningAtKill >= 1, "a trial was running at the kill: " + atKill);

        start(data, log);
        JsonNode view = call("GET", "experiments/" + id, null);
        assertEquals(100, view.path("trials").size(), "the queue is intact");
        int interrupted = 0;
        for (JsonNode t : view.path("trials")) {
            String runId = t.path("runId").asText();
            if ("RUNNING".equals(atKill.get(runId))) {
                assertEquals(2, t.path("attempt").asInt(), runId + " re-queued as attempt 2: " + t);
                // its message says so until the second attempt starts (it may have finished already)
                assertTrue(t.path("message").asText().contains("interrupted")
                        || !"QUEUED".equals(t.path("state").asText()), t.toString());
                interrupted++;
            }
            if ("SUCCEEDED".equals(atKill.get(runId))) {
                assertEquals("SUCCEEDED", t.path("state").asText(), runId + " finished before the kill");
            }
        }
        assertEquals(runningAtKill, interrupted);
        // The index caught up with the runs that finished before the kill, committed or not.
        assertTrue(searchTotal("experiment:\"" + id + "\" AND status:succeeded") >= succeededAtKill);

        deadline = System.currentTimeMillis() + 600_000;
        while (!"FINISHED".equals(call("GET", "experiments/" + id, null).path("experiment").path("state").asText())) {
            assertTrue(System.currentTimeMillis() < deadline, "the experiment did not finish after the restart");
            Thread.sleep(250);
        }
        Map<String, String> end = onDisk(data);
        assertEquals(100, end.size());
        assertEquals(100, count(end, "SUCCEEDED"), end.toString());
        assertEquals(100, searchTotal("experiment:\"" + id + "\" AND status:succeeded"), "index agrees with disk");
        assertEquals(0, searchTotal("experiment:\"" + id + "\" AND (status:running OR status:interrupted)"));
        // The interrupted runs say so in their record: attempt 2.
        for (Map.Entry<String, String> e : atKill.entrySet()) {
            if ("RUNNING".equals(e.getValue())) {
                JsonNode run = call("GET", "runs/" + e.getKey(), null).path("run");
                assertEquals(2, run.path("attempt").asInt(), run.toString());
            }
        }
        process.destroy();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the server stops on SIGTERM");
    }
}
