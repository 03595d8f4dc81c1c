package org.surrogate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.surrogate.console.api.TestServer;
import org.surrogate.framework.HostConfig;
import picocli.CommandLine;

/**
 * The third-party plugin example, built from its sources, published into two test catalogs (a folder
 * indexed by the server, and a folder indexed by {@code surrogate catalog index} and served over HTTP
 * by the JDK's HTTP server), then installed from the first and updated from the second through the
 * real server's REST API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogIT {

    private static final String BSN = "org.example.surrogate.shrunk-popularity";

    private SurrogateServer server;
    private HttpServer site;
    private String token;
    private Path folderCatalog;
    private Path webCatalog;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void buildPublishAndStart() throws Exception {
        Path example = Path.of(System.getProperty("surrogate.example", "../examples/third-party-plugin"))
                .toAbsolutePath().normalize();
        Path out = Files.createTempDirectory("catalog-build");
        folderCatalog = Files.createDirectories(out.resolve("folder-catalog"));
        webCatalog = Files.createDirectories(out.resolve("web-catalog/bundles"));
        Path v1 = build(example, "1.0.0", out.resolve("v1"));
        Path v2 = build(example, "2.0.0", out.resolve("v2"));
        Files.copy(v1, folderCatalog.resolve(v1.getFileName()));
        Files.copy(v1, webCatalog.resolve(v1.getFileName()));
        Files.copy(v2, webCatalog.resolve(v2.getFileName()));

        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            Path file = webCatalog.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            try (exchange) {
                if (!file.startsWith(webCatalog) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(body);
                }
            }
        });
        site.start();

        Path dist = Path.of(System.getProperty("surrogate.dist", "target/surrogate")).toAbsolutePath();
        HostConfig config = new HostConfig(Files.createTempDirectory("catalog-data"),
                dist.resolve("system-bundles"), dist.resolve("bundles"), false);
        server = SurrogateServer.start("127.0.0.1", 0, config);
        token = Files.readString(config.dataDir().resolve("secrets/cli-token")).strip();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (site != null) {
            site.stop(0);
        }
    }

    private static Path build(Path example, String version, Path buildDir) throws Exception {
        String mvn = System.getProperty("surrogate.mvn", "mvn");
        Path log = buildDir.resolveSibling("build-" + version + ".log");
        Files.createDirectories(buildDir);
        Process p = new ProcessBuilder(mvn, "-q", "-B", "-o", "package", "-DskipTests", "-Drevision=" + version,
                "-DbuildDir=" + buildDir, "-f", example.resolve("pom.xml").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the example's build did not finish");
        assertEquals(0, p.exitValue(), "the example's build failed:\n" + Files.readString(log));
        return buildDir.resolve("shrunk-popularity-" + version + ".jar");
    }

    @Test
    void publishInstallFromAFolderAndUpdateOverHttp() throws Exception {
        // A folder catalog, indexed by the server.
        assertEquals(201, send("POST", "/api/v1/catalog/locations", "{\"name\":\"lab\",\"location\":\""
                + folderCatalog + "\"}").statusCode());
        JsonNode indexed = json(send("POST", "/api/v1/catalog/locations/lab/index", null), 200);
        JsonNode entry = indexed.get("index").get("bundles").get(0);
        assertEquals(BSN, entry.get("symbolicName").asText());
        assertEquals("shrunk-popularity", entry.get("plugins").get(0).get("id").asText(), entry.toString());
        assertEquals("recommender", entry.get("kinds").get(0).asText());
        assertTrue(entry.get("pluginsApi").asText().startsWith("[1."), entry.toString());

        // A web catalog, indexed by the command line and served over HTTP.
        StringWriter cliOut = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(cliOut));
        assertEquals(0, cli.execute("catalog", "index", webCatalog.getParent().toString(), "--name", "web"),
                cliOut.toString());
        assertTrue(cliOut.toString().contains("2 bundle(s)"), cliOut.toString());
        String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
        Files.move(webCatalog.getParent().resolve("index.json"), webCatalog.resolve("index.json"));
        // The index sits beside the jars under bundles/ now; rewrite its URLs relative to it.
        Files.writeString(webCatalog.resolve("index.json"), Files.readString(webCatalog.resolve("index.json"))
                .replace("\"bundles/", "\""));
        assertEquals(201, send("POST", "/api/v1/catalog/locations", "{\"name\":\"web\",\"location\":\"" + url
                + "\"}").statusCode());

        JsonNode available = json(send("GET", "/api/v1/catalog/available", null), 200);
        assertEquals(0, available.get("problems").size(), available.toString());
        assertEquals("2.0.0", available.get("bundles").get(0).get("version").asText());
        assertEquals("available", available.get("bundles").get(0).get("status").asText());

        // Install version 1 from the folder, then update over HTTP.
        JsonNode installed = json(send("POST", "/api/v1/catalog/install", "{\"bundles\":[{\"symbolicName\":\""
                + BSN + "\",\"version\":\"1.0.0\"}]}"), 200);
        assertEquals("catalog:lab", installed.get("bundles").get(0).get("source").asText());
        assertEquals("1.0.0", json(send("GET", "/api/v1/plugins/shrunk-popularity", null), 200).get("version").asText());

        JsonNode updates = json(send("GET", "/api/v1/catalog/updates", null), 200);
        assertEquals("2.0.0", updates.get(0).get("version").asText(), updates.toString());
        assertEquals("web", updates.get(0).get("catalog").asText());
        JsonNode updated = json(send("POST", "/api/v1/catalog/update", "{}"), 200);
        assertEquals("UPDATE", updated.get("steps").get(0).get("action").asText());
        assertEquals("catalog:web", updated.get("bundles").get(0).get("source").asText());
        assertEquals("2.0.0", json(send("GET", "/api/v1/plugins/shrunk-popularity", null), 200).get("version").asText());
        assertEquals(0, json(send("GET", "/api/v1/catalog/updates", null), 200).size());

        // A jar that no longer matches its checksum is refused and version 2 stays.
        Path v2 = webCatalog.resolve("shrunk-popularity-2.0.0.jar");
        Files.write(v2, new byte[] {'P', 'K', 0, 0}, java.nio.file.StandardOpenOption.APPEND);
        send("DELETE", "/api/v1/bundles/" + BSN, null);
        HttpResponse<String> tampered = send("POST", "/api/v1/catalog/install", "{\"bundles\":[{\"symbolicName\":\""
                + BSN + "\",\"version\":\"2.0.0\"}]}");
        assertEquals(400, tampered.statusCode(), tampered.body());
        assertTrue(TestServer.json(tampered).get("error").asText().startsWith("catalog 'web': bundle '" + BSN
                + "' 2.0.0 (shrunk-popularity-2.0.0.jar): its sha256 is "), tampered.body());
        assertEquals(404, send("GET", "/api/v1/bundles/" + BSN, null).statusCode());
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        return TestServer.json(r);
    }
}
