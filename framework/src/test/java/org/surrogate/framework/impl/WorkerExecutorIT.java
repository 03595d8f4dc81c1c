package org.surrogate.framework.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.surrogate.framework.HostConfig;
import org.surrogate.framework.engine.ExperimentState;
import org.surrogate.framework.engine.ExperimentStatus;
import org.surrogate.framework.testbundles.TestBundles;
import org.surrogate.repository.RunRecord;
import org.surrogate.repository.RunStatus;
import org.surrogate.repository.SearchRequest;

/**
 * Trials in forked worker JVMs: the same results as in the server's threads; a trial that halts
 * its JVM or hangs is contained and recorded while the server goes on. Prints the worker's start-up
 * cost (a figure for docs/benchmarks.md, not an assertion).
 */
class WorkerExecutorIT {

    @TempDir
    Path data;
    private FelixHost host;

    @BeforeEach
    void start() throws Exception {
        System.setProperty("surrogate.worker.graceMillis", "1000");
        host = FelixHost.start(new HostConfig(data,
                Path.of(System.getProperty("surrogate.systemBundles", "target/system-bundles")), null, false));
        host.bundles().install("score.jar", TestBundles.scoreProtocol("t.score"), null, "upload");
        host.bundles().install("constant.jar", TestBundles.constant("t.constant", "1.0.0", 3f), null, "upload");
        host.bundles().install("bad.jar", TestBundles.misbehaving("t.misbehaving"), null, "upload");
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    private static String spec(String executor, String recommender, int seeds) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= seeds; i++) {
            s.append(i == 1 ? "" : ", ").append(i);
        }
        return """
                name: worker-test
                protocol: {plugin: test-score}
                slots:
                  recommenders: [%s]
                seeds: [%s]
                executor: %s
                """.formatted(recommender, s, executor);
    }

    private ExperimentStatus runToEnd(String spec) throws Exception {
        String id = host.scheduler().submit(spec, "w.yaml", "tester").info().id();
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            ExperimentStatus s = host.scheduler().experiment(id).orElseThrow();
            if (s.state() == ExperimentState.FINISHED || s.state() == ExperimentState.CANCELLED) {
                return s;
            }
            assertTrue(System.currentTimeMillis() < deadline, "experiment did not end: " + s);
            Thread.sleep(50);
        }
    }

    private RunRecord run(ExperimentStatus s, int index) {
        return host.runs().get(s.info().id() + "-" + String.format("%05d", index)).orElseThrow();
    }

    @Test
    void aWorkerGivesTheSameResultsAsTheServerThreads() throws Exception {
        ExperimentStatus inServer = runToEnd(spec("threads", "{plugin: test-constant}", 1));
        long t0 = System.nanoTime();
        ExperimentStatus inWorker = runToEnd(spec("worker", "{plugin: test-constant}", 1));
        long wall = (System.nanoTime() - t0) / 1_000_000;
        RunRecord a = run(inServer, 0);
        RunRecord b = run(inWorker, 0);
        assertEquals(RunStatus.SUCCEEDED, b.status(), b.message());
        assertEquals(a.metrics(), b.metrics());
        assertEquals(3.0, b.metrics().get("test-constant/score0"));
        assertEquals("worker", b.environment().get("executor"));
        assertEquals(a.plugins(), b.plugins(), "same bundles, same sha256");
        assertEquals(1, host.runs().search(SearchRequest.of("experiment:\"" + inWorker.info().id()
                + "\" AND status:succeeded", 10)).total(), "the server indexed the worker's run");
        assertTrue(Files.exists(host.runs().store().dir(b.id()).resolve("metrics.json")));
        System.out.printf(Locale.ROOT, "worker start-up: %s ms to ready (Felix, ND4J, bundles); %d ms for the "
                + "whole one-trial experiment%n", b.environment().get("workerStartupMs"), wall);
    }

    @Test
    void aHaltingTrialIsContainedAndTheServerGoesOn() throws Exception {
        ExperimentStatus s = runToEnd(spec("worker", "{plugin: test-misbehaving, params: {mode: halt}}", 1));
        RunRecord r = run(s, 0);
        assertEquals(RunStatus.FAILED, r.status());
        assertTrue(r.message().contains("exited with code 42"), r.message());
        // the server still runs trials, in threads and in workers
        assertEquals(RunStatus.SUCCEEDED, run(runToEnd(spec("threads", "{plugin: test-constant}", 1)), 0).status());
        assertEquals(RunStatus.SUCCEEDED, run(runToEnd(spec("worker", "{plugin: test-constant}", 1)), 0).status());
    }

    @Test
    void aHangingTrialIsKilledOnCancel() throws Exception {
        String id = host.scheduler().submit(spec("worker", "{plugin: test-misbehaving, params: {mode: hang}}", 1),
                "h.yaml", "tester").info().id();
        String runId = id + "-00000";
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(host.runs().store().dir(runId).resolve("run.json"))) {
            assertTrue(System.currentTimeMillis() < deadline, "the worker never started the trial");
            Thread.sleep(50);
        }
        host.scheduler().cancelExperiment(id, "stop it");
        deadline = System.currentTimeMillis() + 60_000;
        while (host.runs().get(runId).orElseThrow().status() == RunStatus.RUNNING) {
            assertTrue(System.currentTimeMillis() < deadline, "the hanging worker was not killed");
            Thread.sleep(50);
        }
        RunRecord r = host.runs().get(runId).orElseThrow();
        assertEquals(RunStatus.CANCELLED, r.status(), r.message());
        assertTrue(r.message().contains("stop it") && r.message().contains("worker killed"), r.message());
        List<String> left = new ArrayList<>();
        if (Files.isDirectory(data.resolve("workers"))) {
            try (var s = Files.list(data.resolve("workers"))) {
                s.forEach(p -> left.add(p.toString()));
            }
        }
        assertEquals(List.of(), left, "the worker's folder is removed");
    }
}
