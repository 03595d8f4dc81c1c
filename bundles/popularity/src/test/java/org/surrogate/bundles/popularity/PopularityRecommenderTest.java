package org.surrogate.bundles.popularity;

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

class PopularityRecommenderTest {

    private final PopularityRecommender recommender = new PopularityRecommender();

    private static Params params(Map<String, ?> values) {
        return PopularityRecommender.DESCRIPTOR.params().validate(values, "");
    }

    /** 3 users x 4 items: item 0 three times (values 5, 1, 4), item 2 twice (3, 5), item 3 once (2). */
    private static Dataset ratings() {
        return Dataset.builder("ratings", 3, 4)
                .add(0, 0, 5f).add(0, 2, 3f)
                .add(1, 0, 1f).add(1, 3, 2f)
                .add(2, 0, 4f).add(2, 2, 5f)
                .build();
    }

    @Test
    void descriptorDeclaresIdKindAndDefaults() {
        assertEquals("popularity", recommender.descriptor().id());
        assertEquals(PluginKind.RECOMMENDER, recommender.descriptor().kind());
        assertEquals(0.0, PopularityRecommender.DESCRIPTOR.params().defaults().getDouble("minValue"));
    }

    @Test
    void scoresEveryUserWithTheItemCounts() {
        Model model = recommender.fit(ratings(), params(Map.of()), new RecordingRunContext(1));
        assertEquals(4, model.numItems());
        float[] out = new float[2 * 4];
        model.score(new int[] {2, 0}, out);
        assertArrayEquals(new float[] {3, 0, 2, 1, 3, 0, 2, 1}, out);
        float[] fromHistory = new float[4];
        model.scoreHistories(new int[][] {{1, 2}}, fromHistory);
        assertArrayEquals(new float[] {3, 0, 2, 1}, fromHistory);
    }

    @Test
    void minValueCountsOnlyInteractionsAtLeastThatValue() {
        Model model = recommender.fit(ratings(), params(Map.of("minValue", 4)), new RecordingRunContext(1));
        float[] out = new float[4];
        model.score(new int[] {1}, out);
        assertArrayEquals(new float[] {2, 0, 1, 0}, out);
    }

    @Test
    void rejectsAnOutputArrayTooShortForTheBatch() {
        Model model = recommender.fit(ratings(), params(Map.of()), new RecordingRunContext(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.score(new int[] {0, 1}, new float[7]));
        assertEquals("recommender 'popularity': out holds 7 scores, needs 8 (2 rows x 4 items)", e.getMessage());
    }

    @Test
    void beatsARandomScorerOnPopularitySkewedData() {
        LatentData data = new LatentData(300, 200, 20, 5, 1.0, 1.0, 42);
        Model model = recommender.fit(data.train, params(Map.of()), new RecordingRunContext(1));
        double popularity = data.recall(model, 10);
        double random = data.recall(LatentData.randomModel(200, 7), 10);
        // Random picks 10 of about 185 unseen items: recall near 0.05. The popularity head holds most
        // held-out items when weights fall as rank^-1.
        assertTrue(random < 0.1, "random recall@10 " + random);
        assertTrue(popularity > 2 * random + 0.1, "popularity recall@10 " + popularity + ", random " + random);
    }

    @Test
    void savedModelsLoadWithIdenticalScoresAndBadStreamsAreNamed() throws Exception {
        Model model = recommender.fit(ratings(), params(Map.of()), new RecordingRunContext(1));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        model.save(bytes);
        Model loaded = recommender.load(new java.io.ByteArrayInputStream(bytes.toByteArray()), params(Map.of()));
        float[] a = new float[2 * model.numItems()];
        float[] b = new float[2 * model.numItems()];
        model.score(new int[] {0, 1}, a);
        loaded.score(new int[] {0, 1}, b);
        assertArrayEquals(a, b);
        byte[] cut = java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() - 2);
        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> recommender.load(new java.io.ByteArrayInputStream(cut), params(Map.of())));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        e = assertThrows(java.io.IOException.class,
                () -> recommender.load(new java.io.ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}),
                        params(Map.of())));
        assertTrue(e.getMessage().contains("not a popularity model"), e.getMessage());
    }
}
