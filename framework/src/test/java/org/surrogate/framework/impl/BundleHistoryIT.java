package org.surrogate.framework.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.surrogate.framework.HostConfig;
import org.surrogate.framework.bundles.BundleInfo;
import org.surrogate.framework.bundles.BundleVersion;
import org.surrogate.framework.engine.EngineEvent;
import org.surrogate.framework.testbundles.TestBundles;
import org.surrogate.framework.trials.SlotBinding;
import org.surrogate.framework.trials.TrialRequest;
import org.surrogate.framework.trials.TrialResult;
import org.surrogate.framework.trials.TrialStatus;

/** Bundle history and rollback from the bundle store, and the events of a trial, on a real container. */
class BundleHistoryIT {

    @TempDir
    Path data;
    private FelixHost host;

    @BeforeEach
    void start() throws Exception {
        host = FelixHost.start(config());
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    private HostConfig config() {
        return new HostConfig(data, Path.of(System.getProperty("surrogate.systemBundles", "target/system-bundles")),
                null, false);
    }

    private double score() throws Exception {
        TrialRequest r = new TrialRequest("test-score", Map.of(),
                Map.of("recommenders", List.of(new SlotBinding("test-constant", Map.of(), null))), 7);
        TrialResult result = host.trials().start(r).await(Duration.ofSeconds(30));
        assertEquals(TrialStatus.SUCCEEDED, result.status(), result.message());
        return result.results().get("test-constant/score0");
    }

    @Test
    void historyListsEveryInstalledVersionAndRollbackGoesBackAndForth() throws Exception {
        host.bundles().install("score.jar", TestBundles.scoreProtocol("t.score"), null, "upload");
        host.bundles().install("c1.jar", TestBundles.constant("t.constant", "1.0.0", 1f), null, "upload");
        assertThrows(IllegalStateException.class, () -> host.bundles().rollback("t.constant"),
                "nothing to roll back to yet");
        host.bundles().update("t.constant", "c2.jar", TestBundles.constant("t.constant", "2.0.0", 2f), null);
        assertEquals(2.0, score());

        List<BundleVersion> h = host.bundles().history("t.constant");
        assertEquals(List.of("2.0.0", "1.0.0"), h.stream().map(BundleVersion::version).toList());
        assertTrue(h.get(0).current() && !h.get(1).current());
        assertTrue(h.stream().allMatch(BundleVersion::available));
        assertTrue(Files.isRegularFile(data.resolve("bundle-store").resolve("t.constant-1.0.0.jar")));

        BundleInfo back = host.bundles().rollback("t.constant");
        assertEquals("1.0.0", back.version());
        assertEquals("1.0.0", host.plugins().find("test-constant").orElseThrow().version());
        assertEquals(1.0, score());
        assertEquals("rollback", back.source());
        List<BundleVersion> after = host.bundles().history("t.constant");
        assertEquals(List.of("1.0.0", "2.0.0"), after.stream().map(BundleVersion::version).toList());
        assertTrue(after.get(0).current());

        assertEquals("2.0.0", host.bundles().rollback("t.constant").version(), "a second rollback undoes the first");
        assertEquals(2.0, score());
        assertEquals(List.of("t.constant 2.0.0", "t.score 1.0.0"),
                host.bundles().list().stream().map(b -> b.symbolicName() + " " + b.version()).toList());
    }

    @Test
    void historySurvivesARestartAndUnknownBundlesAreNotFound() throws Exception {
        host.bundles().install("c1.jar", TestBundles.constant("t.constant", "1.0.0", 1f), null, "upload");
        host.bundles().update("t.constant", "c2.jar", TestBundles.constant("t.constant", "2.0.0", 2f), null);
        host.close();
        host = FelixHost.start(config());
        List<BundleVersion> h = host.bundles().history("t.constant");
        assertEquals(List.of("2.0.0", "1.0.0"), h.stream().map(BundleVersion::version).toList());
        assertEquals("upload", h.get(1).source());
        assertThrows(NoSuchElementException.class, () -> host.bundles().history("t.none"));
        assertThrows(NoSuchElementException.class, () -> host.bundles().rollback("t.none"));
    }

    @Test
    void aTrialPublishesItsMetricPointsOnTheHostsEvents() throws Exception {
        host.bundles().install("score.jar", TestBundles.scoreProtocol("t.score"), null, "upload");
        host.bundles().install("c1.jar", TestBundles.constant("t.constant", "1.0.0", 3f), null, "upload");
        List<EngineEvent> got = new CopyOnWriteArrayList<>();
        host.events().subscribe(got::add);
        assertEquals(3.0, score());
        long deadline = System.currentTimeMillis() + 5_000;
        while (got.stream().noneMatch(e -> e instanceof EngineEvent.MetricPoint)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        EngineEvent.MetricPoint m = (EngineEvent.MetricPoint) got.stream()
                .filter(e -> e instanceof EngineEvent.MetricPoint).findFirst().orElseThrow();
        assertEquals("test-constant/curve", m.name());
        assertEquals(3.0, m.value());
        assertFalse(m.runId().isEmpty());
    }
}
