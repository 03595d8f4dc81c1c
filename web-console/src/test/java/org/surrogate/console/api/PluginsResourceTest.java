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
class PluginsResourceTest {

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
    void listsPluginsWithKindLabelsAndOrigin() throws Exception {
        HttpResponse<String> r = server.get("/api/v1/plugins");
        assertEquals(200, r.statusCode());
        JsonNode list = TestServer.json(r);
        assertEquals(2, list.size());
        JsonNode holdout = list.get(0);
        assertEquals("holdout", holdout.get("id").asText());
        assertEquals("protocol", holdout.get("kind").asText());
        assertEquals("0.1.0", holdout.get("version").asText());
        assertEquals(FakeHost.BUILTIN_BSN, holdout.get("bundle").asText());
        assertEquals(7, holdout.get("bundleId").asLong());
        assertEquals("Hold-out evaluation", holdout.get("title").asText());
        assertTrue(holdout.get("description").asText().startsWith("Splits"));
        assertTrue(holdout.get("paper").get("citation").asText().startsWith("Cremonesi"));
        assertEquals("https://doi.org/10.1145/1864708.1864721", holdout.get("paper").get("url").asText());
        JsonNode popularity = list.get(1);
        assertEquals("recommender", popularity.get("kind").asText());
        assertTrue(popularity.get("paper").isNull());
        assertEquals(0, popularity.get("slots").size());
    }

    @Test
    void showsEveryFieldOfTheParameterSchema() throws Exception {
        JsonNode params = TestServer.json(server.get("/api/v1/plugins/holdout")).get("params");
        assertEquals(3, params.size());

        JsonNode fraction = params.get(0);
        assertEquals("testFraction", fraction.get("name").asText());
        assertEquals("double", fraction.get("type").asText());
        assertEquals(0.2, fraction.get("default").asDouble());
        assertEquals(false, fraction.get("required").asBoolean());
        assertEquals(0.0, fraction.get("min").asDouble());
        assertEquals(1.0, fraction.get("max").asDouble());
        assertEquals(0, fraction.get("choices").size());
        assertEquals("Share of each user's interactions held out.", fraction.get("help").asText());

        JsonNode split = params.get(1);
        assertEquals("choice", split.get("type").asText());
        assertEquals("random", split.get("default").asText());
        assertEquals("[\"random\",\"temporal\"]", split.get("choices").toString());
        assertTrue(split.get("min").isNull());
        assertTrue(split.get("max").isNull());

        JsonNode cutoffs = params.get(2);
        assertEquals("int_list", cutoffs.get("type").asText());
        assertTrue(cutoffs.get("default").isNull());
        assertEquals(true, cutoffs.get("required").asBoolean());
        assertEquals(1.0, cutoffs.get("min").asDouble());
    }

    @Test
    void showsProtocolSlotsWithUnboundedMaxAsNull() throws Exception {
        JsonNode slots = TestServer.json(server.get("/api/v1/plugins/holdout")).get("slots");
        assertEquals("{\"name\":\"data\",\"kind\":\"generator\",\"min\":1,\"max\":1,\"help\":\"The dataset.\"}",
                slots.get(0).toString());
        assertEquals("{\"name\":\"recommenders\",\"kind\":\"recommender\",\"min\":1,\"max\":null,"
                + "\"help\":\"The recommenders compared.\"}", slots.get(1).toString());
    }

    @Test
    void filtersByKind() throws Exception {
        JsonNode list = TestServer.json(server.get("/api/v1/plugins?kind=recommender"));
        assertEquals(1, list.size());
        assertEquals("popularity", list.get(0).get("id").asText());
    }

    @Test
    void rejectsUnknownKind() throws Exception {
        HttpResponse<String> r = server.get("/api/v1/plugins?kind=gizmo");
        assertEquals(400, r.statusCode());
        assertEquals("unknown plugin kind 'gizmo'; accepted: dataset-source, generator, splitter, privacy-mechanism, simulator,"
                + " recommender, evaluator, protocol", TestServer.json(r).get("error").asText());
    }

    @Test
    void answersUnknownPluginWith404() throws Exception {
        HttpResponse<String> r = server.get("/api/v1/plugins/als");
        assertEquals(404, r.statusCode());
        assertEquals("no plugin 'als' is registered; GET /api/v1/plugins lists the registered ones",
                TestServer.json(r).get("error").asText());
    }
}
