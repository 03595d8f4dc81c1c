package org.surrogate.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.surrogate.framework.experiments.FakeRegistry;
import org.surrogate.framework.trials.TrialStatus;

/** The scheduler publishes experiment and trial state changes on its event bus. */
class SchedulerEventsTest {

    @TempDir
    Path data;

    private final FakeExecutor executor = new FakeExecutor();
    private Scheduler scheduler;

    @AfterEach
    void close() {
        if (scheduler != null) {
            scheduler.close();
        }
        executor.close();
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

    @Test
    void submissionTrialChangesPauseResumeAndTheEndArePublished() throws Exception {
        EngineEvents events = new EngineEvents();
        scheduler = new Scheduler(data, new EngineConfig(1, 64, 1 << 20), List.of(executor), FakeRegistry.standard(),
                (id, why) -> { }, Clock.systemUTC(), events);
        scheduler.start();
        List<EngineEvent> got = new CopyOnWriteArrayList<>();
        scheduler.events().subscribe(got::add);
        assertTrue(scheduler.events() == events);

        String id = scheduler.submit(SchedulerTest.spec("ev", 2, ""), "ev.yaml", "ada").info().id();
        await(() -> executor.launched.size() == 1, "the first launch");
        scheduler.pauseExperiment(id);
        scheduler.resumeExperiment(id);
        executor.finish(executor.launched.get(0), TrialStatus.SUCCEEDED);
        await(() -> executor.launched.size() == 2, "the second launch");
        executor.finish(executor.launched.get(1), TrialStatus.SUCCEEDED);
        await(() -> got.stream().anyMatch(e -> e instanceof EngineEvent.ExperimentChanged x
                && x.status().state() == ExperimentState.FINISHED), "the experiment's end");

        List<ExperimentState> experimentStates = got.stream().filter(e -> e instanceof EngineEvent.ExperimentChanged)
                .map(e -> ((EngineEvent.ExperimentChanged) e).status().state()).toList();
        assertEquals(List.of(ExperimentState.ACTIVE, ExperimentState.PAUSED, ExperimentState.ACTIVE,
                ExperimentState.FINISHED), experimentStates);
        EngineEvent.ExperimentChanged end = (EngineEvent.ExperimentChanged) got.get(got.size() - 1);
        assertEquals(2, end.status().counts().get(TrialState.SUCCEEDED));
        String first = executor.launched.get(0);
        List<TrialState> firstStates = got.stream()
                .filter(e -> e instanceof EngineEvent.TrialChanged && first.equals(e.runId()))
                .map(e -> ((EngineEvent.TrialChanged) e).trial().state()).toList();
        assertEquals(List.of(TrialState.RUNNING, TrialState.SUCCEEDED), firstStates);
        assertTrue(got.stream().allMatch(e -> id.equals(e.experimentId())), got.toString());
    }
}
