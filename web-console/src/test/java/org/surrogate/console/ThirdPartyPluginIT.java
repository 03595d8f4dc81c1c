package org.surrogate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.surrogate.console.api.TestServer;
import org.surrogate.framework.HostConfig;

/**
 * The third-party plugin example, built from its own sources against the published plugins-api
 * (a nested Maven build, as its author would run it), installed at run time into a real server over
 * HTTP, run, updated to version 2 while a version-1 trial runs, and uninstalled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThirdPartyPluginIT {

    private static final String BSN = "org.example.surrogate.shrunk-popularity";

    private SurrogateServer server;
    private String token;
    private Path v1;
    private Path v2;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void buildExampleAndStartServer() throws Exception {
        Path example = Path.of(System.getProperty("surrogate.example", "../examples/third-party-plugin"))
                .toAbsolutePath().normalize();
        Path out = Files.createTempDirectory("third-party-build");
        v1 = build(example, "1.0.0", out.resolve("v1"));
        v2 = build(example, "2.0.0", out.resolve("v2"));
        Path dist = Path.of(System.getProperty("surrogate.dist", "target/surrogate")).toAbsolutePath();
        HostConfig config = new HostConfig(Files.createTempDirectory("third-party-data"),
                dist.resolve("system-bundles"), dist.resolve("bundles"), false);
        server = SurrogateServer.start("127.0.0.1", 0, config);
        // The admin API token the first start wrote for the command line.
        token = Files.readString(config.dataDir().resolve("secrets/cli-token")).strip();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Builds the example as its README says, into its own folder. */
    private static Path build(Path example, String version, Path buildDir) throws Exception {
        String mvn = System.getProperty("surrogate.mvn", "mvn");
        Path log = buildDir.resolveSibling("build-" + version + ".log");
        Files.createDirectories(buildDir);
        Process p = new ProcessBuilder(mvn, "-q", "-B", "package", "-Drevision=" + version,
                "-DbuildDir=" + buildDir, "-f", example.resolve("pom.xml").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the example's build did not finish");
        assertEquals(0, p.exitValue(), "the example's build failed:\n" + Files.readString(log));
        Path jar = buildDir.resolve("shrunk-popularity-" + version + ".jar");
        assertTrue(Files.exists(jar), jar + " was not built");
        return jar;
    }

    @Test
    void installRunUpdateWhileRunningAndUninstall() throws Exception {
        JsonNode installed = json(send("POST", "/api/v1/bundles", upload(v1)), 201);
        assertEquals("1.0.0", installed.get("version").asText());
        assertEquals("shrunk-popularity", installed.get("plugins").get(0).asText());
        JsonNode plugin = json(send("GET", "/api/v1/plugins/shrunk-popularity", null), 200);
        assertEquals("1.0.0", plugin.get("version").asText());
        assertEquals(BSN, plugin.get("bundle").asText());

        // A version-1 trial that runs long enough to see the update.
        String slow = startTrial(2500);
        Thread.sleep(700);
        JsonNode updated = json(send("PUT", "/api/v1/bundles/" + BSN, upload(v2)), 200);
        assertEquals("2.0.0", updated.get("version").asText());
        String fresh = startTrial(0);

        JsonNode second = await(fresh);
        assertEquals("SUCCEEDED", second.get("status").asText(), second.toString());
        assertEquals(2.0, second.get("results").get("shrunk-popularity/plugin-major-version").asDouble());
        assertEquals("2.0.0", second.get("pluginVersions").get("shrunk-popularity").asText());

        JsonNode first = await(slow);
        assertEquals("SUCCEEDED", first.get("status").asText(), first.toString());
        assertEquals(1.0, first.get("results").get("shrunk-popularity/plugin-major-version").asDouble());
        assertEquals("1.0.0", first.get("pluginVersions").get("shrunk-popularity").asText());
        // Version 2 doubles every score: same ranking, so the same metrics on the same seed.
        assertEquals(first.get("results").get("shrunk-popularity/ndcg@10").asDouble(),
                second.get("results").get("shrunk-popularity/ndcg@10").asDouble(), 1e-12);

        WeakReference<Class<?>> pluginClass = new WeakReference<>(
                server.host().plugins().instance("shrunk-popularity").orElseThrow().getClass());
        assertEquals(204, send("DELETE", "/api/v1/bundles/" + BSN, null).statusCode());
        JsonNode plugins = json(send("GET", "/api/v1/plugins", null), 200);
        for (JsonNode p : plugins) {
            assertTrue(!p.get("id").asText().equals("shrunk-popularity"), "still listed: " + p);
        }
        for (int i = 0; i < 50 && pluginClass.get() != null; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertNull(pluginClass.get(), "the uninstalled plugin's class loader is still reachable");
    }

    @Test
    void anNd4jBundleRunsInsideTheContainer() throws Exception {
        String id = json(send("POST", "/api/v1/trials", ("{\"protocol\":\"holdout\",\"seed\":3,\"slots\":{"
                + "\"data\":[{\"plugin\":\"demo-latent\",\"params\":{\"numUsers\":200,\"numItems\":150}}],"
                + "\"split\":[{\"plugin\":\"random-holdout\"}],\"recommenders\":[{\"plugin\":\"item-cosine\"}],"
                + "\"evaluators\":[{\"plugin\":\"ranking-metrics\"}]}}").getBytes(StandardCharsets.UTF_8),
                "application/json"), 202).get("id").asText();
        JsonNode r = await(id);
        assertEquals("SUCCEEDED", r.get("status").asText(), r.toString());
        assertTrue(r.get("results").get("item-cosine/ndcg@10").asDouble() > 0, r.toString());
    }

    private String startTrial(int delayMillis) throws Exception {
        String body = "{\"protocol\":\"holdout\",\"seed\":11,\"slots\":{"
                + "\"data\":[{\"plugin\":\"demo-latent\",\"params\":{\"numUsers\":100,\"numItems\":80}}],"
                + "\"split\":[{\"plugin\":\"random-holdout\"}],\"recommenders\":[{\"plugin\":\"shrunk-popularity\",\"params\":{\"delayMillis\":" + delayMillis
                + "}}],\"evaluators\":[{\"plugin\":\"ranking-metrics\"}]}}";
        return json(send("POST", "/api/v1/trials", body.getBytes(StandardCharsets.UTF_8), "application/json"), 202)
                .get("id").asText();
    }

    private JsonNode await(String id) throws Exception {
        return json(send("GET", "/api/v1/trials/" + id + "?wait=60", null), 200);
    }

    private static byte[] upload(Path jar) throws Exception {
        return TestServer.multipart(jar.getFileName().toString(), Files.readAllBytes(jar), Map.of());
    }

    private HttpResponse<String> send(String method, String path, byte[] multipart) throws Exception {
        return send(method, path, multipart, "multipart/form-data; boundary=" + TestServer.BOUNDARY);
    }

    private HttpResponse<String> send(String method, String path, byte[] body, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", type);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        return TestServer.json(r);
    }
}
