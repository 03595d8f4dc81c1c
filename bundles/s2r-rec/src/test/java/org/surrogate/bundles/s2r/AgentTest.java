package org.surrogate.bundles.s2r;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.surrogate.api.param.Params;
import org.surrogate.bundles.commons.stats.Bootstrap;
import org.surrogate.bundles.commons.stats.Interval;
import org.surrogate.testkit.RecordingRunContext;

class AgentTest {

    @TempDir
    Path dir;

    private SimToRealTask movies() throws Exception {
        Fixtures.Movies m = Fixtures.movies(dir, 120, 60, 2);
        Params p = GenreSplitSimulator.DESCRIPTOR.params().validate(Fixtures.splitParams(m.genreFile()), "");
        return ((SimToRealEnvironment) new GenreSplitSimulator().create(m.data(), p, new RecordingRunContext(3))).task();
    }

    private static AgentSettings settings(String variant, int iterations) {
        Map<String, Object> v = new HashMap<>();
        v.put("variant", variant);
        v.put("iterations", iterations);
        v.put("batchSessions", 16);
        v.put("sessionsPerIteration", 8);
        v.put("alignSteps", 40);
        v.put("hidden", 16);
        v.put("dim", 8);
        v.put("learningRate", 3e-3);
        return AgentSettings.from(AgentSettings.schema().validate(v, ""));
    }

    @Test
    void javaForwardMatchesTheSameDiffGraph() {
        Random rng = new Random(1);
        Map<String, INDArray> params = new HashMap<>();
        QNetwork net = new QNetwork(6, 4, 5, 3, 2, params, rng);
        float[][][] feats = new float[2][3][6];
        float[][] rewards = new float[2][3];
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 3; t++) {
                for (int f = 0; f < 6; f++) {
                    feats[b][t][f] = (float) rng.nextGaussian();
                }
                rewards[b][t] = rng.nextFloat();
            }
        }
        float[][] graph = net.graphQ(feats, rewards);
        QSnapshot snap = net.snapshot();
        for (int b = 0; b < 2; b++) {
            float[] h = new float[5];
            float[] c = new float[5];
            float[] java = new float[3];
            for (int t = 0; t < 3; t++) {
                float[] v = snap.itemVector(feats[b][t]);
                java[t] = QSnapshot.dot(snap.query(h), v);
                snap.step(h, c, v, rewards[b][t]);
            }
            assertArrayEquals(graph[b], java, 1e-4f);
        }
    }

    @Test
    void nonFiniteLossStopsTrainingWithAMessage() {
        Map<String, INDArray> params = new HashMap<>();
        QNetwork net = new QNetwork(6, 4, 5, 3, 2, params, new Random(1));
        float[][][] feats = new float[2][3][6];
        float[][] targets = {{Float.NaN, 0, 0}, {0, 0, 0}};
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> net.train(feats, new float[2][3], targets, new Adam(1e-3, 5), net.names()));
        assertEquals("TD loss is NaN", e.getMessage());
    }

    @Test
    void identicalSimAndRealGiveNearZeroCorrectionAndMirroredRealDoesNot() throws Exception {
        SimToRealTask same = Fixtures.identicalTask(movies());
        SimToRealTask flipped = Fixtures.flippedTask(same);
        double[] d0 = correction(same);
        double[] d1 = correction(flipped);
        assertTrue(Math.abs(d0[0]) < 0.1 && d0[1] < 0.15, "identical: mean " + d0[0] + ", mean |dr| " + d0[1]);
        assertTrue(d1[1] > 3 * d0[1] && d1[1] > 0.3, "mirrored: mean |dr| " + d1[1] + " vs identical " + d0[1]);
    }

    private double[] correction(SimToRealTask task) {
        S2rAgent agent = new S2rAgent(task, settings("no-repada", 150), new RecordingRunContext(4), "test");
        agent.train();
        return agent.meanDelta(2000);
    }

    @Test
    void trainedDqnBeatsRandomPolicyOnASignal() throws Exception {
        SimToRealTask task = Fixtures.identicalTask(movies());
        RecordingRunContext ctx = new RecordingRunContext(6);
        S2rPolicy policy = new S2rAgent(task, settings("dqn-sim-only", 150), ctx, "test").train();
        SessionEvaluation trained = SessionEvaluation.run(policy, task.realTestEnvironment());
        SessionEvaluation random = SessionEvaluation.run(new RandomPolicy(task.real().numItems(), new Random(1)),
                task.realTestEnvironment());
        Interval t = Bootstrap.meanInterval(trained.reward(), 1000, 0.95, new Random(1));
        Interval r = Bootstrap.meanInterval(random.reward(), 1000, 0.95, new Random(1));
        assertTrue(t.lower() > r.upper(), "trained " + t + " vs random " + r);
        assertTrue(ctx.metrics.containsKey("loss/rl") && ctx.metrics.containsKey("reward/sim"));
        assertEquals(150, ctx.metrics.get("loss/rl").size());
    }

    @Test
    void fullVariantLogsEveryLossAndIsDeterministic() throws Exception {
        SimToRealTask task = movies();
        RecordingRunContext a = new RecordingRunContext(8);
        RecordingRunContext b = new RecordingRunContext(8);
        S2rPolicy pa = new S2rAgent(task, settings("full", 12), a, "test").train();
        S2rPolicy pb = new S2rAgent(task, settings("full", 12), b, "test").train();
        for (String m : new String[] {"loss/rl", "loss/sa", "loss/sas", "loss/pred", "loss/dom", "align/loss-pred",
            "reward/sim", "reward/real-train"}) {
            assertTrue(a.metrics.containsKey(m), m + " in " + a.metrics.keySet());
        }
        assertEquals(render(a.metrics.get("loss/rl")), render(b.metrics.get("loss/rl")));
        SessionEvaluation ea = SessionEvaluation.run(pa, task.realTestEnvironment());
        SessionEvaluation eb = SessionEvaluation.run(pb, task.realTestEnvironment());
        assertArrayEquals(ea.reward(), eb.reward());
    }

    private static String render(java.util.List<double[]> curve) {
        StringBuilder s = new StringBuilder();
        curve.forEach(p -> s.append(p[0]).append(':').append(p[1]).append(' '));
        return s.toString();
    }
}
