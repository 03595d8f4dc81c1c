package org.surrogate.bundles.commons.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.run.TrialCancelledException;
import org.surrogate.testkit.RecordingRunContext;

class RankingEngineTest {

    /** Scores item i of user u as table[u][i]; records batch sizes and the threads that called it. */
    private static final class TableModel implements Model {
        final float[][] rows;
        final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
        final List<String> threadNames = Collections.synchronizedList(new ArrayList<>());

        TableModel(float[]... rows) {
            this.rows = rows;
        }

        @Override
        public int numItems() {
            return rows[0].length;
        }

        @Override
        public void score(int[] users, float[] out) {
            batches.add(users.length);
            threadNames.add(Thread.currentThread().getName());
            for (int k = 0; k < users.length; k++) {
                System.arraycopy(rows[users[k]], 0, out, k * numItems(), numItems());
            }
        }
    }

    private static TableModel randomModel(int users, int items, long seed) {
        Random rng = new Random(seed);
        float[][] rows = new float[users][items];
        for (float[] row : rows) {
            for (int i = 0; i < items; i++) {
                row[i] = rng.nextInt(10); // few distinct values: many ties
            }
        }
        return new TableModel(rows);
    }

    private static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    @Test
    void batchRowsFollowTheHeapFormula() {
        // 1 GiB free: 2^30 * 0.25 / (1000 items * 4 B * 2 threads) = 33554.4 -> clamped to 4096.
        assertEquals(4096, RankingEngine.batchRows(1L << 30, 1000, 2));
        // 100 MB free: 1e8 * 0.25 / (20000 * 4 * 2) = 156.25 -> 156.
        assertEquals(156, RankingEngine.batchRows(100_000_000L, 20_000, 2));
        // 1 MB free: 1e6 * 0.25 / (1e6 * 4 * 4) = 0.016 -> at least 1.
        assertEquals(1, RankingEngine.batchRows(1_000_000L, 1_000_000, 4));
    }

    @Test
    void batchesAreCappedSoEveryThreadGetsWork() {
        // 10 users on 3 threads: at most ceil(10 / 3) = 4 users per batch, so 3 batches.
        TableModel model = randomModel(10, 5, 1);
        RankingStats stats = RankingEngine.builder(model).threads(3).build()
                .run(range(10), () -> row -> { }, new RecordingRunContext(1));
        assertEquals(4, stats.batchRows());
        assertEquals(3, stats.batches());
        assertEquals(3, stats.threads());
        List<Integer> sorted = new ArrayList<>(model.batches);
        Collections.sort(sorted);
        assertEquals(List.of(2, 4, 4), sorted);
    }

    @Test
    void excludesSeenItemsAndSelectsTheTopWithTiesToTheLowerId() {
        // Scores [2, 5, 5, 9, 1], item 3 seen: ranking 1, 2 (tie 5 = 5, lower id first), 0, 4.
        TableModel model = new TableModel(new float[] {2, 5, 5, 9, 1});
        Dataset seen = Dataset.builder("train", 1, 5).add(0, 3, 1f).build();
        List<int[]> tops = new ArrayList<>();
        float[] excludedScore = new float[1];
        boolean[] flags = new boolean[2];
        RankingEngine.builder(model).exclude(seen).topK(4).threads(1).build().run(new int[] {0}, () -> row -> {
            tops.add(row.top().clone());
            excludedScore[0] = row.score(3);
            flags[0] = row.isExcluded(3);
            flags[1] = row.isExcluded(1);
            assertEquals(1, row.numExcluded());
        }, new RecordingRunContext(1));
        assertArrayEquals(new int[] {1, 2, 0, 4}, tops.get(0));
        assertEquals(Float.NEGATIVE_INFINITY, excludedScore[0]);
        assertTrue(flags[0]);
        assertFalse(flags[1]);
    }

    @Test
    void resultsDoNotDependOnThreadsOrBatches() {
        int users = 257;
        TableModel model = randomModel(users, 40, 7);
        DatasetBuilder seen = Dataset.builder("train", users, 40);
        Random rng = new Random(3);
        for (int u = 0; u < users; u++) {
            seen.add(u, rng.nextInt(40), 1f);
        }
        Dataset train = seen.build();
        int[][] one = topLists(model, train, 1, 1);
        int[][] many = topLists(model, train, 4, 13);
        int[][] heap = topLists(model, train, 2, 0);
        for (int u = 0; u < users; u++) {
            assertArrayEquals(one[u], many[u], "user " + u);
            assertArrayEquals(one[u], heap[u], "user " + u);
        }
    }

    private static int[][] topLists(Model model, Dataset train, int threads, int rows) {
        int[][] out = new int[train.numUsers()][];
        RankingEngine.builder(model).exclude(train).topK(10).threads(threads).batchRows(rows).build()
                .run(range(train.numUsers()), () -> row -> out[row.slot()] = row.top().clone(),
                        new RecordingRunContext(1));
        return out;
    }

    @Test
    void runsOnNamedThreadsThatStopAfterTheRun() throws InterruptedException {
        TableModel model = randomModel(20, 5, 1);
        RankingEngine.builder(model).threads(2).batchRows(3).build()
                .run(range(20), () -> row -> { }, new RecordingRunContext(1));
        assertTrue(model.threadNames.stream().allMatch(n -> n.matches("surrogate-ranking-[12]-of-2")),
                model.threadNames.toString());
        // The pool has terminated when run returns; its threads may need a moment to leave run().
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("surrogate-ranking-")) {
                t.join(5_000);
                assertFalse(t.isAlive(), t.getName() + " is still running");
            }
        }
    }

    @Test
    void reportsProgressPerBatchAndLogsThePlan() {
        TableModel model = randomModel(10, 5, 1);
        RecordingRunContext ctx = new RecordingRunContext(1);
        RankingEngine.builder(model).threads(1).batchRows(4).label("evaluator 'x'").build()
                .run(range(10), () -> row -> { }, ctx);
        assertEquals(List.of(0.4, 0.8, 1.0), ctx.progress);
        assertEquals(List.of("ranked 4 of 10 users", "ranked 8 of 10 users", "ranked 10 of 10 users"), ctx.messages);
        assertEquals(List.of("INFO evaluator 'x': full ranking of 10 users x 5 items in 3 batches of 4 users on 1 "
                + "threads (batch size fixed)"), ctx.logs);
    }

    @Test
    void stopsWhenTheTrialIsCancelled() {
        TableModel model = randomModel(10, 5, 1);
        RecordingRunContext ctx = new RecordingRunContext(1);
        ctx.cancelled = true;
        RankingEngine engine = RankingEngine.builder(model).threads(2).batchRows(2).build();
        assertThrows(TrialCancelledException.class, () -> engine.run(range(10), () -> row -> { }, ctx));
        assertEquals(List.of(), model.batches);
    }

    @Test
    void rethrowsTheFailureOfAWorker() {
        IllegalStateException boom = new IllegalStateException("boom");
        RankingEngine engine = RankingEngine.builder(randomModel(10, 5, 1)).threads(2).batchRows(2).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> engine.run(range(10), () -> row -> {
            throw boom;
        }, new RecordingRunContext(1)));
        assertSame(boom, e);
    }

    @Test
    void scoresHistoriesWhenGiven() {
        List<int[]> seenHistories = Collections.synchronizedList(new ArrayList<>());
        Model model = new Model() {
            @Override
            public int numItems() {
                return 3;
            }

            @Override
            public void score(int[] users, float[] out) {
                throw new AssertionError("score must not be called with histories");
            }

            @Override
            public void scoreHistories(int[][] histories, float[] out) {
                seenHistories.addAll(List.of(histories));
            }
        };
        Dataset foldIn = Dataset.builder("fold-in", 2, 3).add(0, 2, 1f, 1).add(0, 1, 1f, 2).add(1, 0, 1f, 1).build();
        RankingEngine.builder(model).histories(foldIn).threads(1).build()
                .run(new int[] {1, 0}, () -> row -> { }, new RecordingRunContext(1));
        assertArrayEquals(new int[] {0}, seenHistories.get(0));
        assertArrayEquals(new int[] {2, 1}, seenHistories.get(1));
    }

    @Test
    void rejectsHistoriesForAModelThatCannotScoreThem() {
        Dataset foldIn = Dataset.builder("fold-in", 1, 5).add(0, 1, 1f).build();
        RankingEngine engine = RankingEngine.builder(new TableModel(new float[5])).histories(foldIn).threads(1)
                .label("evaluator 'x'").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.run(new int[] {0}, () -> row -> { }, new RecordingRunContext(1)));
        assertEquals("evaluator 'x': the users are scored from their histories (dataset 'fold-in', strong "
                + "generalization) but the model cannot score histories: " + TableModel.class.getName()
                + " scores known users only, not histories; use a model that implements Model.scoreHistories, or a "
                + "split without fold-in", e.getMessage());
    }

    @Test
    void rejectsDataOfAnotherCatalogue() {
        Dataset seen = Dataset.builder("train", 1, 4).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankingEngine.builder(new TableModel(new float[5])).exclude(seen).label("evaluator 'x'").build());
        assertEquals("evaluator 'x': the model scores 5 items but dataset 'train' has 4; fit the model on data with "
                + "the same items", e.getMessage());
    }

    @Test
    void rejectsUsersOutsideTheData() {
        Dataset seen = Dataset.builder("train", 2, 5).build();
        RankingEngine engine = RankingEngine.builder(new TableModel(new float[5])).exclude(seen).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.run(new int[] {0, 2}, () -> row -> { }, new RecordingRunContext(1)));
        assertEquals("ranking: user 2 is outside dataset 'train', which has users 0..1", e.getMessage());
    }

    @Test
    void rejectsBadCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankingEngine.builder(new TableModel(new float[5])).threads(0).build());
        assertEquals("ranking: needs topK >= 0, threads >= 1 and batchRows >= 0 (0 = from the heap), found "
                + "topK 0, threads 0, batchRows 0", e.getMessage());
    }
}
