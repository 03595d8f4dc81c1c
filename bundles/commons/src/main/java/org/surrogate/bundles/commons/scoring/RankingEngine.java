package org.surrogate.bundles.commons.scoring;

import java.util.Objects;
import java.util.function.Supplier;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.TopK;
import org.surrogate.api.run.RunContext;

/**
 * Full ranking of every item for many users, in batches, on all cores.
 *
 * <p>A run splits the users into batches of {@code rows} users. Worker threads (a fixed pool of
 * named threads, created for the run and shut down after it) take batches in turn; for each batch a
 * worker scores every item with one call of {@link Model#score} (or of {@link Model#scoreHistories}
 * with the users' histories, for strong generalization), sets each user's excluded items to
 * {@code -Infinity}, selects the top {@code topK} items with {@link TopK} (a partial selection in
 * O(n log k): ties go to the lower item id, {@code -Infinity} and NaN scores are never selected) and
 * hands the row to the worker's {@link RowConsumer}. Progress is reported and cancellation checked
 * once per batch. Consumers write each user's values to the user's slot, so results do not depend
 * on the number of threads.
 *
 * <p><b>Batch size.</b> Unless fixed with {@link Builder#batchRows(int)}, each worker holds one
 * {@code rows x numItems} float array, with
 * <pre>
 * rows = clamp(freeHeap * 0.25 / (numItems * 4 bytes * threads), 1, 4096)
 * freeHeap = Runtime.maxMemory() - (Runtime.totalMemory() - Runtime.freeMemory())
 * </pre>
 * so the score buffers of all workers together take at most a quarter of the heap still free
 * (models may need more for their own temporaries), then at most {@code ceil(users / threads)} so
 * that every thread gets a batch. The choice is written to the log.
 * <pre>{@code
 * RankingEngine engine = RankingEngine.builder(model).exclude(train).topK(20)
 *         .label("evaluator 'ranking-metrics'").build();
 * RankingStats stats = engine.run(users, () -> row -> hits[row.slot()] = count(row.top()), ctx);
 * }</pre>
 */
public final class RankingEngine {

    /** The largest batch chosen from the heap, in users. */
    public static final int MAX_BATCH_ROWS = 4096;

    /** The share of the free heap the score buffers of all workers may take together. */
    public static final double HEAP_SHARE = 0.25;

    private final Model model;
    private final Dataset exclude;
    private final Dataset histories;
    private final int topK;
    private final int threads;
    private final int batchRows;
    private final String label;

    private RankingEngine(Builder b) {
        this.model = b.model;
        this.exclude = b.exclude;
        this.histories = b.histories;
        this.topK = b.topK;
        this.threads = b.threads;
        this.batchRows = b.batchRows;
        this.label = b.label;
    }

    /**
     * Starts an engine for a model.
     *
     * @param model the model scoring the items
     * @return a builder
     */
    public static Builder builder(Model model) {
        return new Builder(model);
    }

    /**
     * The heap this JVM can still allocate: {@code maxMemory - (totalMemory - freeMemory)}.
     *
     * @return bytes
     */
    public static long freeHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * The users per batch for a free heap: {@code clamp(freeHeap * 0.25 / (numItems * 4 * threads), 1,
     * 4096)}, and never more than a Java array of floats can hold.
     *
     * @param freeHeap the free heap in bytes
     * @param numItems the number of items per row
     * @param threads  the number of worker threads, each holding one batch
     * @return the rows per batch, in [1, 4096]
     */
    public static int batchRows(long freeHeap, int numItems, int threads) {
        int items = Math.max(1, numItems);
        double rows = Math.max(0, freeHeap) * HEAP_SHARE / ((double) items * Float.BYTES * Math.max(1, threads));
        long r = Math.max(1, Math.min(MAX_BATCH_ROWS, (long) rows));
        return (int) Math.min(r, Math.max(1, (Integer.MAX_VALUE - 8) / items));
    }

    /**
     * Ranks all items for every user and hands each row to a consumer of its worker thread.
     *
     * @param users     the dense ids of the users to rank; the position of a user is its slot
     * @param consumers makes one consumer per worker thread
     * @param ctx       progress (one report per batch), cancellation (checked per batch) and the log
     * @return the batch plan and the time spent scoring and ranking
     * @throws IllegalArgumentException if a user is outside the exclusion or history data, or the model
     *                                  cannot score histories when histories were given
     * @throws org.surrogate.api.run.TrialCancelledException if the trial is cancelled
     */
    public RankingStats run(int[] users, Supplier<? extends RowConsumer> consumers, RunContext ctx) {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(consumers, "consumers");
        Objects.requireNonNull(ctx, "ctx");
        checkUsers(users);
        int n = model.numItems();
        long free = freeHeap();
        int rows = batchRows > 0 ? batchRows : Math.min(batchRows(free, n, threads), ceilDiv(users.length, threads));
        rows = Math.max(1, rows);
        if ((long) rows * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(label + ": a batch of " + rows + " users x " + n + " items exceeds the "
                    + "largest Java array; use at most " + ((Integer.MAX_VALUE - 8) / Math.max(1, n)) + " users per batch");
        }
        int batches = ceilDiv(users.length, rows);
        int workers = Math.max(1, Math.min(threads, batches));
        ctx.log(System.Logger.Level.INFO, label + ": full ranking of " + users.length + " users x " + n + " items in "
                + batches + " batches of " + rows + " users on " + workers + " threads ("
                + (batchRows > 0 ? "batch size fixed" : "free heap " + (free >> 20) + " MiB: rows = clamp(free * "
                + HEAP_SHARE + " / (" + n + " items * 4 B * " + threads + " threads), 1, " + MAX_BATCH_ROWS
                + "), at most users / threads") + ")");
        long start = System.nanoTime();
        long[] nanos = users.length == 0 ? new long[2]
                : new RankingRun(this, users, rows, batches, consumers, ctx).execute(workers);
        return new RankingStats(users.length, n, workers, rows, batches, free, nanos[0], nanos[1],
                System.nanoTime() - start);
    }

    private void checkUsers(int[] users) {
        for (Dataset d : new Dataset[] {exclude, histories}) {
            if (d == null) {
                continue;
            }
            for (int u : users) {
                if (u < 0 || u >= d.numUsers()) {
                    throw new IllegalArgumentException(label + ": user " + u + " is outside dataset '" + d.name()
                            + "', which has users 0.." + (d.numUsers() - 1));
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /**
     * Scores one batch into {@code out}: by user, or by the users' histories.
     *
     * @throws IllegalArgumentException if histories are used and the model cannot score them
     */
    void score(int[] batch, float[] out) {
        if (histories == null) {
            model.score(batch, out);
            return;
        }
        int[][] h = new int[batch.length][];
        for (int k = 0; k < batch.length; k++) {
            h[k] = histories.itemsOf(batch[k]);
        }
        try {
            model.scoreHistories(h, out);
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException(label + ": the users are scored from their histories (dataset '"
                    + histories.name() + "', strong generalization) but the model cannot score histories: "
                    + e.getMessage() + "; use a model that implements Model.scoreHistories, or a split without "
                    + "fold-in", e);
        }
    }

    /**
     * Excludes, selects and consumes the rows of one scored batch.
     *
     * @param batch  the users of the batch
     * @param first  the slot of the batch's first user
     * @param scores the batch's scores, row-major
     * @param row    the worker's row
     * @param sink   the worker's consumer
     */
    void rank(int[] batch, int first, float[] scores, RankedRow row, RowConsumer sink) {
        int n = row.numItems();
        for (int k = 0; k < batch.length; k++) {
            int u = batch[k];
            int base = k * n;
            row.reset(first + k, u, scores, base);
            if (exclude != null) {
                for (int i = exclude.begin(u); i < exclude.end(u); i++) {
                    row.exclude(exclude.item(i));
                }
            }
            if (topK > 0) {
                row.top(TopK.select(scores, base, base + n, topK));
            }
            sink.accept(row);
        }
    }

    /**
     * The label naming the caller in messages.
     *
     * @return the label
     */
    String label() {
        return label;
    }

    /**
     * The number of items per row.
     *
     * @return the model's item count
     */
    int numItems() {
        return model.numItems();
    }

    /** Configures a {@link RankingEngine}. */
    public static final class Builder {
        private final Model model;
        private Dataset exclude;
        private Dataset histories;
        private int topK;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int batchRows;
        private String label = "ranking";

        private Builder(Model model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /**
         * Excludes each user's items in a dataset from the ranking (training items, or fold-in items).
         *
         * @param seen the items to exclude, by user; null for none
         * @return this builder
         */
        public Builder exclude(Dataset seen) {
            this.exclude = seen;
            return this;
        }

        /**
         * Scores users from their item sequences in a dataset with {@link Model#scoreHistories}
         * instead of by user id (strong generalization).
         *
         * @param data the histories, by user; null to score by user id
         * @return this builder
         */
        public Builder histories(Dataset data) {
            this.histories = data;
            return this;
        }

        /**
         * Sets how many top items to select per user; 0 selects none (consumers that only read scores).
         *
         * @param k the count, at least 0
         * @return this builder
         */
        public Builder topK(int k) {
            this.topK = k;
            return this;
        }

        /**
         * Sets the number of worker threads; by default {@code Runtime.availableProcessors()}.
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder threads(int count) {
            this.threads = count;
            return this;
        }

        /**
         * Fixes the users per batch instead of choosing them from the free heap.
         *
         * @param rows at least 1, or 0 to choose from the heap (the default)
         * @return this builder
         */
        public Builder batchRows(int rows) {
            this.batchRows = rows;
            return this;
        }

        /**
         * Names the caller in log lines and error messages, such as {@code "evaluator 'ranking-metrics'"}.
         *
         * @param text the label
         * @return this builder
         */
        public Builder label(String text) {
            this.label = Objects.requireNonNull(text, "label");
            return this;
        }

        /**
         * Builds the engine.
         *
         * @return the engine
         * @throws IllegalArgumentException if a count is out of range or a dataset has another number of
         *                                  items than the model
         */
        public RankingEngine build() {
            if (topK < 0 || threads < 1 || batchRows < 0) {
                throw new IllegalArgumentException(label + ": needs topK >= 0, threads >= 1 and batchRows >= 0"
                        + " (0 = from the heap), found topK " + topK + ", threads " + threads + ", batchRows "
                        + batchRows);
            }
            for (Dataset d : new Dataset[] {exclude, histories}) {
                if (d != null && d.numItems() != model.numItems()) {
                    throw new IllegalArgumentException(label + ": the model scores " + model.numItems()
                            + " items but dataset '" + d.name() + "' has " + d.numItems()
                            + "; fit the model on data with the same items");
                }
            }
            return new RankingEngine(this);
        }
    }
}
