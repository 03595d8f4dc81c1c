package org.surrogate.bundles.neighborhood;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.surrogate.api.recommender.TopK;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.run.TrialCancelledException;

/**
 * Computes the k most cosine-similar rows of every row of a sparse matrix, with shrinkage:
 * {@code sim(a, b) = a . b / (|a| |b| + shrinkage)}. For each row a, the dot products with all
 * other rows are accumulated sparsely (over the columns of a and the rows having those columns)
 * into a dense float accumulator as long as the number of rows; only the touched entries are
 * visited afterwards. No rows x rows matrix is ever held.
 *
 * <p>Rows are split into fixed chunks handed to a pool of named threads; each row's result depends
 * only on the data, and results are assembled in row order, so the output does not depend on the
 * number of threads or their scheduling. Ties in similarity go to the lower row id.
 */
final class CosineNeighbors {

    /** Rows per task: small enough to balance, large enough to amortise the hand-off. */
    private static final int CHUNK = 64;

    /**
     * A row touching more than {@code numRows >>> DENSE_SHIFT} others collects them by scanning all
     * rows instead of sorting the touched ones; both give the same order, so the same result.
     */
    static final int DENSE_SHIFT = 4;

    private final String pluginId;
    private final int neighbors;
    private final double shrinkage;
    private final int threads;
    private final int denseShift;

    /**
     * Creates the computation.
     *
     * @param pluginId  the plugin, for thread names and messages
     * @param neighbors neighbours kept per row, at least 1
     * @param shrinkage added to the denominator, at least 0
     * @param threads   worker threads, at least 1
     * @throws IllegalArgumentException if an argument is out of range
     */
    CosineNeighbors(String pluginId, int neighbors, double shrinkage, int threads) {
        this(pluginId, neighbors, shrinkage, threads, DENSE_SHIFT);
    }

    /**
     * Creates the computation with another switch to the scan of all rows, for tests.
     *
     * @param pluginId   the plugin
     * @param neighbors  neighbours kept per row
     * @param shrinkage  added to the denominator
     * @param threads    worker threads
     * @param denseShift scan when more than {@code numRows >>> denseShift} rows are touched (0: never,
     *                   31: always)
     */
    CosineNeighbors(String pluginId, int neighbors, double shrinkage, int threads, int denseShift) {
        if (neighbors < 1) {
            throw new IllegalArgumentException(pluginId + ": neighbors must be >= 1, found " + neighbors);
        }
        if (!(shrinkage >= 0)) {
            throw new IllegalArgumentException(pluginId + ": shrinkage must be >= 0, found " + shrinkage);
        }
        if (threads < 1) {
            throw new IllegalArgumentException(pluginId + ": threads must be >= 1, found " + threads);
        }
        this.pluginId = pluginId;
        this.neighbors = neighbors;
        this.shrinkage = shrinkage;
        this.threads = threads;
        this.denseShift = denseShift;
    }

    /**
     * Computes the neighbours of every row of {@code rows}.
     *
     * @param rows       the matrix whose rows are compared
     * @param transposed its transpose (columns to rows)
     * @param ctx        for progress and cancellation
     * @return the kept neighbours, most similar first
     * @throws TrialCancelledException if the trial is cancelled meanwhile
     */
    Neighbors compute(SparseRows rows, SparseRows transposed, RunContext ctx) {
        int n = rows.numRows();
        float[] norms = rows.rowNorms();
        int[][] ids = new int[n][];
        float[][] sims = new float[n][];
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, namedThreads(pluginId));
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int from = 0; from < n; from += CHUNK) {
                int lo = from;
                int hi = Math.min(n, from + CHUNK);
                tasks.add(pool.submit(() -> {
                    Worker w = new Worker(rows, transposed, norms);
                    for (int r = lo; r < hi && !ctx.isCancelled(); r++) {
                        w.row(r, ids, sims);
                    }
                    int d = done.addAndGet(hi - lo);
                    ctx.progress(0.95 * d / n, "neighbours of " + d + " of " + n);
                }));
            }
            await(tasks, ctx);
        } finally {
            pool.shutdownNow();
        }
        ctx.checkCancelled();
        return assemble(ids, sims);
    }

    private void await(List<Future<?>> tasks, RunContext ctx) {
        for (Future<?> f : tasks) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrialCancelledException(pluginId + ": interrupted while computing neighbours");
            } catch (ExecutionException e) {
                throw new IllegalStateException(pluginId + ": computing neighbours failed", e.getCause());
            }
            ctx.checkCancelled();
        }
    }

    private static Neighbors assemble(int[][] ids, float[][] sims) {
        int[] off = new int[ids.length + 1];
        for (int r = 0; r < ids.length; r++) {
            off[r + 1] = off[r] + ids[r].length;
        }
        int[] allIds = new int[off[ids.length]];
        float[] allSims = new float[allIds.length];
        for (int r = 0; r < ids.length; r++) {
            System.arraycopy(ids[r], 0, allIds, off[r], ids[r].length);
            System.arraycopy(sims[r], 0, allSims, off[r], sims[r].length);
        }
        return new Neighbors(off, allIds, allSims);
    }

    /**
     * A thread factory naming threads {@code surrogate-<plugin>-<n>}, daemon so a stuck pool never
     * holds the JVM.
     *
     * @param pluginId the plugin id
     * @return the factory
     */
    static ThreadFactory namedThreads(String pluginId) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "surrogate-" + pluginId + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One thread's scratch space: the dense accumulator and the list of touched rows. */
    private final class Worker {
        private final SparseRows rows;
        private final SparseRows transposed;
        private final float[] norms;
        private final float[] acc;
        private final int[] touched;
        /** mark[b] == a + 1 once row b was touched for row a; robust to sums that cancel to 0. */
        private final int[] mark;

        Worker(SparseRows rows, SparseRows transposed, float[] norms) {
            this.rows = rows;
            this.transposed = transposed;
            this.norms = norms;
            this.acc = new float[rows.numRows()];
            this.touched = new int[rows.numRows()];
            this.mark = new int[rows.numRows()];
        }

        void row(int a, int[][] ids, float[][] sims) {
            int count = accumulate(a);
            float[] cand = new float[count];
            if (count > acc.length >>> denseShift) {
                // Many rows touched (popular items): collecting them by a scan of the marks is linear
                // and already in row order, where sorting them would cost count log count.
                int t = 0;
                for (int b = 0; b < mark.length; b++) {
                    if (mark[b] == a + 1) {
                        touched[t] = b;
                        cand[t++] = similarity(a, b);
                    }
                }
            } else {
                for (int t = 0; t < count; t++) {
                    cand[t] = similarity(a, touched[t]);
                }
                sortByRow(cand, count);
            }
            int[] top = TopK.select(cand, 0, count, neighbors);
            int kept = 0;
            for (int p : top) {
                kept += cand[p] > 0 ? 1 : 0;
            }
            // Only positive similarities are kept: a zero or negative one adds nothing useful to a sum.
            ids[a] = new int[kept];
            sims[a] = new float[kept];
            for (int t = 0; t < kept; t++) {
                ids[a][t] = touched[top[t]];
                sims[a][t] = cand[top[t]];
            }
        }

        /** The shrunk cosine of rows a and b from the accumulated dot product; clears the accumulator. */
        private float similarity(int a, int b) {
            double denom = (double) norms[a] * norms[b] + shrinkage;
            float sim = denom > 0 ? (float) (acc[b] / denom) : 0f;
            acc[b] = 0f;
            return sim;
        }

        /** Adds a . b into acc[b] for every other row b sharing a column; returns how many were touched. */
        private int accumulate(int a) {
            int count = 0;
            int[] ro = rows.offsets();
            int[] to = transposed.offsets();
            int[] tc = transposed.cols();
            float[] tv = transposed.vals();
            for (int k = ro[a]; k < ro[a + 1]; k++) {
                float va = rows.vals()[k];
                int c = rows.cols()[k];
                for (int m = to[c]; m < to[c + 1]; m++) {
                    int b = tc[m];
                    if (b == a) {
                        continue;
                    }
                    if (mark[b] != a + 1) {
                        mark[b] = a + 1;
                        touched[count++] = b;
                    }
                    acc[b] += va * tv[m];
                }
            }
            return count;
        }

        /** Orders the touched rows by id (with their candidate scores), so ties go to the lower id. */
        private void sortByRow(float[] cand, int count) {
            long[] keys = new long[count];
            for (int t = 0; t < count; t++) {
                keys[t] = ((long) touched[t] << 32) | (Float.floatToRawIntBits(cand[t]) & 0xFFFFFFFFL);
            }
            java.util.Arrays.sort(keys);
            for (int t = 0; t < count; t++) {
                touched[t] = (int) (keys[t] >>> 32);
                cand[t] = Float.intBitsToFloat((int) keys[t]);
            }
        }
    }
}
