package org.surrogate.bundles.autoencoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Model;
import org.surrogate.testkit.LatentData;
import org.surrogate.testkit.RecordingRunContext;

class MultDaeRecommenderTest {

    private final MultDaeRecommender dae = new MultDaeRecommender();

    /** Parameters with one BLAS/OpenMP thread, as in {@link MultVaeRecommenderTest#params}. */
    static Params params(Map<String, ?> values) {
        Map<String, Object> v = new HashMap<>(values);
        v.putIfAbsent("threads", 1);
        return MultDaeRecommender.DESCRIPTOR.params().validate(v, "");
    }

    @Test
    void declaresTheAuthorsDefaults() {
        Params d = MultDaeRecommender.DESCRIPTOR.params().defaults();
        assertEquals(List.of(200), d.getIntList("encoderDims"));
        assertEquals(2e-5, d.getDouble("l2"));
        assertEquals(0.5, d.getDouble("dropout"));
        assertEquals(500, d.getInt("batchSize"));
        assertEquals(1e-3, d.getDouble("learningRate"));
        assertTrue(!d.has("betaMax") && !d.has("totalAnnealSteps"), "no KL parameters: " + d);
        assertEquals("mult-dae", dae.descriptor().id());
        assertEquals(MultVaeRecommender.PAPER, dae.descriptor().paper());
        assertEquals("[I-200-I]", AutoencoderSettings.from("mult-dae", false, d).architecture());
    }

    @Test
    void beatsRandomByAWideMarginOnLatentData() {
        // Seed 1, 10 epochs of 10 steps: recall@10 0.25; random 0.036.
        LatentData data = new LatentData(500, 300, 30, 5, 0.8, 2.0, 1);
        Model model = dae.fit(data.train, params(Map.of("epochs", 10, "batchSize", 50)), new RecordingRunContext(1));
        Model random = LatentData.randomModel(300, 1);
        double recall = data.recall(model, 10);
        double ndcg = Fixtures.ndcg(model, data, 0, 500, 10, false);
        assertTrue(recall > 0.15 && recall > 4 * data.recall(random, 10), "mult-dae recall@10 " + recall);
        assertTrue(ndcg > 4 * Fixtures.ndcg(random, data, 0, 500, 10, false), "mult-dae NDCG@10 " + ndcg);
    }

    @Test
    void sameSeedGivesIdenticalScoresAndSavedModelsScoreTheSame() throws IOException {
        LatentData data = new LatentData(200, 80, 12, 2, 0.8, 2.0, 3);
        Params p = params(Map.of("encoderDims", List.of(32, 8), "epochs", 3, "batchSize", 40));
        RecordingRunContext ctx = new RecordingRunContext(9);
        Model model = dae.fit(data.train, p, ctx);
        float[] a = Fixtures.scoreAll(model, 200);
        assertArrayEquals(a, Fixtures.scoreAll(dae.fit(data.train, p, new RecordingRunContext(9)), 200), 0f);
        assertArrayEquals(a, Fixtures.scoreAll(Fixtures.roundTrip(dae, model, p), 200), 0f);
        assertEquals(3, ctx.metrics.get("loss").size());
        assertNull(ctx.metrics.get("kl"), "a DAE has no KL term");
    }

    @Test
    void rejectsParametersOfTheVaeAndBadValues() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class, () -> MultDaeRecommender.DESCRIPTOR
                .params().validate(Map.of("betaMax", 0.2, "encoderDims", List.of()), ""));
        assertEquals("betaMax: unknown parameter; accepted: encoderDims, epochs, batchSize, learningRate, dropout, l2, "
                + "threads; encoderDims: expected a non-empty list of integers in [1, 100000], found []",
                e.getMessage());
    }

    @Test
    void stopsWithAClearMessageWhenTheLossIsNotFinite() {
        LatentData data = new LatentData(100, 50, 10, 0, 0.5, 1.0, 5);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> dae.fit(data.train,
                params(Map.of("encoderDims", List.of(16), "epochs", 5, "batchSize", 20, "learningRate", 1e30)),
                new RecordingRunContext(1)));
        assertTrue(e.getMessage().startsWith("mult-dae: training diverged at epoch "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; lower learningRate (now 1.0E30)"), e.getMessage());
    }
}
