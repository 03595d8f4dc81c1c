package org.surrogate.bundles.matrixfactorization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
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

class AlsRecommenderTest {

    private final AlsRecommender als = new AlsRecommender();

    private static Params params(Map<String, ?> values) {
        return AlsRecommender.DESCRIPTOR.params().validate(values, "");
    }

    @Test
    void declaresDefaults() {
        Params d = AlsRecommender.DESCRIPTOR.params().defaults();
        assertEquals(64, d.getInt("factors"));
        assertEquals(15, d.getInt("iterations"));
        assertEquals(1.0, d.getDouble("regularization"));
        assertEquals(10.0, d.getDouble("alpha"));
        assertEquals(true, d.getBoolean("binary"));
        assertEquals("als", als.descriptor().id());
    }

    @Test
    void beatsRandomByAWideMarginOnLatentData() {
        // Seeds 1-5 gave recall@10 0.143-0.161 with the defaults, random 0.034-0.045.
        for (long seed : new long[] {1, 2}) {
            LatentData data = new LatentData(500, 300, 30, 5, 0.8, 2.0, seed);
            double recall = data.recall(als.fit(data.train, params(Map.of()), new RecordingRunContext(seed)), 10);
            double random = data.recall(LatentData.randomModel(300, seed), 10);
            assertTrue(random < 0.06, "random recall@10 " + random);
            assertTrue(recall > 0.12 && recall > 2.5 * random, "als recall@10 " + recall + ", random " + random);
        }
    }

    @Test
    void sameSeedGivesIdenticalScoresAndTheLossDecreases() {
        LatentData data = new LatentData(300, 200, 20, 5, 0.8, 2.0, 3);
        RecordingRunContext ctx = new RecordingRunContext(9);
        float[] a = Fixtures.scoreAll(als.fit(data.train, params(Map.of("factors", 16, "iterations", 5)), ctx), 300);
        float[] b = Fixtures.scoreAll(als.fit(data.train, params(Map.of("factors", 16, "iterations", 5)),
                new RecordingRunContext(9)), 300);
        assertArrayEquals(a, b, 0f);
        List<double[]> loss = ctx.metrics.get("loss");
        assertEquals(5, loss.size());
        assertEquals(1.0, loss.get(0)[0]);
        assertTrue(loss.get(4)[1] < loss.get(0)[1], "loss went from " + loss.get(0)[1] + " to " + loss.get(4)[1]);
        assertEquals(1.0, ctx.progress.get(ctx.progress.size() - 1));
    }

    @Test
    void lossIsTheFullWeightedObjective() {
        LatentData data = new LatentData(40, 30, 6, 0, 0.5, 1.0, 4);
        Params p = params(Map.of("factors", 3, "iterations", 2, "regularization", 0.5, "alpha", 2.0));
        RecordingRunContext ctx = new RecordingRunContext(2);
        float[] scores = Fixtures.scoreAll(als.fit(data.train, p, ctx), 40);
        double brute = 0;
        for (int u = 0; u < 40; u++) {
            for (int i = 0; i < 30; i++) {
                boolean seen = false;
                for (int k = data.train.begin(u); k < data.train.end(u); k++) {
                    seen |= data.train.item(k) == i;
                }
                double c = seen ? 3 : 1;
                double e = (seen ? 1 : 0) - scores[u * 30 + i];
                brute += c * e * e;
            }
        }
        double logged = ctx.metrics.get("loss").get(1)[1];
        // The logged loss adds the L2 term to the data term computed here.
        assertTrue(logged > brute && logged - brute < 0.5 * brute, "logged " + logged + ", data term " + brute);
    }

    @Test
    void rejectsBadParametersNamingTheRange() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class,
                () -> params(Map.of("factors", 0, "alpha", 0.0, "regularization", -1.0)));
        assertEquals("factors: expected an integer in [1, 10000], found 0; regularization: expected a number >= 0, "
                + "found -1.0; alpha: expected a number > 0, found 0.0", e.getMessage());
    }

    @Test
    void stopsWithAClearMessageWhenFactorsBecomeNaN() {
        LatentData data = new LatentData(50, 40, 8, 0, 0.5, 1.0, 5);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> als.fit(data.train,
                params(Map.of("factors", 4, "alpha", 1e300)), new RecordingRunContext(1)));
        assertEquals("als: training diverged at iteration 1 (NaN factors); lower alpha or raise regularization",
                e.getMessage());
    }

    @Test
    void honoursCancellation() {
        LatentData data = new LatentData(50, 40, 8, 0, 0.5, 1.0, 5);
        RecordingRunContext ctx = new RecordingRunContext(1);
        ctx.cancelled = true;
        assertThrows(TrialCancelledException.class, () -> als.fit(data.train, params(Map.of()), ctx));
        assertEquals(null, ctx.metrics.get("loss"));
    }

    @Test
    void savedModelLoadsWithIdenticalScores() throws IOException {
        LatentData data = new LatentData(60, 50, 10, 0, 0.5, 1.0, 6);
        Params p = params(Map.of("factors", 7, "iterations", 3));
        Model model = als.fit(data.train, p, new RecordingRunContext(1));
        Model loaded = Fixtures.roundTrip(als, model, p);
        assertEquals(50, loaded.numItems());
        assertArrayEquals(Fixtures.scoreAll(model, 60), Fixtures.scoreAll(loaded, 60), 0f);
        float[] two = new float[100];
        loaded.score(new int[] {59, 0}, two);
        float[] all = Fixtures.scoreAll(model, 60);
        assertEquals(all[59 * 50 + 3], two[3]);
        assertEquals(all[7], two[57]);
    }

    @Test
    void refusesToLoadABprModelOrGarbage() throws IOException {
        LatentData data = new LatentData(20, 10, 3, 0, 0.5, 1.0, 6);
        BprRecommender bpr = new BprRecommender();
        Params bp = BprRecommender.DESCRIPTOR.params().validate(Map.of("factors", 2, "epochs", 1), "");
        Model model = bpr.fit(data.train, bp, new RecordingRunContext(1));
        IOException e = assertThrows(IOException.class, () -> Fixtures.roundTrip(als, model, params(Map.of())));
        assertEquals("recommender 'als': saved model was written by recommender 'bpr'; load it with that recommender",
                e.getMessage());
        IOException g = assertThrows(IOException.class,
                () -> als.load(new ByteArrayInputStream(new byte[] {1, 2, 3, 4}), params(Map.of())));
        assertEquals("recommender 'als': not a saved matrix factorization model (magic 0x1020304, expected "
                + "0x53524D46)", g.getMessage());
    }

    @Test
    void aTruncatedModelGivesAClearError() throws IOException {
        LatentData data = new LatentData(30, 20, 5, 0, 0.5, 1.0, 6);
        Params p = params(Map.of("factors", 4, "iterations", 1));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        als.fit(data.train, p, new RecordingRunContext(1)).save(out);
        byte[] bytes = out.toByteArray();
        for (int len = 0; len < bytes.length; len += len < 40 ? 1 : 37) {
            byte[] cut = java.util.Arrays.copyOf(bytes, len);
            IOException e = assertThrows(IOException.class, () -> als.load(new ByteArrayInputStream(cut), p));
            assertTrue(e.getMessage().startsWith("recommender 'als': ")
                    && (e.getMessage().contains("truncated") || e.getMessage().contains("empty")),
                    "cut at " + len + ": " + e.getMessage());
        }
        IOException e = assertThrows(IOException.class, () -> als.load(new ByteArrayInputStream(
                java.util.Arrays.copyOf(bytes, bytes.length - 1)), p));
        assertEquals("recommender 'als': saved model is truncated: the stream ended while reading the item factors "
                + "(80 values)", e.getMessage());
    }

    @Test
    void rejectsUnknownUsersAndShortOutput() {
        LatentData data = new LatentData(20, 10, 3, 0, 0.5, 1.0, 6);
        Model model = als.fit(data.train, params(Map.of("factors", 2, "iterations", 1)), new RecordingRunContext(1));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> model.score(new int[] {20}, new float[10]));
        assertEquals("recommender 'als': user 20 is not in the training data (20 users)", e.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> model.score(new int[] {0, 1}, new float[10]));
        assertEquals("recommender 'als': out holds 10 scores, needs 20 (2 users x 10 items)", s.getMessage());
    }
}
