package org.surrogate.bundles.autoencoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.run.TrialCancelledException;
import org.surrogate.testkit.LatentData;
import org.surrogate.testkit.RecordingRunContext;

class CfSflRecommenderTest {

    private final CfSflRecommender sfl = new CfSflRecommender();

    private static Params params(Map<String, ?> values) {
        Map<String, Object> v = new HashMap<>(Map.of("encoderDims", List.of(32, 8), "epochs", 3, "batchSize", 40,
                "totalAnnealSteps", 50L, "threads", 1, "rewardPretrainEpochs", 1, "jointEpochs", 2,
                "fusionDim", 8, "virtualUserWidth", 16));
        v.putAll(values);
        return CfSflRecommender.DESCRIPTOR.params().validate(v, "");
    }

    @Test
    void declaresThePapersDefaults() {
        Params d = CfSflRecommender.DESCRIPTOR.params().defaults();
        assertEquals(1, d.getInt("feedbackSteps"));
        assertEquals(List.of(600, 200), d.getIntList("encoderDims"));
        assertEquals(64, d.getInt("fusionDim"));
        assertEquals(128, d.getInt("virtualUserWidth"));
        assertEquals(50, d.getInt("jointEpochs"));
        assertEquals(1.0, d.getDouble("rewardWeight"));
        assertEquals(0.2, d.getDouble("betaMax"));
        assertTrue(sfl.descriptor().description().contains("NOT IMPLEMENTED"));
    }

    @Test
    void withZeroFeedbackStepsIsExactlyMultVae() throws Exception {
        LatentData data = new LatentData(120, 60, 10, 4, 0.8, 2.0, 3);
        Params p = params(Map.of("feedbackSteps", 0));
        RecordingRunContext vaeCtx = new RecordingRunContext(11);
        RecordingRunContext sflCtx = new RecordingRunContext(11);
        Model vae = new MultVaeRecommender().fit(data.train, MultVaeRecommenderTest.params(Map.of("encoderDims",
                List.of(32, 8), "epochs", 3, "batchSize", 40, "totalAnnealSteps", 50L)), vaeCtx);
        Model cf = sfl.fit(data.train, p, sflCtx);
        float[] expected = Fixtures.scoreAll(vae, 120);
        assertArrayEquals(expected, Fixtures.scoreAll(cf, 120));
        int[][] histories = {data.train.itemsOf(0), data.train.itemsOf(5), {1, 2, 3}};
        float[] a = new float[3 * 60];
        float[] b = new float[3 * 60];
        vae.scoreHistories(histories, a);
        cf.scoreHistories(histories, b);
        assertArrayEquals(a, b);
        assertArrayEquals(vaeCtx.metrics.get("loss").toArray(), sflCtx.metrics.get("loss").toArray(),
                "the same loss curve");
        // a T = 0 model saves and loads under its own id
        assertArrayEquals(expected, Fixtures.scoreAll(Fixtures.roundTrip(sfl, cf, p), 120));
        // and a different seed gives different scores, so the equality above is not vacuous
        Model other = sfl.fit(data.train, p, new RecordingRunContext(12));
        assertFalse(Arrays.equals(expected, Fixtures.scoreAll(other, 120)));
    }

    @Test
    void feedbackStepsAreDeterministicLoggedAndChangeTheScores() {
        LatentData data = new LatentData(120, 60, 10, 4, 0.8, 2.0, 4);
        Params p = params(Map.of("feedbackSteps", 2));
        RecordingRunContext ctx = new RecordingRunContext(5);
        Model first = sfl.fit(data.train, p, ctx);
        Model second = sfl.fit(data.train, p, new RecordingRunContext(5));
        float[] scores = Fixtures.scoreAll(first, 120);
        assertArrayEquals(scores, Fixtures.scoreAll(second, 120));
        for (float s : scores) {
            assertTrue(Float.isFinite(s));
        }
        Model base = sfl.fit(data.train, params(Map.of("feedbackSteps", 0)), new RecordingRunContext(5));
        assertFalse(Arrays.equals(Fixtures.scoreAll(base, 120), scores));
        // 120 users in batches of 40: 3 steps an epoch; 2 joint epochs, 1 reward pretraining epoch
        for (String m : List.of("joint/sfl_loss", "joint/sfl_nll", "joint/reward", "joint/reward_loss",
                "joint/discriminator_loss")) {
            List<double[]> curve = ctx.metrics.get(m);
            assertEquals(6, curve == null ? -1 : curve.size(), m + " in " + ctx.metrics.keySet());
            for (double[] point : curve) {
                assertTrue(Double.isFinite(point[1]), m);
            }
        }
        assertEquals(3, ctx.metrics.get("joint/reward_pretrain_loss").size());
        assertEquals(3, ctx.metrics.get("pretrain/loss").size());
        double last = 0;
        for (double f : ctx.progress) {
            assertTrue(f >= last - 1e-12, "progress goes forward");
            last = f;
        }
        assertEquals(1.0, last, 1e-9);
    }

    @Test
    void savesAndLoadsAModelWithFeedbackSteps() throws Exception {
        LatentData data = new LatentData(120, 60, 10, 4, 0.8, 2.0, 4);
        Params p = params(Map.of("feedbackSteps", 2));
        Model fitted = sfl.fit(data.train, p, new RecordingRunContext(5));
        Model loaded = Fixtures.roundTrip(sfl, fitted, p);
        assertEquals(60, loaded.numItems());
        assertArrayEquals(Fixtures.scoreAll(fitted, 120), Fixtures.scoreAll(loaded, 120), "the same scores");
        int[][] histories = {data.train.itemsOf(0), data.test.itemsOf(7), {1, 2, 3}, {}};
        float[] a = new float[4 * 60];
        float[] b = new float[4 * 60];
        fitted.scoreHistories(histories, a);
        loaded.scoreHistories(histories, b);
        assertArrayEquals(a, b);
        // the loaded model keeps T: saved again, the bytes are the same
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        fitted.save(first);
        loaded.save(second);
        assertArrayEquals(first.toByteArray(), second.toByteArray());
        // and its virtual user is the same
        int[][] x = {data.train.itemsOf(3)};
        int[][] slate = {{5, 6, 7}};
        assertArrayEquals(((CfSflModel) fitted).virtualUser().listRewards(x, slate),
                ((CfSflModel) loaded).virtualUser().listRewards(x, slate));
        // a truncated file, another recommender's file and garbage are refused with IOException
        byte[] bytes = first.toByteArray();
        IOException cut = assertThrows(IOException.class, () -> sfl.load(new ByteArrayInputStream(
                Arrays.copyOf(bytes, bytes.length / 2)), p));
        assertTrue(cut instanceof EOFException || cut.getMessage().contains("cf-sfl"), String.valueOf(cut));
        Model vae = new MultVaeRecommender().fit(data.train, MultVaeRecommenderTest.params(Map.of("encoderDims",
                List.of(16, 4), "epochs", 1, "batchSize", 40)), new RecordingRunContext(1));
        ByteArrayOutputStream vaeBytes = new ByteArrayOutputStream();
        vae.save(vaeBytes);
        IOException other = assertThrows(IOException.class,
                () -> sfl.load(new ByteArrayInputStream(vaeBytes.toByteArray()), p));
        assertTrue(other.getMessage().contains("mult-vae"), other.getMessage());
        IOException garbage = assertThrows(IOException.class,
                () -> sfl.load(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), p));
        assertTrue(garbage.getMessage().contains("cf-sfl"), garbage.getMessage());
    }

    @Test
    void rejectsBadParamsNamingTheField() {
        InvalidParamsException steps = assertThrows(InvalidParamsException.class,
                () -> params(Map.of("feedbackSteps", 11)));
        assertTrue(steps.getMessage().contains("feedbackSteps"), steps.getMessage());
        InvalidParamsException weight = assertThrows(InvalidParamsException.class,
                () -> params(Map.of("rewardWeight", -1.0)));
        assertTrue(weight.getMessage().contains("rewardWeight"), weight.getMessage());
        InvalidParamsException joint = assertThrows(InvalidParamsException.class,
                () -> params(Map.of("jointEpochs", 0)));
        assertTrue(joint.getMessage().contains("jointEpochs"), joint.getMessage());
        LatentData data = new LatentData(40, 30, 5, 3, 0.8, 2.0, 1);
        InvalidParamsException dims = assertThrows(InvalidParamsException.class,
                () -> sfl.fit(data.train, params(Map.of("encoderDims", List.of(8))), new RecordingRunContext(1)));
        assertTrue(dims.getMessage().contains("encoderDims"), dims.getMessage());
    }

    @Test
    void stopsWithAMessageWhenTheLossIsNotFinite() {
        LatentData data = new LatentData(80, 40, 5, 3, 0.8, 2.0, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sfl.fit(data.train,
                params(Map.of("rewardWeight", 1e40, "epochs", 1)), new RecordingRunContext(1)));
        assertTrue(e.getMessage().contains("cf-sfl") && e.getMessage().contains("diverged"), e.getMessage());
    }

    @Test
    void cancelsDuringTheJointStage() {
        LatentData data = new LatentData(80, 40, 5, 3, 0.8, 2.0, 2);
        RecordingRunContext rec = new RecordingRunContext(1);
        RunContext ctx = new RunContext() {
            @Override
            public long seed() {
                return rec.seed();
            }

            @Override
            public void progress(double fraction, String message) {
                rec.progress(fraction, message);
            }

            @Override
            public boolean isCancelled() {
                return !rec.progress.isEmpty() && rec.progress.get(rec.progress.size() - 1) > 0.6;
            }

            @Override
            public void metric(String name, long step, double value) {
                rec.metric(name, step, value);
            }

            @Override
            public void result(String name, double value) {
                rec.result(name, value);
            }

            @Override
            public OutputStream createArtifact(String name) {
                return rec.createArtifact(name);
            }

            @Override
            public void log(System.Logger.Level level, String message) {
                rec.log(level, message);
            }
        };
        assertThrows(TrialCancelledException.class, () -> sfl.fit(data.train, params(Map.of()), ctx));
        assertTrue(rec.metrics.containsKey("joint/reward_pretrain_loss"), "cancelled in the CF-SFL stages");
    }

    @Test
    void beatsRandomOnLatentData() {
        LatentData data = new LatentData(300, 200, 20, 5, 0.8, 2.0, 1);
        Model model = sfl.fit(data.train, params(Map.of("encoderDims", List.of(64, 16), "epochs", 10,
                "batchSize", 50, "totalAnnealSteps", 100L, "feedbackSteps", 1)), new RecordingRunContext(1));
        double ndcg = Fixtures.ndcg(model, data, 0, 300, 10, false);
        double random = Fixtures.ndcg(LatentData.randomModel(200, 1), data, 0, 300, 10, false);
        assertTrue(ndcg > 3 * random && ndcg > 0.1, "cf-sfl NDCG@10 " + ndcg + ", random " + random);
    }
}
