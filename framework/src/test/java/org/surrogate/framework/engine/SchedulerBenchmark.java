package org.surrogate.framework.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.surrogate.framework.experiments.FakeRegistry;
import org.surrogate.framework.trials.TrialResult;
import org.surrogate.framework.trials.TrialStatus;

/**
 * Scheduler overhead per trial: 10,000 queued no-op trials (an executor that ends each trial at
 * once on a pool thread), timed from submission (validation, expansion, journal) until the queue
 * has drained. Each trial costs two forced journal appends (running, succeeded) plus dispatch.
 *
 * <pre>{@code
 * mvn -q -o -f framework/pom.xml test-compile
 * java -cp "framework/target/test-classes:framework/target/classes:$(cat framework/target/cp.txt)" \
 *     org.surrogate.framework.engine.SchedulerBenchmark [trials]
 * }</pre>
 * ({@code ./surrogate bench scheduler} does all of this.)
 */
public final class SchedulerBenchmark {

    private SchedulerBenchmark() {
    }

    /** An executor whose trials end at once. */
    private static final class NoOpExecutor implements TrialExecutor {
        private final ExecutorService pool = Executors.newFixedThreadPool(2);

        @Override
        public String name() {
            return "no-op";
        }

        @Override
        public Execution launch(TrialLaunch launch, Consumer<TrialResult> onEnd) {
            pool.execute(() -> onEnd.accept(new TrialResult(launch.trial().runId(), TrialStatus.SUCCEEDED, "",
                    Map.of(), Map.of(), Map.of(), launch.trial().request(), Instant.now(), Instant.now())));
            return new Execution() {
                @Override
                public double progress() {
                    return 1;
                }

                @Override
                public void cancel(String reason) {
                }

                @Override
                public void fail(String reason) {
                }
            };
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param args optionally the number of trials (default 10,000)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        for (int round = 0; round < 3; round++) {
            Path data = Files.createTempDirectory("scheduler-bench");
            try (NoOpExecutor ex = new NoOpExecutor();
                 Scheduler s = new Scheduler(data, new EngineConfig(2, 2, 1 << 20), ex, FakeRegistry.standard(),
                         (id, why) -> { }, Clock.systemUTC())) {
                s.start();
                String seeds = IntStream.rangeClosed(1, n).mapToObj(String::valueOf).collect(Collectors.joining(", "));
                String spec = """
                        name: bench
                        protocol: {plugin: holdout}
                        slots:
                          dataset: [{plugin: movielens-100k, params: {path: u.data}}]
                          split: [{plugin: random-holdout}]
                          recommenders: [{plugin: popularity}]
                          evaluators: [{plugin: ranking-metrics}]
                        seeds: [%s]
                        """.formatted(seeds);
                long t0 = System.nanoTime();
                ExperimentStatus st = s.submit(spec, "bench.yaml", "bench");
                long t1 = System.nanoTime();
                if (!s.awaitIdle(600_000)) {
                    throw new IllegalStateException("the queue did not drain");
                }
                long t2 = System.nanoTime();
                int done = s.experiment(st.info().id()).orElseThrow().counts().getOrDefault(TrialState.SUCCEEDED, 0);
                System.out.printf(Locale.ROOT, "round %d: %d trials (%d succeeded): submit %.0f ms (%.3f ms/trial), "
                                + "dispatch to drained %.0f ms (%.3f ms/trial), total %.3f ms/trial; journal %d KiB%n",
                        round + 1, n, done, (t1 - t0) / 1e6, (t1 - t0) / 1e6 / n, (t2 - t1) / 1e6,
                        (t2 - t1) / 1e6 / n, (t2 - t0) / 1e6 / n,
                        Files.size(data.resolve("queue/journal.jsonl")) / 1024);
            }
        }
    }
}
