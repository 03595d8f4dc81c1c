package org.surrogate.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.surrogate.framework.engine.EngineEvent;
import org.surrogate.framework.engine.EngineEvents;
import org.surrogate.framework.engine.ExperimentInfo;
import org.surrogate.framework.engine.ExperimentState;
import org.surrogate.framework.engine.ExperimentStatus;
import org.surrogate.framework.engine.TrialInfo;
import org.surrogate.framework.engine.TrialState;

/** GET /api/v1/events on a real Jetty, read by a plain HTTP client as a browser's EventSource would. */
class EventsResourceTest {

    private TestServer server;
    private final EngineEvents bus = new EngineEvents();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
        server.host.events = bus;
    }

    @AfterEach
    void stop() {
        server.close();
        bus.close();
    }

    /** Opens a stream and reads its lines on a thread of its own. */
    private BlockingQueue<String> open(String query, List<InputStream> streams) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(server.server.url() + "/api/v1/events" + query))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + server.adminToken).build();
        HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"),
                r.headers().map().toString());
        streams.add(r.body());
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // closed by the test
            }
        }, "sse-test-reader");
        t.setDaemon(true);
        t.start();
        return lines;
    }

    /** Reads events until every name has arrived; returns the first data line of each. */
    private static Map<String, String> awaitEvents(BlockingQueue<String> lines, String... names)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        Map<String, String> got = new java.util.HashMap<>();
        String current = null;
        while (System.currentTimeMillis() < deadline && !got.keySet().containsAll(List.of(names))) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith("event:")) {
                current = line.substring(6).strip();
            } else if (line.startsWith("data:") && current != null) {
                got.putIfAbsent(current, line.substring(5).strip());
            }
        }
        assertTrue(got.keySet().containsAll(List.of(names)), "within 10 s only " + got.keySet());
        return got;
    }

    private static ExperimentStatus experiment(String id, ExperimentState state) {
        ExperimentInfo info = new ExperimentInfo(id, "grid", "ada", null, List.of(), 0, null, null, 0, true, 1, 512,
                null, Instant.now(), "spec", 2, null);
        return new ExperimentStatus(info, state, Map.of(TrialState.QUEUED, 2));
    }

    @Test
    void eventsOfTheChosenExperimentArriveAsServerSentEvents() throws Exception {
        List<InputStream> streams = new ArrayList<>();
        BlockingQueue<String> mine = open("?experiment=e1", streams);
        BlockingQueue<String> all = open("", streams);
        long deadline = System.currentTimeMillis() + 10_000;
        while (!bus.hasListeners() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        bus.publish(new EngineEvent.ExperimentChanged(Instant.now(), experiment("e2", ExperimentState.ACTIVE)));
        bus.publish(new EngineEvent.ExperimentChanged(Instant.now(), experiment("e1", ExperimentState.ACTIVE)));
        bus.publish(new EngineEvent.TrialChanged(Instant.now(),
                new TrialInfo("e1-00000", "e1", "ada", 0, TrialState.RUNNING, 1, 0, "", null)));
        bus.publish(new EngineEvent.Progress(Instant.now(), "e1", "e1-00000", 0.5, "epoch 3"));
        bus.publish(new EngineEvent.MetricPoint(Instant.now(), "e1", "e1-00000", "loss", 3, 0.125));

        Map<String, String> got = awaitEvents(mine, "experiment", "trial", "progress", "metric");
        String exp = got.get("experiment");
        assertTrue(exp.contains("\"experimentId\":\"e1\"") && exp.contains("\"state\":\"ACTIVE\""), exp);
        assertTrue(got.get("trial").contains("\"state\":\"RUNNING\""));
        assertTrue(got.get("progress").contains("\"fraction\":0.5"));
        String metric = got.get("metric");
        assertTrue(metric.contains("\"name\":\"loss\"") && metric.contains("\"step\":3")
                && metric.contains("\"value\":0.125"), metric);
        assertTrue(awaitEvents(all, "experiment").get("experiment").contains("\"experimentId\":\"e2\""),
                "the unfiltered stream has e2 first");
        for (InputStream s : streams) {
            s.close();
        }
    }

    @Test
    void theStreamNeedsCredentials() throws Exception {
        HttpResponse<String> r = server.sendAs(null, "GET", "/api/v1/events", null, null);
        assertEquals(401, r.statusCode(), r.body());
    }
}
