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

class UserKnnRecommenderTest {

    private static final float EPS = 1e-6f;
    private final UserKnnRecommender recommender = new UserKnnRecommender();

    private static Params params(Map<String, ?> values) {
        return UserKnnRecommender.DESCRIPTOR.params().validate(values, "");
    }

    @Test
    void keepsTheMostSimilarUsersAndSumsTheirRows() {
        Model m = recommender.fit(Fixtures.threeByThree(), params(Map.of("shrinkage", 0.0, "neighbors", 1)),
                new RecordingRunContext(1));
        // Users: s01 = 1/2, s02 = s12 = 2/sqrt(6) = c. N(0) = {2}, N(1) = {2}, N(2) = {0} (tie to the lower id).
        float c = (float) (2 / Math.sqrt(6));
        Neighbors nb = ((UserKnnModel) m).neighbors();
        assertArrayEquals(new int[] {2, 2, 0}, nb.ids());
        assertArrayEquals(new float[] {
            c, c, c,
            c, c, c,
            c, c, 0}, Fixtures.scoreAll(m, 3), EPS);
    }

    @Test
    void shrinkageDampsEverySimilarity() {
        Model m = recommender.fit(Fixtures.threeByThree(), params(Map.of("shrinkage", 2.0)),
                new RecordingRunContext(1));
        float s01 = 1 / 4f;
        float s02 = (float) (2 / (Math.sqrt(6) + 2));
        // u0's neighbours: u2 (s02) then u1 (s01); score = s02 * x2 + s01 * x1.
        float[] u0 = new float[3];
        m.score(new int[] {0}, u0);
        assertArrayEquals(new float[] {s02, s02 + s01, s02 + s01}, u0, EPS);
    }

    @Test
    void rejectsNeighborsBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> params(Map.of("neighbors", -5)));
        assertEquals("neighbors: expected an integer >= 1, found -5", e.getMessage());
    }

    @Test
    void honoursCancellation() {
        RecordingRunContext ctx = new RecordingRunContext(1);
        ctx.cancelled = true;
        LatentData data = new LatentData(50, 40, 10, 2, 0.0, 3.0, 1);
        assertThrows(TrialCancelledException.class, () -> recommender.fit(data.train, params(Map.of()), ctx));
    }

    @Test
    void beatsRandomByAWideMarginOnLatentData() {
        for (long seed = 1; seed <= 3; seed++) {
            LatentData data = new LatentData(400, 200, 25, 5, 0.0, 3.0, seed);
            double knn = data.recall(recommender.fit(data.train, params(Map.of()), new RecordingRunContext(seed)), 10);
            double random = data.recall(new RandomRecommender().fit(data.train,
                    RandomRecommender.DESCRIPTOR.params().defaults(), new RecordingRunContext(seed)), 10);
            System.out.printf("user-knn seed %d: recall@10 %.4f, random %.4f%n", seed, knn, random);
            assertTrue(knn > 3 * random && knn > random + 0.15, "seed " + seed + ": user-knn " + knn
                    + ", random " + random);
        }
    }
}
