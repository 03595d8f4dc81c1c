package org.surrogate.bundles.commons.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.surrogate.api.run.RunContext;

/**
 * One run of a {@link RankingEngine}: worker threads of a fixed pool take batches from a shared
 * counter until none is left or one of them fails.
 */
final class RankingRun {

    private final RankingEngine engine;
    private final int[] users;
    private final int rows;
    private final int batches;
    private final Supplier<? extends RowConsumer> consumers;
    private final RunContext ctx;
    private final AtomicInteger nextBatch = new AtomicInteger();
    private final AtomicLong usersDone = new AtomicLong();
    private final Object progressLock = new Object();
    private long usersReported;
    /** Set by a failing worker so that the others stop after their current batch. */
    private volatile boolean failed;

    RankingRun(RankingEngine engine, int[] users, int rows, int batches, Supplier<? extends RowConsumer> consumers,
               RunContext ctx) {
        this.engine = engine;
        this.users = users;
        this.rows = rows;
        this.batches = batches;
        this.consumers = consumers;
        this.ctx = ctx;
    }

    /**
     * Runs the workers and waits for all of them, also after one failed, so that no thread outlives
     * the run.
     *
     * @param workers the number of threads
     * @return {scoring nanos, ranking nanos} summed over the workers
     */
    long[] execute(int workers) {
        ExecutorService pool = Executors.newFixedThreadPool(workers, namedThreads(workers));
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(this::work));
            }
            return collect(futures);
        } finally {
            pool.shutdownNow();
            awaitTermination(pool);
        }
    }

    /** Every task has ended when this runs; wait the moments the idle threads need to exit. */
    private void awaitTermination(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                ctx.log(System.Logger.Level.WARNING, engine.label() + ": ranking threads did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory namedThreads(int workers) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "surrogate-ranking-" + count.incrementAndGet() + "-of-" + workers);
            t.setDaemon(true);
            return t;
        };
    }

    private long[] collect(List<Future<long[]>> futures) {
        long[] total = new long[2];
        Throwable first = null;
        boolean interrupted = false;
        for (Future<long[]> f : futures) {
            while (true) {
                try {
                    long[] t = f.get();
                    total[0] += t[0];
                    total[1] += t[1];
                    break;
                } catch (ExecutionException e) {
                    failed = true;
                    first = first == null ? e.getCause() : first;
                    break;
                } catch (InterruptedException e) {
                    // Tell the workers to stop and wait for them; the caller sees the interrupt after.
                    failed = true;
                    interrupted = true;
                    first = first == null ? new IllegalStateException(engine.label() + ": interrupted while ranking", e)
                            : first;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (first instanceof RuntimeException r) {
            throw r;
        } else if (first instanceof Error err) {
            throw err;
        } else if (first != null) {
            throw new IllegalStateException(engine.label() + ": ranking failed: " + first, first);
        }
        return total;
    }

    /** The loop of one worker thread. */
    private long[] work() {
        try {
            RowConsumer sink = consumers.get();
            int n = engine.numItems();
            RankedRow row = new RankedRow(n);
            float[] buffer = null;
            long scoring = 0;
            long ranking = 0;
            for (int b = nextBatch.getAndIncrement(); b < batches && !failed; b = nextBatch.getAndIncrement()) {
                ctx.checkCancelled();
                int from = b * rows;
                int to = Math.min(users.length, from + rows);
                int[] batch = Arrays.copyOfRange(users, from, to);
                float[] scores;
                if (batch.length == rows) {
                    buffer = buffer == null ? new float[rows * n] : buffer;
                    scores = buffer;
                } else {
                    // Only the last batch is short; an exact array keeps to the letter of Model.score.
                    scores = new float[batch.length * n];
                }
                long t0 = System.nanoTime();
                engine.score(batch, scores);
                long t1 = System.nanoTime();
                engine.rank(batch, from, scores, row, sink);
                ranking += System.nanoTime() - t1;
                scoring += t1 - t0;
                progress(batch.length);
            }
            return new long[] {scoring, ranking};
        } catch (RuntimeException | Error e) {
            failed = true;
            throw e;
        }
    }

    private void progress(int count) {
        long done = usersDone.addAndGet(count);
        synchronized (progressLock) {
            // Workers finish out of order; report only progress that moves forward.
            if (done > usersReported) {
                usersReported = done;
                ctx.progress((double) done / users.length, "ranked " + done + " of " + users.length + " users");
            }
        }
    }
}
