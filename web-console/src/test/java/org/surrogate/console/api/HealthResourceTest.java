package org.surrogate.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.surrogate.console.SurrogateVersion;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthResourceTest {

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
    void reportsStatusCountsAndVersion() throws Exception {
        HttpResponse<String> r = server.get("/api/v1/health");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode h = TestServer.json(r);
        assertEquals("ok", h.get("status").asText());
        assertEquals(2, h.get("plugins").asInt());
        assertEquals(1, h.get("bundles").asInt());
        assertEquals(SurrogateVersion.current(), h.get("version").asText());
        assertTrue(h.get("version").asText().matches("\\d+\\.\\d+\\.\\d+.*"), h.get("version").asText());
    }

    @Test
    void answersUnknownApiPathWithJson404() throws Exception {
        HttpResponse<String> r = server.get("/api/v1/nothing-here");
        assertEquals(404, r.statusCode());
        assertEquals("HTTP 404 Not Found: GET /api/v1/nothing-here", TestServer.json(r).get("error").asText());
    }

    @Test
    void answersPathOutsideApiWithJson404PointingToApi() throws Exception {
        HttpResponse<String> r = server.get("/index.html");
        assertEquals(404, r.statusCode());
        assertEquals("Not Found: GET /index.html; the REST API is under /api/v1 (GET /api/v1/health,"
                + " /api/v1/plugins, /api/v1/bundles, /api/v1/trials)", TestServer.json(r).get("error").asText());
    }

    @Test
    void answersWrongMethodWithJson405() throws Exception {
        HttpResponse<String> r = server.send("DELETE", "/api/v1/health", null, null);
        assertEquals(405, r.statusCode());
        assertEquals("HTTP 405 Method Not Allowed: DELETE /api/v1/health", TestServer.json(r).get("error").asText());
    }
}
