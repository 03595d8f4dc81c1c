package org.surrogate.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrialsResourceTest {

    private static final String REQUEST = """
            {"protocol": "holdout", "params": {"testFraction": 0.3, "cutoffs": [5, 10]}, "seed": 42,
             "slots": {"data": [{"plugin": "demo-latent", "params": {}}],
                       "recommenders": [{"plugin": "popularity"}, {"plugin": "popularity", "label": "pop2",
                                         "params": {"minCount": 2}}]}}
            """;

    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = new TestServer();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String submit() throws Exception {
        HttpResponse<String> r = server.sendJson("POST", "/api/v1/trials", REQUEST);
        assertEquals(202, r.statusCode(), r.body());
        String id = TestServer.json(r).get("id").asText();
        assertEquals(server.server.url() + "/api/v1/trials/" + id, r.headers().firstValue("Location").orElseThrow());
        return id;
    }

    @Test
    void startsTrialWith202AndShowsItRunning() throws Exception {
        String id = submit();
        JsonNode t = TestServer.json(server.get("/api/v1/trials/" + id));
        assertEquals(id, t.get("id").asText());
        assertEquals("RUNNING", t.get("status").asText());
        assertEquals(0.5, t.get("progress").asDouble());
        assertEquals("2025-01-01T00:00:00Z", t.get("started").asText());
        assertTrue(t.get("ended").isNull());
        JsonNode request = t.get("request");
        assertEquals("holdout", request.get("protocol").asText());
        assertEquals(42, request.get("seed").asLong());
        assertEquals("[5,10]", request.get("params").get("cutoffs").toString());
        JsonNode second = request.get("slots").get("recommenders").get(1);
        assertEquals("{\"plugin\":\"popularity\",\"params\":{\"minCount\":2},\"label\":\"pop2\"}", second.toString());
    }

    @Test
    void waitsForTheEndWhenAsked() throws Exception {
        String id = submit();
        Thread finisher = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.host.finish(id);
        }, "test-finisher");
        long t0 = System.nanoTime();
        finisher.start();
        JsonNode t = TestServer.json(server.get("/api/v1/trials/" + id + "?wait=30"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        finisher.join();
        assertEquals("SUCCEEDED", t.get("status").asText());
        assertTrue(seconds < 20, "returned when the trial ended, not after the whole wait: " + seconds + " s");
        assertEquals(1.0, t.get("progress").asDouble());
        assertEquals(0.25, t.get("results").get("ndcg@10").asDouble());
        assertEquals("[[1.0,0.5]]", t.get("curves").get("loss").toString());
        assertEquals("0.1.0", t.get("pluginVersions").get("holdout").asText());
        assertEquals("2025-01-01T00:00:03Z", t.get("ended").asText());
    }

    @Test
    void returnsRunningTrialWhenTheWaitEnds() throws Exception {
        String id = submit();
        long t0 = System.nanoTime();
        JsonNode t = TestServer.json(server.get("/api/v1/trials/" + id + "?wait=1"));
        assertTrue(System.nanoTime() - t0 >= 900_000_000L, "waited about a second");
        assertEquals("RUNNING", t.get("status").asText());
    }

    @Test
    void listsTrials() throws Exception {
        String id = submit();
        JsonNode list = TestServer.json(server.get("/api/v1/trials"));
        boolean found = false;
        for (JsonNode t : list) {
            found |= t.get("id").asText().equals(id);
        }
        assertTrue(found, list.toString());
    }

    @Test
    void cancelsRunningTrialAndRefusesToCancelItAgain() throws Exception {
        String id = submit();
        HttpResponse<String> r = server.send("DELETE", "/api/v1/trials/" + id, null, null);
        assertEquals(202, r.statusCode(), r.body());
        JsonNode t = TestServer.json(server.get("/api/v1/trials/" + id));
        assertEquals("CANCELLED", t.get("status").asText());
        assertEquals("cancelled by DELETE /api/v1/trials/" + id, t.get("message").asText());
        HttpResponse<String> again = server.send("DELETE", "/api/v1/trials/" + id, null, null);
        assertEquals(409, again.statusCode());
        assertEquals("trial " + id + " has ended already (CANCELLED); only a running trial can be cancelled",
                TestServer.json(again).get("error").asText());
    }

    @Test
    void answersInvalidParametersWith400ListingEveryProblem() throws Exception {
        HttpResponse<String> r = server.sendJson("POST", "/api/v1/trials",
                "{\"protocol\": \"holdout\", \"seed\": 1, \"params\": {\"testFraction\": 2, \"folds\": 3}}");
        assertEquals(400, r.statusCode());
        JsonNode e = TestServer.json(r);
        assertEquals("[\"params.folds: unknown parameter; accepted: testFraction, split, cutoffs\","
                + "\"params.testFraction: expected a number in [0, 1], found 2\","
                + "\"params.cutoffs: required, expected a non-empty list of integers >= 1\"]", e.get("problems").toString());
        StringBuilder joined = new StringBuilder();
        e.get("problems").forEach(p -> joined.append(joined.length() == 0 ? "" : "; ").append(p.asText()));
        assertEquals(joined.toString(), e.get("error").asText());
    }

    @Test
    void answersMissingProtocolAndSeedWith400() throws Exception {
        HttpResponse<String> r = server.sendJson("POST", "/api/v1/trials",
                "{\"slots\": {\"data\": [{\"params\": {}}]}}");
        assertEquals(400, r.statusCode());
        assertEquals("[\"protocol: required, the id of a protocol plugin such as \\\"holdout\\\"\","
                + "\"seed: required, a whole number such as 42 (a trial is reproduced from its seed)\","
                + "\"slots.data[0].plugin: required, a plugin id\"]",
                TestServer.json(r).get("problems").toString());
    }

    @Test
    void answersUnknownFieldWith400NamingIt() throws Exception {
        HttpResponse<String> r = server.sendJson("POST", "/api/v1/trials", "{\"protcol\": \"holdout\", \"seed\": 1}");
        assertEquals(400, r.statusCode());
        assertEquals("request body: unknown field 'protcol'; accepted: params, protocol, seed, slots",
                TestServer.json(r).get("error").asText());
    }

    @Test
    void answersWrongTypeWith400NamingTheField() throws Exception {
        HttpResponse<String> r = server.sendJson("POST", "/api/v1/trials",
                "{\"protocol\": \"holdout\", \"seed\": 1.5}");
        assertEquals(400, r.statusCode());
        String error = TestServer.json(r).get("error").asText();
        assertTrue(error.startsWith("request body, field seed: "), error);
    }

    @Test
    void answersMalformedJsonWith400() throws Exception {
        HttpResponse<String> r = server.sendJson("POST", "/api/v1/trials", "{\"protocol\": ");
        assertEquals(400, r.statusCode());
        String error = TestServer.json(r).get("error").asText();
        assertTrue(error.startsWith("request body is not valid JSON: "), error);
    }

    @Test
    void rejectsBadWait() throws Exception {
        String id = submit();
        HttpResponse<String> r = server.get("/api/v1/trials/" + id + "?wait=soon");
        assertEquals(400, r.statusCode());
        assertEquals("query parameter wait: expected whole seconds in [0, 600], found 'soon'",
                TestServer.json(r).get("error").asText());
    }

    @Test
    void answersUnknownTrialWith404() throws Exception {
        HttpResponse<String> r = server.get("/api/v1/trials/t999?wait=5");
        assertEquals(404, r.statusCode());
        assertEquals("no trial 't999' was started since the server started; GET /api/v1/trials lists them",
                TestServer.json(r).get("error").asText());
    }
}
