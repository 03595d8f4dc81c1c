package org.surrogate.bundles.matrixfactorization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.run.TrialCancelledException;
import org.surrogate.testkit.LatentData;
import org.surrogate.testkit.RecordingRunContext;

class BprRecommenderTest {

    private final BprRecommender bpr = new BprRecommender();

    private static Params params(Map<String, ?> values) {
        return BprRecommender.DESCRIPTOR.params().validate(values, "");
    }

    @Test
    void declaresDefaults() {
        Params d = BprRecommender.DESCRIPTOR.params().defaults();
        assertEquals(64, d.getInt("factors"));
        assertEquals(30, d.getInt("epochs"));
        assertEquals(0.05, d.getDouble("learningRate"));
        assertEquals(0.0025, d.getDouble("regularization"));
        assertEquals(0L, d.getLong("samplesPerEpoch"));
        assertEquals(1, d.getInt("threads"));
        assertEquals("user", d.getString("sampling"));
        assertEquals("bpr", bpr.descriptor().id());
    }

    @Test
    void beatsRandomByAWideMarginOnLatentData() {
        // Seeds 1-5 gave recall@10 0.250-0.270 with the defaults, random 0.034-0.045.
        for (long seed : new long[] {1, 2}) {
            LatentData data = new LatentData(500, 300, 30, 5, 0.8, 2.0, seed);
            double recall = data.recall(bpr.fit(data.train, params(Map.of()), new RecordingRunContext(seed)), 10);
            double random = data.recall(LatentData.randomModel(300, seed), 10);
            assertTrue(random < 0.06, "random recall@10 " + random);
            assertTrue(recall > 0.2 && recall > 4 * random, "bpr recall@10 " + recall + ", random " + random);
        }
    }

    @Test
    void interactionSamplingStillLearnsAndIsReproducible() {
        LatentData data = new LatentData(500, 300, 30, 5, 0.8, 2.0, 1);
        Params p = params(Map.of("sampling", "interaction"));
        Model a = bpr.fit(data.train, p, new RecordingRunContext(1));
        double recall = data.recall(a, 10);
        assertTrue(recall > 0.2, "bpr (interaction sampling) recall@10 " + recall);
        assertArrayEquals(Fixtures.scoreAll(a, 500), Fixtures.scoreAll(bpr.fit(data.train, p,
                new RecordingRunContext(1)), 500), 0f);
    }

    @Test
    void stratifiedThreadsLearnAndAreReproducibleForAThreadCount() {
        LatentData data = new LatentData(500, 300, 30, 5, 0.8, 2.0, 1);
        for (int threads : new int[] {2, 3}) {
            Params p = params(Map.of("threads", threads));
            Model a = bpr.fit(data.train, p, new RecordingRunContext(1));
            double recall = data.recall(a, 10);
            assertTrue(recall > 0.2, "bpr (" + threads + " threads) recall@10 " + recall);
            assertArrayEquals(Fixtures.scoreAll(a, 500), Fixtures.scoreAll(bpr.fit(data.train, p,
                    new RecordingRunContext(1)), 500), 0f, threads + " threads");
        }
    }

    @Test
    void stratifiedInteractionSamplingIsReproducible() {
        LatentData data = new LatentData(300, 200, 20, 5, 0.8, 2.0, 2);
        Params p = params(Map.of("threads", 2, "sampling", "interaction", "factors", 16, "epochs", 5));
        assertArrayEquals(Fixtures.scoreAll(bpr.fit(data.train, p, new RecordingRunContext(4)), 300),
                Fixtures.scoreAll(bpr.fit(data.train, p, new RecordingRunContext(4)), 300), 0f);
    }

    @Test
    void balancedBlocksWeighAboutTheSame() {
        double[] w = new double[1000];
        java.util.Random r = new java.util.Random(3);
        for (int k = 0; k < w.length; k++) {
            w[k] = Math.exp(3 * r.nextDouble());
        }
        int[] block = BprTrainer.balance(w, 3);
        double[] load = new double[3];
        for (int k = 0; k < w.length; k++) {
            load[block[k]] += w[k];
        }
        double max = Math.max(load[0], Math.max(load[1], load[2]));
        double min = Math.min(load[0], Math.min(load[1], load[2]));
        assertTrue(max - min <= 20.1 + 1e-9, "block weights " + java.util.Arrays.toString(load));
    }

    @Test
    void sameSeedGivesIdenticalScoresAndTheLossDecreases() {
        LatentData data = new LatentData(300, 200, 20, 5, 0.8, 2.0, 3);
        Params p = params(Map.of("factors", 16, "epochs", 10));
        RecordingRunContext ctx = new RecordingRunContext(9);
        float[] a = Fixtures.scoreAll(bpr.fit(data.train, p, ctx), 300);
        float[] b = Fixtures.scoreAll(bpr.fit(data.train, p, new RecordingRunContext(9)), 300);
        float[] c = Fixtures.scoreAll(bpr.fit(data.train, p, new RecordingRunContext(10)), 300);
        assertArrayEquals(a, b, 0f);
        assertTrue(a[0] != c[0] || a[1] != c[1], "another seed should give other scores");
        List<double[]> loss = ctx.metrics.get("loss");
        assertEquals(10, loss.size());
        assertTrue(loss.get(0)[1] > 0.6 && loss.get(9)[1] < loss.get(0)[1], "loss " + loss.get(0)[1] + " -> "
                + loss.get(9)[1]);
    }

    @Test
    void rejectsBadParametersNamingTheRange() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class,
                () -> params(Map.of("factors", 0, "learningRate", 0.0, "samplesPerEpoch", -1, "threads", 0)));
        assertEquals("factors: expected an integer in [1, 10000], found 0; learningRate: expected a number > 0, "
                + "found 0.0; samplesPerEpoch: expected a long integer >= 0, found -1; threads: expected an integer "
                + "in [1, 256], found 0", e.getMessage());
    }

    @Test
    void stopsWithAClearMessageWhenTrainingDiverges() {
        LatentData data = new LatentData(100, 50, 10, 0, 0.5, 1.0, 5);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bpr.fit(data.train,
                params(Map.of("learningRate", 1e30)), new RecordingRunContext(1)));
        assertEquals("bpr: training diverged at epoch 1 (NaN factors); lower learningRate or raise regularization",
                e.getMessage());
    }

    @Test
    void honoursCancellation() {
        LatentData data = new LatentData(50, 40, 8, 0, 0.5, 1.0, 5);
        RecordingRunContext ctx = new RecordingRunContext(1);
        ctx.cancelled = true;
        assertThrows(TrialCancelledException.class, () -> bpr.fit(data.train, params(Map.of()), ctx));
        assertEquals(null, ctx.metrics.get("loss"));
    }

    @Test
    void savedModelLoadsWithIdenticalScores() throws IOException {
        LatentData data = new LatentData(60, 50, 10, 0, 0.5, 1.0, 6);
        Params p = params(Map.of("factors", 5, "epochs", 3));
        Model model = bpr.fit(data.train, p, new RecordingRunContext(1));
        Model loaded = Fixtures.roundTrip(bpr, model, p);
        assertArrayEquals(Fixtures.scoreAll(model, 60), Fixtures.scoreAll(loaded, 60), 0f);
    }
}
