package org.surrogate.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.framework.experiments.FakeRegistry;
import org.surrogate.framework.trials.TrialStatus;

class SchedulerTest {

    @TempDir
    Path data;

    private final FakeExecutor executor = new FakeExecutor();
    private final List<String> interrupted = new CopyOnWriteArrayList<>();
    private final List<Scheduler> open = new ArrayList<>();

    @AfterEach
    void close() {
        open.forEach(Scheduler::close);
        executor.close();
    }

    private Scheduler scheduler(int maxConcurrent) throws IOException {
        return scheduler(maxConcurrent, executor);
    }

    private Scheduler scheduler(int maxConcurrent, TrialExecutor ex) throws IOException {
        Scheduler s = new Scheduler(data, new EngineConfig(maxConcurrent, 64, 1 << 20), ex, FakeRegistry.standard(),
                (id, why) -> interrupted.add(id), Clock.systemUTC());
        open.add(s);
        s.start();
        return s;
    }

    static String spec(String name, int seeds, String extra) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < seeds; i++) {
            sb.append(i == 0 ? "" : ", ").append(i + 1);
        }
        return """
                name: %s
                protocol: {plugin: holdout}
                slots:
                  dataset: [{plugin: movielens-100k, params: {path: u.data}}]
                  split: [{plugin: random-holdout}]
                  recommenders: [{plugin: popularity}]
                  evaluators: [{plugin: ranking-metrics}]
                seeds: [%s]
                %s
                """.formatted(name, sb, extra);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }

    private void awaitLaunched(int n) throws InterruptedException {
        await(() -> executor.launched.size() >= n, n + " launches, have " + executor.launched);
    }

    @Test
    void aSingleRunIsNotStarvedByAnotherUsersLargeGrid() throws Exception {
        Scheduler s = scheduler(1);
        String big = s.submit(spec("grid", 50, ""), "grid.yaml", "alice").info().id();
        awaitLaunched(1);
        String small = s.submit(spec("one", 1, ""), "one.yaml", "bob").info().id();
        executor.finish(executor.launched.get(0), TrialStatus.SUCCEEDED);
        awaitLaunched(2);
        assertTrue(executor.launched.get(1).startsWith(small), "bob's trial runs second: " + executor.launched);
        executor.finish(executor.launched.get(1), TrialStatus.SUCCEEDED);
        awaitLaunched(3);
        assertTrue(executor.launched.get(2).startsWith(big));
        assertEquals(ExperimentState.FINISHED, s.experiment(small).orElseThrow().state());
    }

    @Test
    void usersAlternateWhenBothHaveQueues() throws Exception {
        Scheduler s = scheduler(1);
        String a = s.submit(spec("a", 4, ""), "a.yaml", "alice").info().id();
        s.submit(spec("b", 4, ""), "b.yaml", "bob");
        for (int i = 1; i <= 8; i++) {
            awaitLaunched(i);
            executor.finish(executor.launched.get(i - 1), TrialStatus.SUCCEEDED);
        }
        assertTrue(s.awaitIdle(10_000));
        List<String> owners = executor.launched.stream().map(id -> id.startsWith(a) ? "a" : "b").toList();
        assertEquals(List.of("a", "b", "a", "b", "a", "b", "a", "b"), owners);
    }

    @Test
    void aUsersOwnTrialsGoByPriorityThenSubmissionOrder() throws Exception {
        Scheduler s = scheduler(1);
        s.submit(spec("low", 3, "priority: 0"), "low.yaml", "alice");
        awaitLaunched(1);
        String high = s.submit(spec("high", 1, "priority: 5"), "high.yaml", "alice").info().id();
        executor.finish(executor.launched.get(0), TrialStatus.SUCCEEDED);
        awaitLaunched(2);
        assertTrue(executor.launched.get(1).startsWith(high), executor.launched.toString());
    }

    @Test
    void concurrencyAndMemoryLimitsHold() throws Exception {
        Scheduler s = new Scheduler(data, new EngineConfig(3, 64, 1000), executor, FakeRegistry.standard(),
                (id, why) -> { }, Clock.systemUTC());
        open.add(s);
        s.start();
        s.submit(spec("mem", 4, "memoryMb: 400"), "m.yaml", "alice");
        awaitLaunched(2);
        Thread.sleep(50);
        assertEquals(2, executor.launched.size(), "400 + 400 fits in 1000 MiB, a third does not");
        executor.finish(executor.launched.get(0), TrialStatus.SUCCEEDED);
        awaitLaunched(3);
        // a trial larger than the machine still runs, alone
        s.submit(spec("huge", 1, "memoryMb: 5000"), "h.yaml", "bob");
        Thread.sleep(50);
        assertEquals(3, executor.launched.size());
    }

    @Test
    void failedTrialsAreRetriedThenFail() throws Exception {
        Scheduler s = scheduler(1);
        String id = s.submit(spec("r", 1, "retries: 1"), "r.yaml", "alice").info().id();
        awaitLaunched(1);
        String run = executor.launched.get(0);
        executor.finish(run, TrialStatus.FAILED);
        awaitLaunched(2);
        assertEquals(run, executor.launched.get(1));
        assertEquals(2, executor.runs.get(run).launch.attempt());
        executor.finish(run, TrialStatus.FAILED);
        await(() -> s.experiment(id).orElseThrow().state() == ExperimentState.FINISHED, "finish");
        assertEquals(Map.of(TrialState.FAILED, 1), s.experiment(id).orElseThrow().counts());
    }

    @Test
    void aTrialThatOverrunsItsTimeoutFails() throws Exception {
        Scheduler s = scheduler(1);
        s.timeoutUnitForTests(TimeUnit.MILLISECONDS);
        String id = s.submit(spec("t", 1, "timeoutMinutes: 50"), "t.yaml", "alice").info().id();
        await(() -> s.experiment(id).orElseThrow().state() == ExperimentState.FINISHED, "timeout");
        TrialInfo t = s.trialsOf(id).get(0);
        assertEquals(TrialState.FAILED, t.state());
        assertTrue(t.message().contains("timed out after 50 min"), t.message());
    }

    @Test
    void pauseAndResumeATrialAndCancelAnExperiment() throws Exception {
        Scheduler s = scheduler(1);
        String id = s.submit(spec("p", 3, ""), "p.yaml", "alice").info().id();
        awaitLaunched(1);
        String first = executor.launched.get(0);
        s.pauseTrial(first);
        awaitLaunched(2);
        assertEquals(TrialState.PAUSED, s.trial(first).orElseThrow().state());
        String second = executor.launched.get(1);
        s.resumeTrial(first);
        executor.finish(second, TrialStatus.SUCCEEDED);
        awaitLaunched(3);
        assertEquals(first, executor.launched.get(2), "the resumed trial keeps its place (submission order)");
        s.cancelExperiment(id, "enough");
        await(() -> s.experiment(id).orElseThrow().state() == ExperimentState.CANCELLED
                && s.queue().isEmpty(), "cancel");
        Map<TrialState, Integer> counts = s.experiment(id).orElseThrow().counts();
        assertEquals(1, counts.get(TrialState.SUCCEEDED));
        assertEquals(2, counts.get(TrialState.CANCELLED));
        assertEquals(3, executor.launched.size());
    }

    @Test
    void anInvalidSpecQueuesNothing() throws Exception {
        Scheduler s = scheduler(1);
        InvalidParamsException e = assertThrows(InvalidParamsException.class, () -> s.submit(
                spec("bad", 1, "").replace("popularity", "no-such-plugin"), "bad.yaml", "alice"));
        assertTrue(e.getMessage().contains("slots.recommenders[0]"), e.getMessage());
        assertTrue(s.experiments().isEmpty());
        assertEquals(0, Files.size(data.resolve("queue/journal.jsonl")));
    }

    @Test
    void theQueueSurvivesARestartAndRunningTrialsAreInterrupted() throws Exception {
        Scheduler s = scheduler(2);
        String requeued = s.submit(spec("q", 5, ""), "q.yaml", "alice").info().id();
        awaitLaunched(2);
        executor.finish(executor.launched.get(0), TrialStatus.SUCCEEDED);
        awaitLaunched(3);
        List<String> runningBefore = List.of(executor.launched.get(1), executor.launched.get(2));
        String failing = s.submit(spec("f", 2, "onInterrupt: fail"), "f.yaml", "bob").info().id();
        s.pauseExperiment(failing);
        s.close(); // the state on disk is now what a SIGKILL would leave
        executor.launched.clear();

        // a torn last line, as a crash mid-write leaves it
        Files.writeString(data.resolve("queue/journal.jsonl"), "{\"type\":\"trial\",\"runId\":\"x",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        FakeExecutor second = new FakeExecutor();
        try {
            Scheduler again = scheduler(8, second);
            assertEquals(1, again.recoveryProblems().size(), again.recoveryProblems().toString());
            assertEquals(runningBefore, interrupted);
            await(() -> second.launched.size() == 4, "re-queued and queued trials launch");
            assertTrue(second.launched.containsAll(runningBefore));
            for (String run : runningBefore) {
                assertEquals(2, second.runs.get(run).launch.attempt());
            }
            Map<TrialState, Integer> counts = again.experiment(requeued).orElseThrow().counts();
            assertEquals(1, counts.get(TrialState.SUCCEEDED));
            assertEquals(4, counts.get(TrialState.RUNNING));
            assertEquals(ExperimentState.PAUSED, again.experiment(failing).orElseThrow().state());
            assertFalse(second.launched.stream().anyMatch(id -> id.startsWith(failing)));
        } finally {
            second.close();
        }
    }

    @Test
    void aTrialWhoseRunDirectorySaysItSucceededIsNotRunAgain() throws Exception {
        Scheduler s = scheduler(2);
        String id = s.submit(spec("done", 2, ""), "d.yaml", "alice").info().id();
        awaitLaunched(2);
        String finished = executor.launched.get(0);
        String running = executor.launched.get(1);
        s.close(); // as if the run directory of `finished` was written and the journal line lost in a crash
        executor.launched.clear();
        List<String> asked = new CopyOnWriteArrayList<>();
        FakeExecutor second = new FakeExecutor();
        Scheduler again = new Scheduler(data, new EngineConfig(8, 64, 1 << 20), second, FakeRegistry.standard(),
                new Scheduler.InterruptionRecorder() {
                    @Override
                    public void interrupted(String runId, String message) {
                        interrupted.add(runId);
                    }

                    @Override
                    public boolean succeeded(String runId, int attempt) {
                        asked.add(runId + "#" + attempt);
                        return runId.equals(finished) && attempt == 1;
                    }
                }, Clock.systemUTC());
        open.add(again);
        try {
            again.start();
            assertEquals(java.util.Set.of(finished + "#1", running + "#1"), java.util.Set.copyOf(asked),
                    "recovery asks the run directory of every trial the journal says was running");
            assertEquals(List.of(running), interrupted, "only the trial without results is interrupted");
            await(() -> second.launched.size() == 1, "the interrupted trial runs again");
            assertEquals(List.of(running), second.launched, "the succeeded one does not");
            assertEquals(1, again.experiment(id).orElseThrow().counts().get(TrialState.SUCCEEDED));
        } finally {
            second.close();
        }
    }

    @Test
    void finishedExperimentsAreArchivedAndListedAfterRestart() throws Exception {
        Scheduler s = scheduler(2);
        executor.autoEnd = l -> TrialStatus.SUCCEEDED;
        String id = s.submit(spec("done", 3, "tags: [x]"), "d.yaml", "alice").info().id();
        assertTrue(s.awaitIdle(10_000));
        s.close();
        Scheduler again = scheduler(2);
        ExperimentStatus st = again.experiment(id).orElseThrow();
        assertEquals(ExperimentState.FINISHED, st.state());
        assertEquals(Map.of(TrialState.SUCCEEDED, 3), st.counts());
        assertEquals(List.of("x"), st.info().tags());
        assertTrue(again.queue().isEmpty());
    }

    @Test
    void aScheduledExperimentIsSubmittedAgainWhenItsCronFires() throws Exception {
        // a clock half a second before the next minute, so that '* * * * *' fires at once
        long now = System.currentTimeMillis();
        long toNextMinute = 60_000 - now % 60_000;
        Clock clock = Clock.offset(Clock.systemUTC(), java.time.Duration.ofMillis(toNextMinute - 500));
        Scheduler s = new Scheduler(data, new EngineConfig(2, 64, 1 << 20), executor, FakeRegistry.standard(),
                (id, why) -> { }, clock);
        open.add(s);
        s.start();
        executor.autoEnd = l -> TrialStatus.SUCCEEDED;
        String id = s.submit(spec("nightly", 1, "schedule: '* * * * *'"), "n.yaml", "alice").info().id();
        await(() -> s.experiments().size() == 2, "the cron firing");
        ExperimentStatus child = s.experiments().stream().filter(e -> !e.info().id().equals(id)).findFirst()
                .orElseThrow();
        assertEquals(id, child.info().parent());
        assertEquals(null, child.info().schedule(), "the child does not schedule itself again");
        assertEquals("alice", child.info().user());
        assertTrue(s.awaitIdle(10_000));
        s.cancelExperiment(id, "enough");
    }
}
