package org.surrogate.bundles.matrixfactorization;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToDoubleFunction;

/**
 * A fixed pool of named daemon threads that runs work over rows in fixed chunks of
 * {@value #CHUNK} rows. Chunk boundaries do not depend on the number of threads and partial
 * results are combined in chunk order, so results are the same whatever the thread count.
 */
final class WorkerPool implements AutoCloseable {

    /** Rows per chunk. */
    static final int CHUNK = 256;

    /** Work over a range of rows, returning a partial sum. */
    @FunctionalInterface
    interface RangeTask {
        /**
         * Does the work of rows {@code [from, to)}.
         *
         * @param from the first row
         * @param to   the row after the last
         * @return a partial sum (0 when there is nothing to sum)
         */
        double run(int from, int to);
    }

    private final ExecutorService executor;

    /**
     * Starts the pool.
     *
     * @param name    the thread name prefix, such as "als"
     * @param threads the number of threads, at least 1
     */
    WorkerPool(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "surrogate-" + name + "-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs a task over rows {@code [0, rows)} in chunks and sums the partial results in chunk order.
     *
     * @param rows the number of rows
     * @param task the work
     * @return the sum of the partial results
     * @throws RuntimeException the first failure of a chunk, rethrown as it was (or wrapped if checked)
     */
    double sum(int rows, RangeTask task) {
        List<Future<Double>> futures = new ArrayList<>();
        for (int from = 0; from < rows; from += CHUNK) {
            int start = from;
            int end = Math.min(rows, from + CHUNK);
            futures.add(executor.submit(() -> task.run(start, end)));
        }
        double total = 0;
        for (double partial : await(futures)) {
            total += partial;
        }
        return total;
    }

    /**
     * Runs tasks {@code 0 .. tasks - 1}, one per index, and returns their results by index.
     *
     * @param tasks the number of tasks
     * @param task  the work of one index
     * @return the results, by index
     * @throws RuntimeException the first failure of a task, rethrown as it was (or wrapped if checked)
     */
    double[] each(int tasks, IntToDoubleFunction task) {
        List<Future<Double>> futures = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            int index = t;
            futures.add(executor.submit(() -> task.applyAsDouble(index)));
        }
        return await(futures);
    }

    private static double[] await(List<Future<Double>> futures) {
        double[] results = new double[futures.size()];
        try {
            for (int k = 0; k < results.length; k++) {
                results[k] = futures.get(k).get();
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for worker threads", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("worker thread failed", e.getCause());
        }
        return results;
    }

    /** Stops the threads. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
