package org.surrogate.console.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BundlesResourceTest {

    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = new TestServer();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void listsInstalledBundles() throws Exception {
        JsonNode list = TestServer.json(server.get("/api/v1/bundles"));
        JsonNode builtin = list.get(0);
        assertEquals(7, builtin.get("id").asLong());
        assertEquals(FakeHost.BUILTIN_BSN, builtin.get("symbolicName").asText());
        assertEquals("0.1.0", builtin.get("version").asText());
        assertEquals("ACTIVE", builtin.get("state").asText());
        assertEquals("builtin", builtin.get("source").asText());
        assertEquals(64, builtin.get("sha256").asText().length());
        assertEquals("[\"holdout\",\"popularity\"]", builtin.get("plugins").toString());
    }

    @Test
    void installsUploadedJarWith201() throws Exception {
        byte[] jar = TestServer.bundleJar("org.example.install;singleton:=true");
        String sha = FakeHost.sha256(jar).toUpperCase(Locale.ROOT);
        HttpResponse<String> r = server.sendMultipart("POST", "/api/v1/bundles",
                TestServer.multipart("install-1.0.0.jar", jar, Map.of("sha256", " " + sha + "\n")));
        assertEquals(201, r.statusCode(), r.body());
        JsonNode b = TestServer.json(r);
        assertEquals("org.example.install", b.get("symbolicName").asText());
        assertEquals("upload", b.get("source").asText());
        assertEquals(server.server.url() + "/api/v1/bundles/org.example.install",
                r.headers().firstValue("Location").orElseThrow());
        FakeHost.Upload u = server.host.lastUpload;
        assertEquals("install-1.0.0.jar", u.fileName());
        assertArrayEquals(jar, u.jar());
        assertEquals(sha.toLowerCase(Locale.ROOT), u.sha256(), "the checksum is passed on trimmed, in lower case");
        assertEquals("upload", u.source());
        assertEquals("org.example.install",
                TestServer.json(server.get("/api/v1/bundles/org.example.install")).get("symbolicName").asText());
    }

    @Test
    void installsWithoutChecksumWhenNoneIsSent() throws Exception {
        byte[] jar = TestServer.bundleJar("org.example.nosha");
        HttpResponse<String> r = server.sendMultipart("POST", "/api/v1/bundles",
                TestServer.multipart("nosha.jar", jar, Map.of()));
        assertEquals(201, r.statusCode(), r.body());
        assertNull(server.host.lastUpload.sha256());
    }

    @Test
    void answersRejectedBundleWith400NamingTheProblem() throws Exception {
        HttpResponse<String> r = server.sendMultipart("POST", "/api/v1/bundles",
                TestServer.multipart("notes.txt", "not a jar".getBytes(), Map.of()));
        assertEquals(400, r.statusCode());
        JsonNode e = TestServer.json(r);
        assertEquals("notes.txt: not an OSGi bundle (no Bundle-SymbolicName in its manifest)", e.get("error").asText());
        assertFalse(e.has("problems"));
    }

    @Test
    void answersChecksumMismatchWith400() throws Exception {
        byte[] jar = TestServer.bundleJar("org.example.badsha");
        HttpResponse<String> r = server.sendMultipart("POST", "/api/v1/bundles",
                TestServer.multipart("badsha.jar", jar, Map.of("sha256", "ab".repeat(32))));
        assertEquals(400, r.statusCode());
        assertEquals("badsha.jar: SHA-256 is " + FakeHost.sha256(jar) + ", expected " + "ab".repeat(32),
                TestServer.json(r).get("error").asText());
    }

    @Test
    void answersMissingFilePartWith400() throws Exception {
        HttpResponse<String> r = server.sendMultipart("POST", "/api/v1/bundles",
                TestServer.multipart(null, null, Map.of("sha256", "ab")));
        assertEquals(400, r.statusCode());
        assertEquals("multipart/form-data part 'file' is missing: send the bundle jar in a part named 'file', such"
                + " as curl -F file=@my-plugin.jar", TestServer.json(r).get("error").asText());
    }

    @Test
    void answersNonMultipartUploadWith415() throws Exception {
        // JSON is an install from a URL; other types are refused.
        HttpResponse<String> r = server.send("POST", "/api/v1/bundles", "text/plain",
                "x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(415, r.statusCode());
        assertEquals("HTTP 415 Unsupported Media Type: POST /api/v1/bundles", TestServer.json(r).get("error").asText());
    }

    @Test
    void updatesInstalledBundle() throws Exception {
        byte[] v1 = TestServer.bundleJar("org.example.update");
        assertEquals(201, server.sendMultipart("POST", "/api/v1/bundles",
                TestServer.multipart("update-1.jar", v1, Map.of())).statusCode());
        byte[] v2 = TestServer.bundleJar("org.example.update;singleton:=true");
        HttpResponse<String> r = server.sendMultipart("PUT", "/api/v1/bundles/org.example.update",
                TestServer.multipart("update-2.jar", v2, Map.of()));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("2.0.0", TestServer.json(r).get("version").asText());
        assertEquals("update-2.jar", server.host.lastUpload.fileName());
    }

    @Test
    void answersUpdateOfUnknownBundleWith404() throws Exception {
        HttpResponse<String> r = server.sendMultipart("PUT", "/api/v1/bundles/org.example.absent",
                TestServer.multipart("absent.jar", TestServer.bundleJar("org.example.absent"), Map.of()));
        assertEquals(404, r.statusCode());
        assertEquals("no bundle 'org.example.absent' is installed", TestServer.json(r).get("error").asText());
    }

    @Test
    void removesBundleWith204() throws Exception {
        assertEquals(201, server.sendMultipart("POST", "/api/v1/bundles",
                TestServer.multipart("gone.jar", TestServer.bundleJar("org.example.gone"), Map.of())).statusCode());
        HttpResponse<String> r = server.send("DELETE", "/api/v1/bundles/org.example.gone", null, null);
        assertEquals(204, r.statusCode());
        assertTrue(r.body().isEmpty());
        assertEquals(404, server.get("/api/v1/bundles/org.example.gone").statusCode());
    }

    @Test
    void answersUnknownBundleWith404() throws Exception {
        HttpResponse<String> r = server.send("DELETE", "/api/v1/bundles/org.example.never", null, null);
        assertEquals(404, r.statusCode());
        assertEquals("no bundle 'org.example.never' is installed", TestServer.json(r).get("error").asText());
        HttpResponse<String> g = server.get("/api/v1/bundles/org.example.never");
        assertEquals(404, g.statusCode());
        assertEquals("no bundle 'org.example.never' is installed; GET /api/v1/bundles lists the installed ones",
                TestServer.json(g).get("error").asText());
    }

    @Test
    void refusesUploadPastTheSizeLimitWith413() throws Exception {
        try (TestServer small = new TestServer(4096)) {
            byte[] big = new byte[8192];
            HttpResponse<String> r = small.sendMultipart("POST", "/api/v1/bundles",
                    TestServer.multipart("big.jar", big, Map.of()));
            assertEquals(413, r.statusCode());
            String error = TestServer.json(r).get("error").asText();
            assertTrue(error.startsWith("request body too large ("), error);
            assertTrue(small.host.lastUpload == null, "the host never saw the upload");
        }
    }

    @Test
    void refusesStreamedUploadPastTheSizeLimitWith413() throws Exception {
        try (TestServer small = new TestServer(4096)) {
            byte[] body = TestServer.multipart("big.jar", new byte[8192], Map.of());
            // No Content-Length: the body is sent chunked, so only counting the bytes can stop it.
            HttpRequest request = HttpRequest.newBuilder(URI.create(small.server.url() + "/api/v1/bundles"))
                    .header("Content-Type", "multipart/form-data; boundary=" + TestServer.BOUNDARY)
                    .header("Authorization", "Bearer " + small.adminToken)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(body)))
                    .build();
            HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(413, r.statusCode(), r.body());
            String error = TestServer.json(r).get("error").asText();
            assertTrue(error.startsWith("request refused: "), error);
            assertTrue(small.host.lastUpload == null, "the host never saw the upload");
        }
    }
}
