package org.surrogate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.surrogate.console.api.TestServer;
import org.surrogate.console.security.Security;
import org.surrogate.framework.HostConfig;

/**
 * Against a real host with the built-in plugins: the live event stream of an experiment (state
 * changes, progress, ALS's loss curve as it is logged), {@code surrogate run --server} following it,
 * and a bundle's history, rollback and install from a URL through the API.
 */
class EventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC = """
            name: events-test
            protocol: {plugin: holdout}
            slots:
              data: [{plugin: demo-latent, params: {numUsers: 300, numItems: 150}}]
              split: [{plugin: random-holdout}]
              recommenders: [{plugin: popularity}, {plugin: als, params: {factors: 8, iterations: 4}}]
              evaluators: [{plugin: ranking-metrics, params: {ks: [10]}}]
            seeds: [1, 2]
            """;

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    private record Event(String name, JsonNode data) {
    }

    @Test
    void liveEventsTheCliAndBundleRollback() throws Exception {
        Path dist = Path.of(System.getProperty("surrogate.dist", "target/surrogate")).toAbsolutePath();
        try (SurrogateServer server = SurrogateServer.start("127.0.0.1", 0, new HostConfig(data,
                dist.resolve("system-bundles"), dist.resolve("bundles"), false))) {
            String token = Files.readString(data.resolve(Security.SECRETS_DIR).resolve("cli-token")).strip();
            List<Event> events = new CopyOnWriteArrayList<>();
            InputStream stream = openStream(server.url(), token, events);

            Path spec = data.resolve("events.yaml");
            Files.writeString(spec, SPEC);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            picocli.CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            int code = cl.execute("run", spec.toString(), "--server", server.url(), "--data", data.toString());
            assertEquals(0, code, err.toString());
            assertFalse(err.toString().contains("polling"), "the CLI followed the event stream: " + err);
            assertTrue(err.toString().contains("2/2 trials ended"), err.toString());
            assertTrue(out.toString().contains("als/ndcg@10"), out.toString());

            long deadline = System.currentTimeMillis() + 10_000;
            while (events.stream().noneMatch(e -> e.name().equals("experiment")
                    && e.data().path("state").asText().equals("FINISHED")) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            stream.close();
            List<String> experimentStates = events.stream().filter(e -> e.name().equals("experiment"))
                    .map(e -> e.data().path("state").asText()).toList();
            assertEquals(List.of("ACTIVE", "FINISHED"), experimentStates);
            assertTrue(events.stream().anyMatch(e -> e.name().equals("trial")
                    && e.data().path("state").asText().equals("RUNNING")), "trial events");
            assertEquals(2, events.stream().filter(e -> e.name().equals("trial")
                    && e.data().path("state").asText().equals("SUCCEEDED")).count());
            assertTrue(events.stream().anyMatch(e -> e.name().equals("progress")), "progress events");
            List<Event> loss = events.stream().filter(e -> e.name().equals("metric")
                    && e.data().path("name").asText().contains("loss")).toList();
            assertTrue(loss.size() >= 4, "ALS's loss per iteration as it is logged: " + loss);

            // The run's curves, log and artifacts over the API.
            String runId = events.stream().filter(e -> e.name().equals("trial")).findFirst().orElseThrow()
                    .data().path("runId").asText();
            JsonNode curves = json(send(server.url(), token, "GET", "/api/v1/runs/" + runId + "/metrics", null, null));
            assertTrue(curves.fieldNames().hasNext(), curves.toString());
            HttpResponse<String> log = send(server.url(), token, "GET", "/api/v1/runs/" + runId + "/log", null, null);
            assertTrue(log.body().contains("trial " + runId + " starts"), log.body());

            bundleHistoryRollbackAndUrlInstall(server.url(), token, dist);
        }
    }

    private void bundleHistoryRollbackAndUrlInstall(String url, String token, Path dist) throws Exception {
        Path jar = dist.resolve("bundles").resolve("popularity-0.1.0-SNAPSHOT.jar");
        byte[] original = Files.readAllBytes(jar);
        String bsn;
        String version;
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(original))) {
            bsn = in.getManifest().getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].strip();
            version = in.getManifest().getMainAttributes().getValue("Bundle-Version");
        }
        byte[] newer = withVersion(original, "9.9.9");
        HttpResponse<String> updated = send(url, token, "PUT", "/api/v1/bundles/" + bsn,
                "multipart/form-data; boundary=" + TestServer.BOUNDARY, TestServer.multipart("p.jar", newer, Map.of()));
        assertEquals(200, updated.statusCode(), updated.body());
        assertEquals("9.9.9", json(updated).path("version").asText());

        JsonNode history = json(send(url, token, "GET", "/api/v1/bundles/" + bsn + "/history", null, null));
        assertEquals(2, history.size(), history.toString());
        assertEquals("9.9.9", history.get(0).path("version").asText());
        assertTrue(history.get(0).path("current").asBoolean());
        assertTrue(history.get(1).path("available").asBoolean());

        HttpResponse<String> back = send(url, token, "POST", "/api/v1/bundles/" + bsn + "/rollback", null, null);
        assertEquals(200, back.statusCode(), back.body());
        assertEquals(org.osgi.framework.Version.parseVersion(version).toString(), json(back).path("version").asText());

        // Remove it, then install it again from a URL, checked by its SHA-256.
        assertEquals(204, send(url, token, "DELETE", "/api/v1/bundles/" + bsn, null, null).statusCode());
        HttpServer files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/p.jar", ex -> {
            ex.sendResponseHeaders(200, newer.length);
            ex.getResponseBody().write(newer);
            ex.close();
        });
        files.start();
        try {
            String fileUrl = "http://127.0.0.1:" + files.getAddress().getPort() + "/p.jar";
            HttpResponse<String> wrong = send(url, token, "POST", "/api/v1/bundles", "application/json",
                    ("{\"url\": \"" + fileUrl + "\", \"sha256\": \"" + "0".repeat(64) + "\"}").getBytes());
            assertEquals(400, wrong.statusCode(), wrong.body());
            assertTrue(json(wrong).path("error").asText().contains("sha256"), wrong.body());
            HttpResponse<String> ok = send(url, token, "POST", "/api/v1/bundles", "application/json",
                    ("{\"url\": \"" + fileUrl + "\", \"sha256\": \"" + org.surrogate.console.api.FakeHost.sha256(newer) + "\"}").getBytes());
            assertEquals(201, ok.statusCode(), ok.body());
            assertEquals("url", json(ok).path("source").asText());
            assertEquals("9.9.9", json(ok).path("version").asText());
        } finally {
            files.stop(0);
        }
    }

    /** The same jar with another Bundle-Version. */
    private static byte[] withVersion(byte[] jar, String version) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar))) {
            Manifest mf = new Manifest(in.getManifest());
            mf.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream o = new JarOutputStream(out, mf)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    o.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(o);
                    o.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }

    private InputStream openStream(String url, String token, List<Event> events) throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String name = null;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:") && name != null) {
                        events.add(new Event(name, JSON.readTree(line.substring(5).strip())));
                    } else if (line.isEmpty()) {
                        name = null;
                    }
                }
            } catch (java.io.IOException e) {
                // closed by the test
            }
        }, "events-it-reader");
        t.setDaemon(true);
        t.start();
        return r.body();
    }

    private HttpResponse<String> send(String url, String token, String method, String path, String type, byte[] body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token);
        if (type != null) {
            b.header("Content-Type", type);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }
}
