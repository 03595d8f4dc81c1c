package org.surrogate.bundles.neighborhood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.run.TrialCancelledException;
import org.surrogate.testkit.LatentData;
import org.surrogate.testkit.RecordingRunContext;

class ItemKnnRecommenderTest {

    private static final float EPS = 1e-6f;
    private final ItemKnnRecommender recommender = new ItemKnnRecommender();

    private static Params params(Map<String, ?> values) {
        return ItemKnnRecommender.DESCRIPTOR.params().validate(values, "");
    }

    @Test
    void descriptorDeclaresDefaults() {
        Params d = ItemKnnRecommender.DESCRIPTOR.params().defaults();
        assertEquals("item-knn", recommender.descriptor().id());
        assertEquals(100, d.getInt("neighbors"));
        assertEquals(10.0, d.getDouble("shrinkage"));
        assertEquals(true, d.getBoolean("binary"));
    }

    @Test
    void plainCosineScoresSumTheSimilaritiesOfTheUsersItems() {
        Model m = recommender.fit(Fixtures.threeByThree(), params(Map.of("shrinkage", 0.0)),
                new RecordingRunContext(1));
        float c = (float) (2 / Math.sqrt(6));
        // S = [[0, c, .5], [c, 0, c], [.5, c, 0]]; all neighbours kept.
        assertArrayEquals(new float[] {
            c, c, c + 0.5f,
            c + 0.5f, c, c,
            c + 0.5f, 2 * c, c + 0.5f}, Fixtures.scoreAll(m, 3), EPS);
    }

    @Test
    void shrinkageAndNeighbourCutAreApplied() {
        Model m = recommender.fit(Fixtures.threeByThree(), params(Map.of("shrinkage", 1.0, "neighbors", 1)),
                new RecordingRunContext(1));
        float s01 = (float) (2 / (Math.sqrt(6) + 1));
        // s02 = 1/3 < s01 = s12: N(0) = {1}, N(1) = {0} (tie with 2 to the lower id), N(2) = {1}.
        Neighbors nb = ((ItemKnnModel) m).neighbors();
        assertArrayEquals(new int[] {1, 0, 1}, nb.ids());
        assertArrayEquals(new float[] {s01, s01, s01}, nb.sims(), EPS);
        assertArrayEquals(new float[] {
            s01, s01, 0,
            s01, s01, 0,
            s01, 2 * s01, 0}, Fixtures.scoreAll(m, 3), EPS);
    }

    @Test
    void valuedModeWeightsByTheInteractionValue() {
        Model m = recommender.fit(Fixtures.threeByThree(), params(Map.of("shrinkage", 0.0, "binary", false)),
                new RecordingRunContext(1));
        // Item columns: x0 = (1, 0, 1), x1 = (5, 1, 1), x2 = (0, 1, 1).
        float s01 = (float) (6 / (Math.sqrt(2) * Math.sqrt(27)));
        float s02 = 0.5f;
        float s12 = (float) (2 / (Math.sqrt(27) * Math.sqrt(2)));
        float[] u0 = new float[3];
        m.score(new int[] {0}, u0);
        assertArrayEquals(new float[] {5 * s01, s01, s02 + 5 * s12}, u0, EPS);
    }

    @Test
    void historiesScoreLikeAUserWithThoseItems() {
        Model m = recommender.fit(Fixtures.threeByThree(), params(Map.of()), new RecordingRunContext(1));
        float[] user = new float[3];
        m.score(new int[] {2}, user);
        float[] history = new float[3];
        m.scoreHistories(new int[][] {{2, 0, 1, 0}}, history);
        assertArrayEquals(user, history, 0f);
    }

    @Test
    void rejectsNeighborsBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> params(Map.of("neighbors", 0)));
        assertEquals("neighbors: expected an integer >= 1, found 0", e.getMessage());
    }

    @Test
    void rejectsNegativeShrinkage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> params(Map.of("shrinkage", -1.0)));
        assertEquals("shrinkage: expected a number >= 0, found -1.0", e.getMessage());
    }

    @Test
    void rejectsUsersOutsideTheTrainingData() {
        Model m = recommender.fit(Fixtures.threeByThree(), params(Map.of()), new RecordingRunContext(1));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> m.score(new int[] {3}, new float[3]));
        assertEquals("recommender 'item-knn': user 3 is not in the training data, expected [0, 3)", e.getMessage());
    }

    @Test
    void honoursCancellation() {
        RecordingRunContext ctx = new RecordingRunContext(1);
        ctx.cancelled = true;
        LatentData data = new LatentData(50, 40, 10, 2, 0.0, 3.0, 1);
        assertThrows(TrialCancelledException.class, () -> recommender.fit(data.train, params(Map.of()), ctx));
    }

    @Test
    void isDeterministic() {
        LatentData data = new LatentData(300, 150, 20, 5, 0.5, 3.0, 5);
        Model a = recommender.fit(data.train, params(Map.of("neighbors", 7)), new RecordingRunContext(1));
        Model b = recommender.fit(data.train, params(Map.of("neighbors", 7)), new RecordingRunContext(2));
        assertArrayEquals(Fixtures.scoreAll(a, 300), Fixtures.scoreAll(b, 300), 0f);
    }

    @Test
    void scanningAndSortingTheTouchedRowsGiveTheSameNeighbours() {
        LatentData data = new LatentData(300, 150, 20, 5, 0.8, 3.0, 7);
        SparseRows byUser = SparseRows.byUser(data.train, true);
        SparseRows byItem = byUser.transpose(150);
        for (SparseRows[] m : new SparseRows[][] {{byItem, byUser}, {byUser, byItem}}) {
            RecordingRunContext ctx = new RecordingRunContext(1);
            Neighbors sorted = new CosineNeighbors("t", 10, 2.0, 2, 0).compute(m[0], m[1], ctx);
            Neighbors scanned = new CosineNeighbors("t", 10, 2.0, 2, 31).compute(m[0], m[1], ctx);
            assertArrayEquals(sorted.offsets(), scanned.offsets());
            assertArrayEquals(sorted.ids(), scanned.ids());
            assertArrayEquals(sorted.sims(), scanned.sims(), 0f);
        }
    }

    @Test
    void beatsRandomByAWideMarginOnLatentData() {
        for (long seed = 1; seed <= 3; seed++) {
            LatentData data = new LatentData(400, 200, 25, 5, 0.0, 3.0, seed);
            double knn = data.recall(recommender.fit(data.train, params(Map.of()), new RecordingRunContext(seed)), 10);
            double random = data.recall(new RandomRecommender().fit(data.train,
                    RandomRecommender.DESCRIPTOR.params().defaults(), new RecordingRunContext(seed)), 10);
            System.out.printf("item-knn seed %d: recall@10 %.4f, random %.4f%n", seed, knn, random);
            assertTrue(knn > 3 * random && knn > random + 0.15, "seed " + seed + ": item-knn " + knn
                    + ", random " + random);
        }
    }
}
