package org.surrogate.bundles.sequential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.TrialCancelledException;
import org.surrogate.api.split.Split;
import org.surrogate.bundles.neighborhood.RandomRecommender;
import org.surrogate.testkit.RecordingRunContext;

/**
 * What every recommender of this bundle must do; each recommender's test extends it with its own
 * parameters and expectations.
 */
abstract class SequentialRecommenderContract {

    /** A small planted-chain dataset: 300 users walking 60 items, 12 steps, 80% strong successor. */
    static final Dataset SMALL = Fixtures.markovWalks(300, 60, 12, 0.8, 7);

    /** The recommender under test. */
    abstract Recommender recommender();

    /** Parameters for a quick fit (a few epochs). */
    abstract Map<String, Object> quickParams();

    /** Parameters that learn the planted chain well. */
    abstract Map<String, Object> learningParams();

    Params params(Map<String, ?> values) {
        return recommender().descriptor().params().validate(values, "");
    }

    private Params quick() {
        return params(quickParams());
    }

    @Test
    void beatsRandomOnNextItemWithLeaveOneOut() {
        Dataset data = Fixtures.markovWalks(400, 80, 14, 0.8, 11);
        Split split = Fixtures.leaveOneOut(data);
        Map<String, Double> model = Fixtures.evaluate(recommender().fit(split.train(), params(learningParams()),
                new RecordingRunContext(3)), split);
        Map<String, Double> random = Fixtures.evaluate(new RandomRecommender().fit(split.train(),
                RandomRecommender.DESCRIPTOR.params().defaults(), new RecordingRunContext(3)), split);
        String id = recommender().descriptor().id();
        System.out.printf("%s planted chain: HR@10 %.4f NDCG@10 %.4f; random HR@10 %.4f NDCG@10 %.4f%n", id,
                model.get("hit@10"), model.get("ndcg@10"), random.get("hit@10"), random.get("ndcg@10"));
        assertTrue(random.get("hit@10") < 0.25, "random HR@10 " + random.get("hit@10"));
        assertTrue(model.get("hit@10") > 0.6 && model.get("hit@10") > 3 * random.get("hit@10"),
                id + " HR@10 " + model.get("hit@10") + ", random " + random.get("hit@10"));
        assertTrue(model.get("ndcg@10") > 0.4 && model.get("ndcg@10") > 3 * random.get("ndcg@10"),
                id + " NDCG@10 " + model.get("ndcg@10") + ", random " + random.get("ndcg@10"));
    }

    @Test
    void sameSeedGivesIdenticalScoresAndAnotherSeedOthers() {
        Params p = quick();
        RecordingRunContext ctx = new RecordingRunContext(5);
        float[] a = Fixtures.scoreAll(recommender().fit(SMALL, p, ctx), 300);
        float[] b = Fixtures.scoreAll(recommender().fit(SMALL, p, new RecordingRunContext(5)), 300);
        float[] c = Fixtures.scoreAll(recommender().fit(SMALL, p, new RecordingRunContext(6)), 300);
        assertArrayEquals(a, b, 0f);
        assertFalse(java.util.Arrays.equals(a, c), "another seed should give other scores");
        List<double[]> loss = ctx.metrics.get("loss");
        assertEquals(p.getInt("epochs"), loss.size());
        assertEquals(1.0, loss.get(0)[0]);
        assertTrue(loss.get(loss.size() - 1)[1] < loss.get(0)[1], "loss should fall: " + loss.get(0)[1] + " -> "
                + loss.get(loss.size() - 1)[1]);
        assertTrue(ctx.metrics.containsKey("batch-loss"), "batch-loss logged: " + ctx.metrics.keySet());
        assertEquals(1.0, ctx.progress.get(ctx.progress.size() - 1), 1e-9);
    }

    @Test
    void savedModelLoadsWithIdenticalScores() throws IOException {
        Params p = quick();
        Model model = recommender().fit(SMALL, p, new RecordingRunContext(1));
        Model loaded = Fixtures.roundTrip(recommender(), model, p);
        assertArrayEquals(Fixtures.scoreAll(model, 300), Fixtures.scoreAll(loaded, 300), 0f);
        int[][] histories = {{1, 2, 3}, {}, {5}, {7, 7, 7, 7, 8}};
        float[] h1 = new float[4 * 60];
        float[] h2 = new float[4 * 60];
        model.scoreHistories(histories, h1);
        loaded.scoreHistories(histories, h2);
        assertArrayEquals(h1, h2, 0f);
    }

    @Test
    void refusesAModelOfAnotherRecommender() throws IOException {
        Model model = new FpmcRecommender().fit(SMALL, FpmcRecommender.DESCRIPTOR.params().validate(
                Map.of("epochs", 1, "factors", 2), ""), new RecordingRunContext(1));
        String id = recommender().descriptor().id();
        if (id.equals(FpmcRecommender.ID)) {
            model = new NarmRecommender().fit(SMALL, NarmRecommender.DESCRIPTOR.params().validate(
                    Map.of("epochs", 1, "hiddenSize", 2, "embeddingSize", 2), ""), new RecordingRunContext(1));
        }
        String writer = id.equals(FpmcRecommender.ID) ? NarmRecommender.ID : FpmcRecommender.ID;
        Model saved = model;
        IOException e = assertThrows(IOException.class, () -> Fixtures.roundTrip(recommender(), saved, quick()));
        assertEquals("recommender '" + id + "': saved model was written by recommender '" + writer
                + "'; load it with that recommender", e.getMessage());
    }

    @Test
    void scoresAUserLikeTheUsersHistory() {
        Model model = recommender().fit(SMALL, quick(), new RecordingRunContext(1));
        int user = 17;
        float[] byUser = new float[60];
        model.score(new int[] {user}, byUser);
        float[] byHistory = new float[60];
        model.scoreHistories(new int[][] {SMALL.itemsOf(user)}, byHistory);
        assertArrayEquals(byUser, byHistory, historyTolerance());
    }

    /** How far scoring a user may be from scoring the user's history (FPMC has a user term). */
    float historyTolerance() {
        return 1e-5f;
    }

    @Test
    void refusesDatasetsWithoutTimestampsUnlessPositionOrderIsAsked() {
        Dataset untimed = Fixtures.withoutTimestamps(SMALL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> recommender().fit(untimed, quick(), new RecordingRunContext(1)));
        assertEquals(recommender().descriptor().id() + ": dataset 'untimed' has no timestamps; sequences need an "
                + "order (set order to 'position' to use the stored order)", e.getMessage());
        Map<String, Object> position = new HashMap<>(quickParams());
        position.put("order", "position");
        Params p = params(position);
        float[] a = Fixtures.scoreAll(recommender().fit(untimed, p, new RecordingRunContext(1)), 300);
        float[] b = Fixtures.scoreAll(recommender().fit(SMALL, p, new RecordingRunContext(1)), 300);
        assertArrayEquals(a, b, 0f);
    }

    @Test
    void refusesADatasetWithoutTransitions() {
        Dataset singles = Dataset.builder("singles", 3, 4).add(0, 1, 1f, 1).add(1, 2, 1f, 1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> recommender().fit(singles, quick(), new RecordingRunContext(1)));
        assertTrue(e.getMessage().startsWith(recommender().descriptor().id() + ": dataset 'singles' has no user "
                + "with two or more interactions"), e.getMessage());
    }

    @Test
    void honoursCancellationBetweenBatches() {
        Fixtures.CancelAfter ctx = new Fixtures.CancelAfter(2);
        assertThrows(TrialCancelledException.class, () -> recommender().fit(SMALL, quick(), ctx));
        assertEquals(2, ctx.inner.progress.size());
        RecordingRunContext cancelled = new RecordingRunContext(1);
        cancelled.cancelled = true;
        assertThrows(TrialCancelledException.class, () -> recommender().fit(SMALL, quick(), cancelled));
        assertEquals(List.of(), cancelled.progress);
    }

    @Test
    void rejectsUnknownOrders() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> params(Map.of("order", "random")));
        assertEquals("order: expected one of time, position, found 'random'", e.getMessage());
    }
}
