package org.surrogate.bundles.recsimu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.Params;
import org.surrogate.api.simulator.Observation;
import org.surrogate.api.simulator.StepResult;
import org.surrogate.testkit.RecordingRunContext;

class RecSimuSimulatorTest {

    /** Small networks and few epochs: the tiny world is learnable in seconds. */
    static Map<String, Object> quick(FeedbackSimulator sim) {
        Map<String, Object> m = new HashMap<>();
        m.put("historyLength", 8);
        m.put("minHistory", 4);
        m.put("embeddingSize", 8);
        if (sim.descriptor().params().params().stream().anyMatch(p -> p.name().equals("epochs"))) {
            m.put("epochs", 4);
            m.put("batchSize", 100);
            m.put("learningRate", 0.005);
        }
        if (sim.descriptor().params().params().stream().anyMatch(p -> p.name().equals("hiddenSize"))) {
            m.put("hiddenSize", 16);
            m.put("denseSize", 16);
        }
        if (sim instanceof RecSimuSimulator) {
            m.put("pretrainEpochs", 1);
        }
        return m;
    }

    static Params params(FeedbackSimulator sim, Map<String, Object> values) {
        return sim.descriptor().params().validate(values, sim.descriptor().id());
    }

    /** AUC of the simulator on fresh users of the same world, by the model's positive probability. */
    static double heldOutAuc(FeedbackEnvironment env, ClusterWorld test) {
        FeedbackMapping mapping = env.mapping();
        int[] types = mapping.map("test", test.data);
        Tuples t = Tuples.of(test.data, types, env.historyLength(), 4);
        float[][] p = env.model().predict(t);
        double[] score = new double[t.size];
        boolean[] positive = new boolean[t.size];
        for (int k = 0; k < t.size; k++) {
            score[k] = p[k][1];
            positive[k] = t.labels[k] == 1;
        }
        return Scores.auc(score, positive, null);
    }

    @Test
    void trainedRecSimuBeatsRandomOnAKnownChoiceModel() {
        ClusterWorld train = new ClusterWorld(300, 120, 4, 30, 0.9, 0.1, 1);
        ClusterWorld test = new ClusterWorld(100, 120, 4, 30, 0.9, 0.1, 2);
        RecSimuSimulator recsimu = new RecSimuSimulator();
        RandomSimulator random = new RandomSimulator();
        RecordingRunContext ctx = new RecordingRunContext(7);
        Map<String, Object> q = quick(recsimu);
        q.put("hiddenSize", 32);
        q.put("denseSize", 32);
        q.put("learningRate", 0.003);
        FeedbackEnvironment sim = (FeedbackEnvironment) recsimu.create(train.data, params(recsimu, q), ctx);
        FeedbackEnvironment rnd = (FeedbackEnvironment) random.create(train.data, params(random, quick(random)), ctx);
        double aucSim = heldOutAuc(sim, test);
        double aucRandom = heldOutAuc(rnd, test);
        // The Bayes-optimal AUC of this world is 0.9; random is 0.5.
        assertTrue(aucRandom > 0.45 && aucRandom < 0.55, "random AUC " + aucRandom);
        assertTrue(aucSim > aucRandom + 0.15, "recsimu AUC " + aucSim + " vs random " + aucRandom);
        assertTrue(ctx.metrics.containsKey("d_loss") && ctx.metrics.containsKey("g_loss"), ctx.metrics.keySet()
                .toString());
        assertTrue(ctx.metrics.containsKey("pretrain/g_sup") && ctx.metrics.containsKey("pretrain/d_sup"));
    }

    @Test
    void sameSeedGivesSameNumbers() {
        ClusterWorld train = new ClusterWorld(60, 40, 4, 16, 0.9, 0.1, 3);
        RecSimuSimulator recsimu = new RecSimuSimulator();
        Map<String, Object> q = quick(recsimu);
        q.put("epochs", 1);
        float[][] a = run(recsimu, train, q, 11);
        float[][] b = run(recsimu, train, q, 11);
        float[][] c = run(recsimu, train, q, 12);
        for (int k = 0; k < a.length; k++) {
            assertArrayEquals(a[k], b[k]);
        }
        boolean differs = false;
        for (int k = 0; k < a.length; k++) {
            differs |= a[k][1] != c[k][1];
        }
        assertTrue(differs, "another seed should give other numbers");
    }

    private static float[][] run(FeedbackSimulator sim, ClusterWorld w, Map<String, Object> q, long seed) {
        RecordingRunContext ctx = new RecordingRunContext(seed);
        FeedbackEnvironment env = (FeedbackEnvironment) sim.create(w.data, params(sim, q), ctx);
        return env.model().predict(Tuples.of(w.data, env.mapping().map("t", w.data), env.historyLength(), 4));
    }

    @Test
    void environmentStepsSessionsInBatches() {
        ClusterWorld w = new ClusterWorld(40, 40, 4, 12, 0.9, 0.1, 5);
        GruSimulator gru = new GruSimulator();
        Map<String, Object> q = quick(gru);
        q.put("epochs", 1);
        q.put("horizon", 2);
        FeedbackEnvironment env = (FeedbackEnvironment) gru.create(w.data, params(gru, q), new RecordingRunContext(1));
        Observation o1 = env.reset(0);
        Observation o2 = env.reset(1, new int[] {1, 2}, new int[] {1, 0});
        assertEquals(8, o1.items().length);
        List<StepResult> r = env.step(List.of(o1, o2), List.of(new int[] {3, 4, 5}, new int[] {6}));
        assertEquals(3, r.get(0).feedback().length);
        assertEquals(8, r.get(0).next().items().length);
        assertArrayEquals(new int[] {1, 2, 6}, r.get(1).next().items());
        assertEquals(r.get(1).feedback()[0], r.get(1).next().feedback()[2]);
        double reward = 0;
        for (int f : r.get(0).feedback()) {
            reward += f;
        }
        assertEquals(reward, r.get(0).reward());
        assertTrue(!r.get(0).done());
        StepResult last = env.step(r.get(1).next(), new int[] {7});
        assertTrue(last.done());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> env.step(last.next(), new int[] {7}));
        assertTrue(e.getMessage().contains("is done (horizon 2)"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> env.step(o1, new int[] {40}));
        assertEquals("simulator 'sim-gru': item 40 is out of range [0, 40)", bad.getMessage());
    }

    @Test
    void rejectsBadParametersNamingTheField() {
        RecSimuSimulator recsimu = new RecSimuSimulator();
        InvalidParamsException e = assertThrows(InvalidParamsException.class,
                () -> params(recsimu, Map.of("hiddenSize", 0, "learningRate", 0.0, "lambda", -1.0)));
        assertTrue(e.getMessage().contains("hiddenSize: expected an integer in [1, 4096], found 0"), e.getMessage());
        assertTrue(e.getMessage().contains("learningRate"), e.getMessage());
        assertTrue(e.getMessage().contains("lambda"), e.getMessage());
        ClusterWorld w = new ClusterWorld(10, 8, 4, 6, 0.9, 0.1, 5);
        IllegalArgumentException cuts = assertThrows(IllegalArgumentException.class, () -> recsimu.create(w.data,
                params(recsimu, Map.of("valueCuts", List.of(4.0, 2.0))), new RecordingRunContext(1)));
        assertEquals("simulator 'recsimu': valueCuts must be strictly increasing, found [4.0, 2.0]", cuts.getMessage());
        IllegalArgumentException oneType = assertThrows(IllegalArgumentException.class, () -> recsimu.create(w.data,
                params(recsimu, Map.of("valueCuts", List.of(10.0))), new RecordingRunContext(1)));
        assertTrue(oneType.getMessage().startsWith("simulator 'recsimu': every interaction of 'cluster-world' maps "
                + "to the same feedback type"), oneType.getMessage());
        IllegalArgumentException rewards = assertThrows(IllegalArgumentException.class, () -> recsimu.create(w.data,
                params(recsimu, Map.of("rewards", List.of(1.0))), new RecordingRunContext(1)));
        assertEquals("simulator 'recsimu': rewards must hold one value per feedback type (2), found 1 [1.0]",
                rewards.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> recsimu.create(null, params(recsimu, Map.of()), new RecordingRunContext(1)));
        assertEquals("simulator 'recsimu' learns from logs, and none were given", none.getMessage());
    }

    @Test
    void declaresThePaperDefaults() {
        Params d = new RecSimuSimulator().descriptor().params().defaults();
        assertEquals(20, d.getInt("historyLength"));
        assertEquals(20, d.getInt("embeddingSize"));
        assertEquals(10, d.getInt("feedbackEmbeddingSize"));
        assertEquals(128, d.getInt("hiddenSize"));
        assertEquals(1e-3, d.getDouble("learningRate"));
        assertEquals(500, d.getInt("batchSize"));
        assertEquals(0.3, d.getDouble("lambda"));
    }
}
