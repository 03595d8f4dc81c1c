package org.surrogate.bundles.itemcosine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.testkit.LatentData;
import org.surrogate.testkit.RecordingRunContext;

class ItemCosineRecommenderTest {

    private static final float EPS = 1e-5f;
    /** 2 / sqrt(6): two common users, items with 2 and 3 users. */
    private static final float C = (float) (2 / Math.sqrt(6));

    private final ItemCosineRecommender recommender = new ItemCosineRecommender();

    private static Params params(Map<String, ?> values) {
        return ItemCosineRecommender.DESCRIPTOR.params().validate(values, "");
    }

    /**
     * X (3 users x 3 items): u0 = {0, 1}, u1 = {1, 2}, u2 = {0, 1, 2}. Item counts 2, 3, 2;
     * co-occurrences (0,1) = 2, (0,2) = 1, (1,2) = 2. Cosines: (0,1) = 2/sqrt(2*3) = 0.8165,
     * (0,2) = 1/sqrt(2*2) = 0.5, (1,2) = 0.8165. The value 5 of one interaction must not matter.
     */
    private static Dataset threeByThree() {
        return Dataset.builder("3x3", 3, 3)
                .add(0, 0, 1f).add(0, 1, 5f)
                .add(1, 1, 1f).add(1, 2, 1f)
                .add(2, 0, 1f).add(2, 1, 1f).add(2, 2, 1f)
                .build();
    }

    private static float[] scoreAll(Model model, int users) {
        float[] out = new float[users * model.numItems()];
        int[] ids = new int[users];
        for (int u = 0; u < users; u++) {
            ids[u] = u;
        }
        model.score(ids, out);
        return out;
    }

    @Test
    void descriptorDeclaresIdKindAndDefaults() {
        assertEquals("item-cosine", recommender.descriptor().id());
        assertEquals(PluginKind.RECOMMENDER, recommender.descriptor().kind());
        Params d = ItemCosineRecommender.DESCRIPTOR.params().defaults();
        assertEquals(0, d.getInt("neighbors"));
        assertEquals(0.0, d.getDouble("shrinkage"));
    }

    @Test
    void scoresAreTheUsersRowsTimesTheCosineMatrix() {
        Model model = recommender.fit(threeByThree(), params(Map.of()), new RecordingRunContext(1));
        // S = [[0, C, .5], [C, 0, C], [.5, C, 0]]; u0 = row0 + row1, u1 = row1 + row2, u2 = all rows.
        assertArrayEquals(new float[] {
            C, C, C + 0.5f,
            C + 0.5f, C, C,
            C + 0.5f, 2 * C, C + 0.5f}, scoreAll(model, 3), EPS);
        float[] two = new float[6];
        model.score(new int[] {2, 0}, two);
        assertArrayEquals(new float[] {C + 0.5f, 2 * C, C + 0.5f, C, C, C + 0.5f}, two, EPS);
    }

    @Test
    void shrinkageIsAddedToTheCosineDenominator() {
        Model model = recommender.fit(threeByThree(), params(Map.of("shrinkage", 1.0)), new RecordingRunContext(1));
        float s01 = (float) (2 / (Math.sqrt(6) + 1));
        float s02 = 1 / 3f;
        // u0 = {0, 1}: item 0 gets S10, item 1 gets S01, item 2 gets S02 + S12 (= s02 + s01).
        float[] u0 = new float[3];
        model.score(new int[] {0}, u0);
        assertArrayEquals(new float[] {s01, s01, s02 + s01}, u0, EPS);
    }

    @Test
    void neighborsKeepsTheMostSimilarItemsOfEachTarget() {
        Model model = recommender.fit(threeByThree(), params(Map.of("neighbors", 1)), new RecordingRunContext(1));
        // Target 0 keeps item 1 (C > .5); target 1 ties items 0 and 2 at C and keeps the lower, 0;
        // target 2 keeps item 1. u0 = {0, 1}: [S10, S01, S12] = [C, C, C]; u1 = {1, 2}: [C, 0, C].
        assertArrayEquals(new float[] {C, C, C, C, 0, C, C, C, C}, scoreAll(model, 3), EPS);
    }

    @Test
    void itemsWithoutInteractionsGetZeroSimilarityNotNaN() {
        Dataset data = Dataset.builder("gap", 2, 3).add(0, 0, 1f).add(0, 1, 1f).add(1, 0, 1f).build();
        float[] scores = scoreAll(recommender.fit(data, params(Map.of()), new RecordingRunContext(1)), 2);
        // cos(0,1) = 1/sqrt(2*1); item 2 has no users.
        float c = (float) (1 / Math.sqrt(2));
        assertArrayEquals(new float[] {c, c, 0, 0, c, 0}, scores, EPS);
    }

    @Test
    void blockedCoOccurrencesEqualTheWholeProduct() {
        LatentData data = new LatentData(37, 23, 6, 0, 0.5, 1.0, 3);
        float[] blocked = ItemCosineModel.rowMajor(ItemCosineRecommender.gram(data.train, 5, new RecordingRunContext(1)));
        float[] whole = ItemCosineModel.rowMajor(ItemCosineRecommender.gram(data.train, 1000, new RecordingRunContext(1)));
        assertArrayEquals(whole, blocked, 0f);
        assertEquals(6f * 37, sumOfDiagonal(whole, 23));
    }

    @Test
    void rejectsCataloguesAboveTheDenseLimit() {
        Dataset big = Dataset.builder("big", 1, 20_001).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> recommender.fit(big, params(Map.of()), new RecordingRunContext(1)));
        assertEquals("recommender 'item-cosine': dataset 'big' has 20001 items, above the limit of 20000 of this "
                + "dense baseline (it keeps an items x items float matrix); use a sparse neighbourhood model for "
                + "larger catalogues", e.getMessage());
    }

    @Test
    void beatsARandomScorerOnLatentFactorData() {
        // No popularity skew: only the latent vectors tie a user's items together.
        LatentData data = new LatentData(400, 200, 25, 5, 0.0, 3.0, 42);
        double cosine = data.recall(recommender.fit(data.train, params(Map.of()), new RecordingRunContext(1)), 10);
        double knn = data.recall(recommender.fit(data.train, params(Map.of("neighbors", 20)), new RecordingRunContext(1)),
                10);
        double random = data.recall(LatentData.randomModel(200, 7), 10);
        assertTrue(random < 0.1, "random recall@10 " + random);
        assertTrue(cosine > 2 * random + 0.1, "item-cosine recall@10 " + cosine + ", random " + random);
        assertTrue(knn > 2 * random + 0.1, "item-cosine (20 neighbours) recall@10 " + knn + ", random " + random);
    }

    private static float sumOfDiagonal(float[] m, int n) {
        float s = 0;
        for (int i = 0; i < n; i++) {
            s += m[i * n + i];
        }
        return s;
    }
}
