package org.surrogate.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;
import org.surrogate.console.security.Role;
import org.surrogate.framework.catalog.CatalogEntry;
import org.surrogate.framework.catalog.CatalogFetcher;
import org.surrogate.framework.catalog.CatalogIndex;
import org.surrogate.framework.catalog.CatalogService;
import org.surrogate.framework.catalog.CatalogStore;
import org.surrogate.framework.catalog.Dependency;

/** {@code /api/v1/catalog} on a real Jetty in front of the fake host: roles, errors, audit. */
class CatalogResourceTest {

    @TempDir
    Path folder;
    private TestServer server;
    private String viewer;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
        server.host.catalog = new CatalogService(new CatalogStore(server.data, Clock.systemUTC()),
                new CatalogFetcher(CatalogFetcher.Limits.defaults()), server.host.bundleManager(), null,
                Version.parseVersion("1.1.0"), Clock.systemUTC());
        viewer = server.createUser("vera", "a long passphrase", Role.VIEWER);
        byte[] ok = TestServer.bundleJar("org.example.ok");
        Files.write(folder.resolve("ok.jar"), ok);
        CatalogEntry okEntry = new CatalogEntry("org.example.ok", "1.0.0", "OK", "A fine bundle", List.of("recommender"),
                null, null, "[1.0,2)", "ok.jar", (long) ok.length, sha256(ok), null);
        CatalogEntry needy = new CatalogEntry("org.example.needy", "1.0.0", null, null, null, null, null, null,
                "needy.jar", null, sha256(ok), List.of(new Dependency("org.example.gone", "[1.0,2)")));
        Files.write(folder.resolve("index.json"), new CatalogIndex(1, "test", null, List.of(okEntry, needy)).toJson());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private HttpResponse<String> asViewer(String method, String path, String json) throws Exception {
        return server.sendAs(viewer, method, path, json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void adminsAddCatalogsAndInstallEveryoneSeesWhatIsAvailable() throws Exception {
        String add = "{\"name\":\"lab\",\"location\":\"" + folder.toString().replace("\\", "\\\\") + "\"}";
        assertEquals(403, asViewer("POST", "/api/v1/catalog/locations", add).statusCode());
        HttpResponse<String> added = server.sendJson("POST", "/api/v1/catalog/locations", add);
        assertEquals(201, added.statusCode(), added.body());
        assertEquals("admin", TestServer.json(added).get("addedBy").asText());

        HttpResponse<String> available = asViewer("GET", "/api/v1/catalog/available", null);
        assertEquals(200, available.statusCode(), available.body());
        JsonNode bundles = TestServer.json(available).get("bundles");
        assertEquals("org.example.needy", bundles.get(0).get("symbolicName").asText());
        assertEquals("available", bundles.get(1).get("status").asText());
        assertEquals("A fine bundle", bundles.get(1).get("description").asText());

        String install = "{\"bundles\":[{\"symbolicName\":\"org.example.ok\"}]}";
        assertEquals(403, asViewer("POST", "/api/v1/catalog/install", install).statusCode());
        HttpResponse<String> done = server.sendJson("POST", "/api/v1/catalog/install", install);
        assertEquals(200, done.statusCode(), done.body());
        assertEquals("catalog:lab", TestServer.json(done).get("bundles").get(0).get("source").asText());
        assertEquals("installed", TestServer.json(server.get("/api/v1/catalog/available")).get("bundles").get(1)
                .get("status").asText());

        JsonNode audit = TestServer.json(server.get("/api/v1/audit?limit=100"));
        boolean found = false;
        for (JsonNode e : audit) {
            found |= e.get("action").asText().equals("POST /api/v1/catalog/install") && e.get("user").asText()
                    .equals("admin") && e.get("outcome").asText().equals("ok");
        }
        assertTrue(found, audit.toString());
    }

    @Test
    void errorsNameWhatIsWrong() throws Exception {
        assertEquals(401, server.sendAs(null, "GET", "/api/v1/catalog/available", null, null).statusCode());
        HttpResponse<String> relative = server.sendJson("POST", "/api/v1/catalog/locations",
                "{\"name\":\"lab\",\"location\":\"some/dir\"}");
        assertEquals(400, relative.statusCode());
        assertEquals("location: a folder must be given as an absolute path, found 'some/dir'",
                TestServer.json(relative).get("error").asText());
        assertEquals(201, server.sendJson("POST", "/api/v1/catalog/locations", "{\"name\":\"lab\",\"location\":\""
                + folder.toString().replace("\\", "\\\\") + "\"}").statusCode());

        HttpResponse<String> missing = server.sendJson("POST", "/api/v1/catalog/install",
                "{\"bundles\":[{\"symbolicName\":\"org.example.needy\"}]}");
        assertEquals(409, missing.statusCode());
        assertEquals("'org.example.needy' 1.0.0 depends on bundle 'org.example.gone' [1.0.0,2.0.0), which no catalog"
                + " offers (catalogs: lab)", TestServer.json(missing).get("error").asText());

        HttpResponse<String> empty = server.sendJson("POST", "/api/v1/catalog/install", "{\"bundles\":[]}");
        assertEquals(400, empty.statusCode());
        assertEquals("bundles: name at least one bundle to install", TestServer.json(empty).get("error").asText());

        HttpResponse<String> notInstalled = server.sendJson("POST", "/api/v1/catalog/update",
                "{\"bundles\":[{\"symbolicName\":\"org.example.ok\"}]}");
        assertEquals(404, notInstalled.statusCode());
        assertEquals("bundle 'org.example.ok' is not installed; install it from the catalogs instead",
                TestServer.json(notInstalled).get("error").asText());
        assertEquals(204, server.send("DELETE", "/api/v1/catalog/locations/lab", null, null).statusCode());
        assertEquals(404, server.send("DELETE", "/api/v1/catalog/locations/lab", null, null).statusCode());
    }
}
