package org.surrogate.framework.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import org.surrogate.framework.trials.TrialResult;
import org.surrogate.framework.trials.TrialStatus;

/**
 * An executor whose trials end when the test says so (or at once), recording the launch order.
 */
final class FakeExecutor implements TrialExecutor {

    final List<String> launched = new CopyOnWriteArrayList<>();
    final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-trial");
        t.setDaemon(true);
        return t;
    });
    /** When set, a trial ends by itself with this outcome instead of waiting for the test. */
    volatile Function<TrialLaunch, TrialStatus> autoEnd;

    final class Run implements Execution {
        final TrialLaunch launch;
        final Consumer<TrialResult> onEnd;
        final CountDownLatch stop = new CountDownLatch(1);
        volatile TrialStatus outcome;
        volatile String message = "";

        Run(TrialLaunch launch, Consumer<TrialResult> onEnd) {
            this.launch = launch;
            this.onEnd = onEnd;
        }

        void end(TrialStatus s, String why) {
            if (outcome == null) {
                outcome = s;
                message = why;
                stop.countDown();
            }
        }

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
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Execution launch(TrialLaunch launch, Consumer<TrialResult> onEnd) {
        String id = launch.trial().runId();
        Run run = new Run(launch, onEnd);
        runs.put(id, run);
        launched.add(id);
        Function<TrialLaunch, TrialStatus> auto = autoEnd;
        pool.execute(() -> {
            if (auto != null) {
                run.end(auto.apply(launch), "auto");
            }
            try {
                run.stop.await();
            } catch (InterruptedException e) {
                return;
            }
            onEnd.accept(new TrialResult(id, run.outcome, run.message, Map.of(), Map.of(), Map.of(),
                    launch.trial().request(), Instant.now(), Instant.now()));
        });
        return run;
    }

    /** Ends a running trial. */
    void finish(String runId, TrialStatus s) {
        runs.get(runId).end(s, s == TrialStatus.FAILED ? "boom" : "");
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
