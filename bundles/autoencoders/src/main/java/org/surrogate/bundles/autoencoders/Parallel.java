package org.surrogate.bundles.autoencoders;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Splits a loop over {@code [0, n)} into {@code threads} contiguous chunks, runs them on a small pool
 * (the calling thread takes the first chunk) and waits. Chunk k is {@code [n k / T, n (k + 1) / T)},
 * and partial sums are added in chunk order, so results depend on the thread count only, never on
 * timing. With one thread everything runs on the caller.
 */
final class Parallel implements AutoCloseable {

    /** The body of a loop over a range. */
    @FunctionalInterface
    interface Range {
        /**
         * Runs the indices {@code [from, to)}.
         *
         * @param from the first index
         * @param to   the index after the last
         */
        void run(int from, int to);
    }

    /** The body of a loop over a range that returns a partial sum. */
    @FunctionalInterface
    interface RangeSum {
        /**
         * Runs the indices {@code [from, to)}.
         *
         * @param from the first index
         * @param to   the index after the last
         * @return the chunk's partial sum
         */
        double run(int from, int to);
    }

    private final int threads;
    private final ExecutorService pool;

    /**
     * Starts the pool.
     *
     * @param threads the number of chunks (and threads, the caller's included), at least 1
     */
    Parallel(int threads) {
        this.threads = Math.max(1, threads);
        AtomicInteger count = new AtomicInteger();
        this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads - 1, r -> {
            Thread t = new Thread(r, "surrogate-autoencoder-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs a loop.
     *
     * @param n    the number of indices
     * @param body the work of a chunk
     */
    void run(int n, Range body) {
        sum(n, (from, to) -> {
            body.run(from, to);
            return 0;
        });
    }

    /**
     * Runs a loop and adds the chunks' partial sums in chunk order.
     *
     * @param n    the number of indices
     * @param body the work of a chunk
     * @return the sum
     */
    double sum(int n, RangeSum body) {
        int chunks = Math.min(threads, Math.max(1, n));
        if (chunks == 1) {
            return body.run(0, n);
        }
        List<Future<Double>> futures = new ArrayList<>(chunks - 1);
        for (int k = 1; k < chunks; k++) {
            int from = (int) ((long) n * k / chunks);
            int to = (int) ((long) n * (k + 1) / chunks);
            futures.add(pool.submit(() -> body.run(from, to)));
        }
        double total = body.run(0, (int) ((long) n / chunks));
        try {
            for (Future<Double> f : futures) {
                total += f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for autoencoder threads", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
        return total;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
