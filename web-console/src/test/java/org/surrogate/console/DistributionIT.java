package org.surrogate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.surrogate.console.api.TestServer;
import picocli.CommandLine;

/**
 * Runs the assembled distribution ({@code target/surrogate}) as a user does: a separate JVM started
 * with {@code java -cp lib/* ...Main serve}, the real Felix host and the built-in bundles, driven
 * over HTTP and with the client command, then stopped with SIGTERM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributionIT {

    private static final Pattern READY =
            Pattern.compile("Surrogate ready on (http://127\\.0\\.0\\.1:(\\d+)) \\((\\d+) plugins\\)");

    private Path dist;
    private Path data;
    private Path log;
    private String token;
    private Process process;
    private String url;
    private int readyPlugins;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private Thread reader;

    @BeforeAll
    void startDistribution() throws Exception {
        dist = Path.of(System.getProperty("surrogate.dist", "target/surrogate")).toAbsolutePath();
        assertTrue(Files.isDirectory(dist.resolve("lib")), dist + "/lib is missing: run mvn package first");
        data = Files.createTempDirectory("surrogate-it-data");
        log = dist.getParent().resolve("distribution-it-server.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = dist.resolve("lib") + File.separator + "*";
        process = new ProcessBuilder(java, "-Dsurrogate.home=" + dist, "-cp", classPath,
                "org.surrogate.console.Main", "serve", "--port", "0", "--data", data.toString())
                .redirectError(log.toFile())
                .start();
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(stdout closed: " + e.getMessage() + ")");
            }
        }, "distribution-it-stdout");
        reader.setDaemon(true);
        reader.start();
        String first = lines.poll(180, TimeUnit.SECONDS);
        assertNotNull(first, "no ready line within 180 s; see " + log);
        Matcher m = READY.matcher(first);
        assertTrue(m.matches(), "unexpected first line '" + first + "'; see " + log);
        url = m.group(1);
        readyPlugins = Integer.parseInt(m.group(3));
        token = Files.readString(data.resolve("secrets/cli-token")).strip();
    }

    @AfterAll
    void stopWithSigterm() throws Exception {
        if (process == null) {
            return;
        }
        process.destroy();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        assertTrue(ended, "the server did not stop within 60 s of SIGTERM");
        reader.join(10_000);
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        assertEquals(List.of(), rest, "the server prints exactly one line on stdout");
    }

    /** Sends a request with the CLI's admin token, as the client commands on the server's machine do. */
    private HttpResponse<String> send(String method, String path, String type, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", "Bearer " + token);
        if (type != null) {
            b.header("Content-Type", type);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The number of built-in bundle jars the distribution carries, every one of which must install. */
    private long builtinBundles() throws IOException {
        try (Stream<Path> jars = Files.list(dist.resolve("bundles"))) {
            return jars.filter(p -> p.toString().endsWith(".jar")).count();
        }
    }

    @Test
    void readyLineCountsTheBuiltInPlugins() throws Exception {
        JsonNode health = TestServer.json(send("GET", "/api/v1/health", null, null));
        assertEquals("ok", health.get("status").asText());
        assertEquals(readyPlugins, health.get("plugins").asInt());
        assertTrue(readyPlugins >= builtinBundles(), "built-in plugins: " + readyPlugins);
        assertEquals(builtinBundles(), health.get("bundles").asLong());
    }

    @Test
    void listsTheBuiltInPluginsWithTheirSchemas() throws Exception {
        JsonNode plugins = TestServer.json(send("GET", "/api/v1/plugins", null, null));
        List<String> ids = new ArrayList<>();
        plugins.forEach(p -> ids.add(p.get("id").asText()));
        for (String id : List.of("demo-latent", "popularity", "item-cosine", "ranking-metrics", "holdout")) {
            assertTrue(ids.contains(id), id + " missing from " + ids);
        }
        JsonNode holdout = TestServer.json(send("GET", "/api/v1/plugins/holdout", null, null));
        assertEquals("protocol", holdout.get("kind").asText());
        List<String> slots = new ArrayList<>();
        holdout.get("slots").forEach(s -> slots.add(s.get("name").asText()));
        assertTrue(slots.containsAll(List.of("data", "recommenders", "evaluators")), slots.toString());
    }

    @Test
    void runsTheReadmeTrial() throws Exception {
        String request = """
                {"protocol": "holdout", "seed": 42,
                 "slots": {"data": [{"plugin": "demo-latent"}],
                           "split": [{"plugin": "random-holdout"}],
                           "recommenders": [{"plugin": "popularity"}, {"plugin": "item-cosine"}],
                           "evaluators": [{"plugin": "ranking-metrics"}]}}
                """;
        HttpResponse<String> started = send("POST", "/api/v1/trials", "application/json",
                request.getBytes(StandardCharsets.UTF_8));
        assertEquals(202, started.statusCode(), started.body());
        String id = TestServer.json(started).get("id").asText();
        JsonNode t = TestServer.json(send("GET", "/api/v1/trials/" + id + "?wait=300", null, null));
        assertEquals("SUCCEEDED", t.get("status").asText(), t.toString());
        assertFalse(t.get("results").isEmpty(), t.toString());
        assertTrue(t.get("pluginVersions").has("popularity"), t.toString());
        assertTrue(t.get("ended").isTextual(), t.toString());
    }

    @Test
    void runsTheIssue4PluginsInsideTheContainer() throws Exception {
        // The known-preference generator, a k-fold splitter, and both evaluators (fidelity carries
        // commons-math3 classes copied in by bnd) in the real container.
        String request = """
                {"protocol": "holdout", "seed": 7,
                 "slots": {"data": [{"plugin": "known-preference", "params": {"numUsers": 300, "numItems": 200}}],
                           "split": [{"plugin": "k-fold", "params": {"folds": 3}}],
                           "recommenders": [{"plugin": "popularity"}],
                           "evaluators": [{"plugin": "ranking-metrics"}, {"plugin": "fidelity"}]}}
                """;
        HttpResponse<String> started = send("POST", "/api/v1/trials", "application/json",
                request.getBytes(StandardCharsets.UTF_8));
        assertEquals(202, started.statusCode(), started.body());
        String id = TestServer.json(started).get("id").asText();
        JsonNode t = TestServer.json(send("GET", "/api/v1/trials/" + id + "?wait=300", null, null));
        assertEquals("SUCCEEDED", t.get("status").asText(), t.toString());
        JsonNode results = t.get("results");
        assertEquals(3.0, results.get("split/count").asDouble(), t.toString());
        assertTrue(results.get("popularity/ndcg@10").asDouble() > 0, t.toString());
        assertTrue(results.has("popularity/fold3/activity.ks"), t.toString());
    }

    @Test
    void refusesAFileThatIsNotABundleWith400() throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/bundles", "multipart/form-data; boundary=" + TestServer.BOUNDARY,
                TestServer.multipart("notes.jar", "not a jar".getBytes(StandardCharsets.UTF_8), Map.of()));
        assertEquals(400, r.statusCode(), r.body());
        String error = TestServer.json(r).get("error").asText();
        assertTrue(error.contains("notes.jar"), error);
        assertEquals(builtinBundles(), TestServer.json(send("GET", "/api/v1/bundles", null, null)).size(),
                "the installed bundles are untouched");
    }

    @Test
    void refusesToInstallAnInstalledBundleAgain() throws Exception {
        Path popularity;
        try (Stream<Path> s = Files.list(dist.resolve("bundles"))) {
            popularity = s.filter(p -> p.getFileName().toString().startsWith("popularity-")).findFirst().orElseThrow();
        }
        HttpResponse<String> r = send("POST", "/api/v1/bundles", "multipart/form-data; boundary=" + TestServer.BOUNDARY,
                TestServer.multipart(popularity.getFileName().toString(), Files.readAllBytes(popularity), Map.of()));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(TestServer.json(r).get("error").asText().contains("popularity"), r.body());
    }

    @Test
    void clientListsThePluginsOfTheRunningServer() {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        // No --token: the client finds the server's CLI token in its data folder.
        assertEquals(0, cl.execute("plugins", "list", "--server", url, "--data", data.toString()));
        assertTrue(out.toString().startsWith("KIND "), out.toString());
        assertTrue(out.toString().contains("org.surrogate.bundles.popularity"), out.toString());
    }

    @Test
    void firstStartWritesTheInitialAdminPasswordReadableOnlyByItsOwner() throws Exception {
        Path file = data.resolve("secrets/initial-admin-password");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("secrets/cli-token"))));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("secrets"))));
        String password = Files.readString(file).strip();
        assertFalse(Files.readString(data.resolve("users.json")).contains(password), "no clear password on disk");
        assertTrue(Files.readString(log).contains("its password is in " + file), "the stderr notice names the file");
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url + "/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"admin\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        assertEquals("admin", TestServer.json(login).get("role").asText());
    }

    @Test
    void refusesRequestsWithoutCredentialsButHealth() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> plugins = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/plugins")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, plugins.statusCode(), plugins.body());
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
    }

    @Test
    void aFreshServerQueuesTheDemoAndItFinishesWithResults() throws Exception {
        long deadline = System.currentTimeMillis() + 300_000;
        JsonNode demo = null;
        while (System.currentTimeMillis() < deadline) {
            for (JsonNode e : TestServer.json(send("GET", "/api/v1/experiments", null, null))) {
                if ("demo-ranking-fidelity".equals(e.path("info").path("name").asText())) {
                    demo = e;
                }
            }
            if (demo != null && "FINISHED".equals(demo.path("state").asText())) {
                break;
            }
            Thread.sleep(500);
        }
        assertNotNull(demo, "the demo experiment was queued on the empty data folder");
        assertEquals("FINISHED", demo.path("state").asText(), demo.toString());
        assertEquals(3, demo.path("counts").path("SUCCEEDED").asInt(), demo.toString());
        JsonNode runs = TestServer.json(send("GET", "/api/v1/runs?q=tag:demo&limit=10", null, null));
        assertEquals(3, runs.path("total").asInt(), runs.toString());
        for (JsonNode r : runs.path("hits")) {
            double tau = r.path("metrics").path("twin/kendall/ndcg@10").asDouble(Double.NaN);
            assertTrue(tau >= -1 && tau <= 1, r.path("metrics").toString());
        }
    }
}
