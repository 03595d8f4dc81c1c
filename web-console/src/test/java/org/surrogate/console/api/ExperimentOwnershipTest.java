package org.surrogate.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.surrogate.console.security.Role;
import org.surrogate.framework.engine.EngineConfig;
import org.surrogate.framework.engine.ExperimentStatus;
import org.surrogate.framework.engine.Scheduler;
import org.surrogate.framework.engine.TrialExecutor;
import org.surrogate.framework.trials.TrialRequest;
import org.surrogate.framework.trials.TrialResult;
import org.surrogate.framework.trials.TrialStatus;

/**
 * A researcher controls only their own experiments and trials; an admin controls anyone's. A real
 * scheduler in front of an executor whose trials run until cancelled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExperimentOwnershipTest {

    private TestServer server;
    private Scheduler scheduler;
    private String alice;
    private String bob;

    @BeforeAll
    void start() throws Exception {
        server = new TestServer();
        scheduler = new Scheduler(Files.createTempDirectory("ownership-engine"), new EngineConfig(4, 8, 8192),
                new UntilCancelled(), server.host.plugins(), (runId, message) -> { }, Clock.systemUTC());
        scheduler.start();
        server.host.scheduler = scheduler;
        alice = server.createUser("alice", "alice-password", Role.RESEARCHER);
        bob = server.createUser("bob", "bob-password", Role.RESEARCHER);
    }

    @AfterAll
    void stop() {
        server.close();
        scheduler.close();
    }

    private String submitAsAlice() {
        ExperimentStatus s = scheduler.submitTrials("alice's grid", "protocol: {plugin: holdout}",
                List.of(new TrialRequest("holdout", Map.of(), Map.of(), 1)), "alice", null);
        return s.info().id();
    }

    @Test
    void researcherCannotCancelAnotherResearchersExperiment() throws Exception {
        String id = submitAsAlice();
        HttpResponse<String> r = server.sendAs(bob, "POST", "/api/v1/experiments/" + id + "/cancel", null, null);
        assertEquals(403, r.statusCode());
        assertEquals("experiment " + id + " belongs to 'alice': user 'bob' (researcher) may not cancel it; only its"
                + " owner or an admin may", TestServer.json(r).get("error").asText());
        assertEquals(403, server.sendAs(bob, "POST", "/api/v1/experiments/" + id + "/pause", null, null).statusCode());
        String runId = id + "-00000";
        assertEquals(403, server.sendAs(bob, "POST", "/api/v1/queue/" + runId + "/cancel", null, null).statusCode());
        assertEquals("alice", scheduler.experiment(id).orElseThrow().info().user());

        HttpResponse<String> own = server.sendAs(alice, "POST", "/api/v1/experiments/" + id + "/cancel", null, null);
        assertEquals(200, own.statusCode(), own.body());
        assertEquals("CANCELLED", TestServer.json(own).path("experiment").path("state").asText(), own.body());
    }

    @Test
    void adminControlsAnyonesExperiment() throws Exception {
        String id = submitAsAlice();
        HttpResponse<String> r = server.send("POST", "/api/v1/experiments/" + id + "/pause", null, null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(200, server.send("POST", "/api/v1/experiments/" + id + "/cancel", null, null).statusCode());
    }

    @Test
    void viewerCannotControlExperiments() throws Exception {
        String viewer = server.createUser("val", "viewer-password", Role.VIEWER);
        String id = submitAsAlice();
        HttpResponse<String> r = server.sendAs(viewer, "POST", "/api/v1/experiments/" + id + "/cancel", null, null);
        assertEquals(403, r.statusCode());
        JsonNode listed = TestServer.json(server.sendAs(viewer, "GET", "/api/v1/experiments/" + id, null, null));
        assertEquals("alice", listed.path("experiment").path("info").path("user").asText(), listed.toString());
        server.send("POST", "/api/v1/experiments/" + id + "/cancel", null, null);
    }

    /** Runs every trial until it is cancelled or failed. */
    private static final class UntilCancelled implements TrialExecutor {
        @Override
        public String name() {
            return "threads";
        }

        @Override
        public Execution launch(TrialLaunch launch, Consumer<TrialResult> onEnd) {
            AtomicBoolean ended = new AtomicBoolean();
            Instant started = Instant.now();
            return new Execution() {
                @Override
                public double progress() {
                    return 0.5;
                }

                @Override
                public void cancel(String reason) {
                    end(TrialStatus.CANCELLED, reason);
                }

                @Override
                public void fail(String reason) {
                    end(TrialStatus.FAILED, reason);
                }

                private void end(TrialStatus status, String reason) {
                    if (ended.compareAndSet(false, true)) {
                        // Off the caller's thread, as a real executor ends a trial.
                        Thread t = new Thread(() -> onEnd.accept(new TrialResult(launch.trial().runId(), status,
                                reason, Map.of(), Map.of(), Map.of(), launch.trial().request(), started,
                                Instant.now())), "ownership-trial-end");
                        t.setDaemon(true);
                        t.start();
                    }
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
