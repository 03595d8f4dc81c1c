package org.surrogate.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineEventsTest {

    private EngineEvents bus;

    @AfterEach
    void close() {
        if (bus != null) {
            bus.close();
        }
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

    private static TrialInfo trial(String runId, TrialState state) {
        return new TrialInfo(runId, "e1", "ada", 0, state, 1, 0, "", null);
    }

    private static EngineEvent.Progress progress(String runId, double f) {
        return new EngineEvent.Progress(Instant.now(), "e1", runId, f, "step");
    }

    private static EngineEvent.MetricPoint metric(long step) {
        return new EngineEvent.MetricPoint(Instant.now(), "e1", "r1", "loss", step, 1.0 / (step + 1));
    }

    @Test
    void eventsArriveInOrderOnTheDeliveryThread() throws Exception {
        bus = new EngineEvents();
        List<EngineEvent> got = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        bus.subscribe(e -> {
            got.add(e);
            threads.add(Thread.currentThread().getName());
        });
        for (int i = 0; i < 100; i++) {
            bus.publish(metric(i));
        }
        await(() -> got.size() == 100, "100 events");
        for (int i = 0; i < 100; i++) {
            assertEquals(i, ((EngineEvent.MetricPoint) got.get(i)).step());
        }
        assertTrue(threads.stream().allMatch("surrogate-events"::equals), threads.toString());
    }

    @Test
    void aSlowListenerNeverBlocksThePublisherAndMetricPointsAreDroppedBeforeStateChanges() throws Exception {
        bus = new EngineEvents(100, Duration.ofMillis(250));
        CountDownLatch release = new CountDownLatch(1);
        List<EngineEvent> got = new CopyOnWriteArrayList<>();
        bus.subscribe(e -> {
            try {
                release.await(); // a listener stuck on a slow client
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            got.add(e);
        });
        bus.publish(metric(-1)); // taken by the delivery thread, which then blocks
        Thread.sleep(50);
        long t0 = System.nanoTime();
        bus.publish(new EngineEvent.TrialChanged(Instant.now(), trial("r1", TrialState.RUNNING)));
        for (int i = 0; i < 100_000; i++) {
            bus.publish(metric(i));
        }
        bus.publish(new EngineEvent.TrialChanged(Instant.now(), trial("r1", TrialState.SUCCEEDED)));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(millis < 5_000, "publishing 100,000 events took " + millis + " ms");
        assertTrue(bus.dropped() >= 100_000 - 100, "dropped " + bus.dropped());
        release.countDown();
        await(() -> got.stream().anyMatch(e -> e instanceof EngineEvent.TrialChanged t
                && t.trial().state() == TrialState.SUCCEEDED), "the final state change");
        List<TrialState> states = got.stream().filter(e -> e instanceof EngineEvent.TrialChanged)
                .map(e -> ((EngineEvent.TrialChanged) e).trial().state()).toList();
        assertEquals(List.of(TrialState.RUNNING, TrialState.SUCCEEDED), states, "state changes are kept");
        // The newest metric points survive, the oldest were dropped.
        EngineEvent.MetricPoint last = (EngineEvent.MetricPoint) got.stream()
                .filter(e -> e instanceof EngineEvent.MetricPoint).reduce((a, b) -> b).orElseThrow();
        assertEquals(99_999, last.step());
    }

    @Test
    void progressIsCoalescedToAtMostFourASecondPerTrialAndTheLatestArrives() throws Exception {
        bus = new EngineEvents();
        List<EngineEvent.Progress> got = new CopyOnWriteArrayList<>();
        bus.subscribe(e -> {
            if (e instanceof EngineEvent.Progress p) {
                got.add(p);
            }
        });
        long t0 = System.nanoTime();
        for (int i = 1; i <= 1000; i++) {
            bus.publish(progress("a", i / 1000.0));
            bus.publish(progress("b", i / 2000.0));
            Thread.sleep(1);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        await(() -> got.stream().anyMatch(p -> p.runId().equals("a") && p.fraction() == 1.0), "the last progress");
        long a = got.stream().filter(p -> p.runId().equals("a")).count();
        long b = got.stream().filter(p -> p.runId().equals("b")).count();
        long allowed = (long) Math.ceil(seconds * 4) + 2;
        assertTrue(a <= allowed && b <= allowed, "a " + a + ", b " + b + " events in " + seconds + " s");
        assertTrue(a >= 2 && b >= 2, "a " + a + ", b " + b);
        await(() -> got.stream().anyMatch(p -> p.runId().equals("b") && p.fraction() == 0.5), "b's last progress");
    }

    @Test
    void aTrialsPendingProgressComesBeforeItsNextStateChange() throws Exception {
        bus = new EngineEvents(1000, Duration.ofSeconds(10));
        List<EngineEvent> got = new CopyOnWriteArrayList<>();
        bus.subscribe(got::add);
        bus.publish(progress("r1", 0.1));
        await(() -> got.size() == 1, "the first progress");
        bus.publish(progress("r1", 0.9)); // held back by the 10 s interval
        bus.publish(new EngineEvent.TrialChanged(Instant.now(), trial("r1", TrialState.SUCCEEDED)));
        await(() -> got.size() == 3, "three events");
        assertEquals(0.9, ((EngineEvent.Progress) got.get(1)).fraction());
        assertTrue(got.get(2) instanceof EngineEvent.TrialChanged);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthersAndAClosedSubscriptionGetsNothing() throws Exception {
        bus = new EngineEvents();
        List<EngineEvent> good = new CopyOnWriteArrayList<>();
        List<EngineEvent> gone = new CopyOnWriteArrayList<>();
        bus.subscribe(e -> {
            throw new IllegalStateException("boom");
        });
        bus.subscribe(good::add);
        EngineEvents.Subscription s = bus.subscribe(gone::add);
        bus.publish(metric(1));
        await(() -> good.size() == 1 && gone.size() == 1, "one event each");
        s.close();
        bus.publish(metric(2));
        await(() -> good.size() == 2, "the second event");
        Thread.sleep(50);
        assertEquals(1, gone.size());
    }

    @Test
    void nothingIsQueuedWithoutListeners() {
        bus = new EngineEvents(10, Duration.ZERO);
        for (int i = 0; i < 1000; i++) {
            bus.publish(metric(i));
        }
        assertEquals(0, bus.dropped());
    }
}
