package org.surrogate.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Installing a bundle from a URL: bad requests are answered with the field at fault. */
class BundlesApiTest {

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String error(String json) throws Exception {
        HttpResponse<String> r = server.sendJson("POST", "/api/v1/bundles", json);
        assertEquals(400, r.statusCode(), r.body());
        return TestServer.json(r).get("error").asText();
    }

    @Test
    void aUrlInstallNamesTheFieldAtFault() throws Exception {
        String sha = "ab".repeat(32);
        assertTrue(error("{\"sha256\": \"" + sha + "\"}").contains("url: required"));
        assertTrue(error("{\"url\": \"ftp://example.org/x.jar\", \"sha256\": \"" + sha + "\"}")
                .contains("url: expected an http or https URL"));
        assertTrue(error("{\"url\": \"http://127.0.0.1:9/x.jar\"}").contains("sha256: required"));
        assertTrue(error("{\"url\": \"http://127.0.0.1:9/x.jar\", \"sha256\": \"123\"}")
                .contains("sha256: expected 64 hex digits"));
        assertTrue(error("{\"url\": \"http://127.0.0.1:9/x.jar\", \"sha256\": \"" + sha + "\", \"x\": 1}")
                .contains("unknown field 'x'"));
    }
}
