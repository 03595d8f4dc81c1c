package org.surrogate.bundles.autoencoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.run.TrialCancelledException;
import org.surrogate.testkit.LatentData;
import org.surrogate.testkit.RecordingRunContext;

class MultVaeRecommenderTest {

    private final MultVaeRecommender vae = new MultVaeRecommender();

    /** Parameters with one BLAS/OpenMP thread: small steps on a busy 2-core machine run faster so. */
    static Params params(Map<String, ?> values) {
        Map<String, Object> v = new HashMap<>(values);
        v.putIfAbsent("threads", 1);
        return MultVaeRecommender.DESCRIPTOR.params().validate(v, "");
    }

    /** A small network for the tests that check mechanics rather than quality. */
    static Params small(int epochs) {
        return params(Map.of("encoderDims", List.of(32, 8), "epochs", epochs, "batchSize", 40,
                "totalAnnealSteps", 50L));
    }

    @Test
    void declaresThePapersDefaults() {
        Params d = MultVaeRecommender.DESCRIPTOR.params().defaults();
        assertEquals(List.of(600, 200), d.getIntList("encoderDims"));
        assertEquals(100, d.getInt("epochs"));
        assertEquals(500, d.getInt("batchSize"));
        assertEquals(1e-3, d.getDouble("learningRate"));
        assertEquals(0.5, d.getDouble("dropout"));
        assertEquals(0.0, d.getDouble("l2"));
        assertEquals(0.2, d.getDouble("betaMax"));
        assertEquals(200_000L, d.getLong("totalAnnealSteps"));
        assertEquals(0, d.getInt("threads"));
        assertEquals("mult-vae", vae.descriptor().id());
        assertTrue(vae.descriptor().paper().citation().contains("Variational Autoencoders for Collaborative Filtering"));
        assertEquals("[I-600-200-600-I]", AutoencoderSettings.from("mult-vae", true, d).architecture());
    }

    @Test
    void beatsRandomByAWideMarginOnLatentData() {
        // Seed 1, 6 epochs of 10 steps: recall@10 0.27, NDCG@10 0.25; random 0.036 and 0.03.
        LatentData data = new LatentData(500, 300, 30, 5, 0.8, 2.0, 1);
        Model model = vae.fit(data.train, params(Map.of("epochs", 6, "batchSize", 50, "totalAnnealSteps", 100L)),
                new RecordingRunContext(1));
        Model random = LatentData.randomModel(300, 1);
        double recall = data.recall(model, 10);
        double ndcg = Fixtures.ndcg(model, data, 0, 500, 10, false);
        double randomNdcg = Fixtures.ndcg(random, data, 0, 500, 10, false);
        assertTrue(recall > 0.15 && recall > 4 * data.recall(random, 10), "mult-vae recall@10 " + recall);
        assertTrue(ndcg > 0.15 && ndcg > 4 * randomNdcg, "mult-vae NDCG@10 " + ndcg + ", random " + randomNdcg);
    }

    @Test
    void scoresUsersHeldOutOfTrainingFromTheirHistory() {
        // Strong generalization: users 400-499 are absent from training and scored from their fold-in.
        LatentData data = new LatentData(500, 300, 30, 5, 0.8, 2.0, 2);
        Model model = vae.fit(Fixtures.firstUsers(data.train, 400), params(Map.of("epochs", 6, "batchSize", 40,
                "totalAnnealSteps", 100L)), new RecordingRunContext(2));
        double heldOut = Fixtures.ndcg(model, data, 400, 500, 10, true);
        double random = Fixtures.ndcg(LatentData.randomModel(300, 2), data, 400, 500, 10, false);
        assertTrue(heldOut > 0.15 && heldOut > 4 * random, "held-out NDCG@10 " + heldOut + ", random " + random);
    }

    @Test
    void scoringATrainingUserEqualsScoringTheirHistory() {
        LatentData data = new LatentData(80, 60, 10, 2, 0.5, 1.0, 4);
        Model model = vae.fit(data.train, small(2), new RecordingRunContext(1));
        float[] byUser = new float[3 * 60];
        model.score(new int[] {5, 0, 79}, byUser);
        float[] byHistory = new float[3 * 60];
        // Order and repeats do not matter: user 0's items reversed, then again in order.
        int[] items = data.train.itemsOf(0);
        int[] reversedTwice = new int[2 * items.length];
        for (int k = 0; k < items.length; k++) {
            reversedTwice[k] = items[items.length - 1 - k];
            reversedTwice[items.length + k] = items[k];
        }
        model.scoreHistories(new int[][] {data.train.itemsOf(5), reversedTwice, data.train.itemsOf(79)}, byHistory);
        assertArrayEquals(byUser, byHistory, 0f);
    }

    @Test
    void sameSeedGivesIdenticalScoresAndLogsTheCurves() {
        LatentData data = new LatentData(200, 80, 12, 2, 0.8, 2.0, 3);
        RecordingRunContext ctx = new RecordingRunContext(9);
        float[] a = Fixtures.scoreAll(vae.fit(data.train, small(4), ctx), 200);
        float[] b = Fixtures.scoreAll(vae.fit(data.train, small(4), new RecordingRunContext(9)), 200);
        float[] c = Fixtures.scoreAll(vae.fit(data.train, small(4), new RecordingRunContext(10)), 200);
        assertArrayEquals(a, b, 0f);
        assertFalse(java.util.Arrays.equals(a, c), "another seed should give other scores");
        for (String name : List.of("loss", "nll", "kl", "beta", "seconds")) {
            List<double[]> curve = ctx.metrics.get(name);
            assertEquals(4, curve.size(), name);
            for (int e = 0; e < 4; e++) {
                assertEquals(e + 1, curve.get(e)[0], name + " step");
            }
        }
        // 200 users in batches of 40: 5 steps an epoch; the last step of epoch e has 5e - 1 steps before it,
        // so beta = min(0.2, (5e - 1) / 50).
        double[] beta = ctx.metrics.get("beta").stream().mapToDouble(p -> p[1]).toArray();
        assertArrayEquals(new double[] {0.08, 0.18, 0.2, 0.2}, beta, 1e-12);
        assertTrue(ctx.metrics.get("nll").get(3)[1] < ctx.metrics.get("nll").get(0)[1], "nll decreases");
        assertEquals(1.0, ctx.progress.get(ctx.progress.size() - 1), 1e-12);
    }

    @Test
    void rejectsBadParametersNamingThem() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class, () -> MultVaeRecommender.DESCRIPTOR
                .params().validate(Map.of("encoderDims", List.of(600, 0), "epochs", 0, "batchSize", 0,
                        "learningRate", 0.0, "dropout", 1.0, "l2", -1.0, "threads", -1, "betaMax", -0.5,
                        "totalAnnealSteps", -1L), ""));
        assertEquals("encoderDims: expected a non-empty list of integers in [1, 100000], found [600, 0]; epochs: "
                + "expected an integer in [1, 100000], found 0; batchSize: expected an integer in [1, 1000000], found "
                + "0; learningRate: expected a number > 0, found 0.0; dropout: expected a number in [0, 1), found 1.0; "
                + "l2: expected a number >= 0, found -1.0; threads: expected an integer in [0, 256], found -1; "
                + "betaMax: expected a number >= 0, found -0.5; totalAnnealSteps: expected a long integer >= 0, "
                + "found -1", e.getMessage());
    }

    @Test
    void stopsWithAClearMessageWhenTheLossIsNotFinite() {
        LatentData data = new LatentData(100, 50, 10, 0, 0.5, 1.0, 5);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> vae.fit(data.train,
                params(Map.of("encoderDims", List.of(32, 8), "epochs", 5, "batchSize", 20, "learningRate", 1e30)),
                new RecordingRunContext(1)));
        assertTrue(e.getMessage().matches("mult-vae: training diverged at epoch \\d \\(loss (NaN|-?Infinity) at step "
                + "\\d+\\); lower learningRate \\(now 1\\.0E30\\)"), e.getMessage());
    }

    @Test
    void honoursCancellationBeforeAndDuringTraining() {
        LatentData data = new LatentData(100, 50, 10, 0, 0.5, 1.0, 5);
        RecordingRunContext before = new RecordingRunContext(1);
        before.cancelled = true;
        assertThrows(TrialCancelledException.class, () -> vae.fit(data.train, small(3), before));
        assertEquals(null, before.metrics.get("loss"));

        // Cancelled after the third batch of the first epoch (100 users, batches of 40): no epoch completes.
        RecordingRunContext inner = new RecordingRunContext(1);
        AtomicInteger batches = new AtomicInteger();
        RunContext during = new DelegatingContext(inner) {
            @Override
            public void progress(double fraction, String message) {
                batches.incrementAndGet();
            }

            @Override
            public boolean isCancelled() {
                return batches.get() >= 2;
            }
        };
        assertThrows(TrialCancelledException.class, () -> vae.fit(data.train, small(50), during));
        assertEquals(2, batches.get());
        assertEquals(null, inner.metrics.get("loss"));
    }

    @Test
    void savedModelLoadsWithIdenticalScores() throws IOException {
        LatentData data = new LatentData(60, 50, 10, 2, 0.5, 1.0, 6);
        Params p = small(3);
        Model model = vae.fit(data.train, p, new RecordingRunContext(1));
        Model loaded = Fixtures.roundTrip(vae, model, p);
        assertArrayEquals(Fixtures.scoreAll(model, 60), Fixtures.scoreAll(loaded, 60), 0f);
        int[][] histories = {data.test.itemsOf(0), {}, {3, 3, 7}};
        float[] a = new float[3 * 50];
        float[] b = new float[3 * 50];
        model.scoreHistories(histories, a);
        loaded.scoreHistories(histories, b);
        assertArrayEquals(a, b, 0f);
    }

    @Test
    void refusesAModelOfAnotherRecommenderAndGarbage() throws IOException {
        LatentData data = new LatentData(30, 20, 5, 0, 0.5, 1.0, 7);
        Params dae = MultDaeRecommenderTest.params(Map.of("encoderDims", List.of(8), "epochs", 1));
        Model model = new MultDaeRecommender().fit(data.train, dae, new RecordingRunContext(1));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        model.save(bytes);
        IOException e = assertThrows(IOException.class, () -> vae.load(new ByteArrayInputStream(bytes.toByteArray()),
                small(1)));
        assertEquals("recommender 'mult-vae': saved model was written by recommender 'mult-dae'; load it with that "
                + "recommender", e.getMessage());
        IOException g = assertThrows(IOException.class, () -> vae.load(new ByteArrayInputStream(new byte[] {1, 2, 3,
                4, 5, 6, 7, 8}), small(1)));
        assertEquals("recommender 'mult-vae': not a saved autoencoder model (magic 0x1020304, expected 0x53524145)",
                g.getMessage());
    }

    @Test
    void rejectsUnknownUsersAndItemsNamingThem() {
        LatentData data = new LatentData(30, 20, 5, 0, 0.5, 1.0, 7);
        Model model = vae.fit(data.train, small(1), new RecordingRunContext(1));
        IndexOutOfBoundsException user = assertThrows(IndexOutOfBoundsException.class,
                () -> model.score(new int[] {30}, new float[20]));
        assertEquals("recommender 'mult-vae': user 30 is not in the training data (30 users); score new users with "
                + "scoreHistories", user.getMessage());
        IndexOutOfBoundsException item = assertThrows(IndexOutOfBoundsException.class,
                () -> model.scoreHistories(new int[][] {{1}, {2, 20}}, new float[40]));
        assertEquals("recommender 'mult-vae': history 1 has item 20, outside the model's 20 items", item.getMessage());
    }

    /** Forwards everything to another context; tests override what they need. */
    static class DelegatingContext implements RunContext {
        private final RunContext inner;

        DelegatingContext(RunContext inner) {
            this.inner = inner;
        }

        @Override
        public long seed() {
            return inner.seed();
        }

        @Override
        public void progress(double fraction, String message) {
            inner.progress(fraction, message);
        }

        @Override
        public boolean isCancelled() {
            return inner.isCancelled();
        }

        @Override
        public void metric(String name, long step, double value) {
            inner.metric(name, step, value);
        }

        @Override
        public void result(String name, double value) {
            inner.result(name, value);
        }

        @Override
        public OutputStream createArtifact(String name) throws IOException {
            return inner.createArtifact(name);
        }

        @Override
        public void log(System.Logger.Level level, String message) {
            inner.log(level, message);
        }
    }
}
