package org.surrogate.bundles.recsimu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Shapes and gradient flow of the RecSimu networks. */
class RecSimuModelTest {

    private static final NetSettings S = new NetSettings(6, 5, 3, 7, 4, 2, 0.01, 32, 1, 0, 1.0, 1.0, 0.3, 1, 1, 0, 1);

    private static Map<String, INDArray> copy(Map<String, INDArray> m) {
        Map<String, INDArray> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }

    private static void assertAllChanged(Map<String, INDArray> before, Map<String, INDArray> after, String what) {
        for (Map.Entry<String, INDArray> e : after.entrySet()) {
            assertFalse(e.getValue().equalsWithEps(before.get(e.getKey()), 0), what + ": " + e.getKey()
                    + " did not change");
        }
    }

    private static void assertNoneChanged(Map<String, INDArray> before, Map<String, INDArray> after, String what) {
        for (Map.Entry<String, INDArray> e : after.entrySet()) {
            assertTrue(e.getValue().equalsWithEps(before.get(e.getKey()), 0), what + ": " + e.getKey() + " changed");
        }
    }

    @Test
    void eachStepMovesEveryParameterOfItsOwnNetworkOnly() {
        ClusterWorld w = new ClusterWorld(20, 12, 4, 10, 0.9, 0.1, 4);
        FeedbackMapping mapping = new FeedbackMapping("value", new double[] {4}, 60, new double[] {0, 1});
        Tuples t = Tuples.of(w.data, mapping.map("t", w.data), S.historyLength(), 2);
        ItemEmbeddings emb = ItemEmbeddings.fit(w.data, S.embedding(), 3, new Random(1));
        RecSimuModel m = new RecSimuModel("recsimu", S, emb, new Random(2));
        int[] rows = new int[32];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = k;
        }
        Map<String, INDArray> g0 = copy(m.generatorParams());
        Map<String, INDArray> d0 = copy(m.discriminatorParams());
        // Every parameter of the discriminator, including the feedback embedding and the GRU (fed through
        // variables), gets a gradient; the generator is untouched.
        double[] d = m.discriminatorStep(t, rows, new Adam(0.01), 1, 1, 1);
        assertTrue(Double.isFinite(d[0]) && d[1] > 0 && d[2] > 0, java.util.Arrays.toString(d));
        assertEquals(d[0], d[1] + S.alpha() * d[2], 1e-4);
        assertAllChanged(d0, m.discriminatorParams(), "discriminator step");
        assertNoneChanged(g0, m.generatorParams(), "discriminator step");
        Map<String, INDArray> d1 = copy(m.discriminatorParams());
        double[] g = m.generatorStep(t, rows, new Adam(0.01), 1, 1, 1);
        assertTrue(g[1] < 0 && g[2] > 0, java.util.Arrays.toString(g));
        assertEquals(g[0], g[1] + S.beta() * g[2], 1e-4);
        assertAllChanged(g0, m.generatorParams(), "generator step");
        assertNoneChanged(d1, m.discriminatorParams(), "generator step");
        // Pre-training (unsupervised weight 0) is the supervised loss alone.
        double[] pre = m.generatorStep(t, rows, new Adam(0.01), 0, 1, 0);
        assertEquals(pre[0], S.beta() * pre[2], 1e-5);
    }

    @Test
    void predictsDistributionsAndGeneratesEmbeddingsInRange() {
        ClusterWorld w = new ClusterWorld(20, 12, 4, 10, 0.9, 0.1, 4);
        FeedbackMapping mapping = new FeedbackMapping("value", new double[] {4}, 60, new double[] {0, 1});
        Tuples t = Tuples.of(w.data, mapping.map("t", w.data), S.historyLength(), 0);
        ItemEmbeddings emb = ItemEmbeddings.fit(w.data, S.embedding(), 3, new Random(1));
        RecSimuModel m = new RecSimuModel("recsimu", S, emb, new Random(2));
        float[][] p = m.predict(t);
        float[][] g = m.generate(t);
        assertEquals(t.size, p.length);
        assertEquals(t.size, g.length);
        for (int r = 0; r < t.size; r++) {
            assertEquals(2, p[r].length);
            assertEquals(1.0, p[r][0] + p[r][1], 1e-5);
            assertEquals(S.embedding(), g[r].length);
            for (float v : g[r]) {
                assertTrue(v > -1 && v < 1);
            }
        }
        for (int i = 0; i < emb.numItems(); i++) {
            for (float v : emb.vector(i)) {
                assertTrue(v > -1 && v < 1, "embedding value " + v);
            }
        }
    }

    @Test
    void statesArePaddedOnTheLeft() {
        ClusterWorld w = new ClusterWorld(2, 8, 4, 5, 0.9, 0.1, 4);
        FeedbackMapping mapping = new FeedbackMapping("value", new double[] {4}, 60, new double[] {0, 1});
        int[] types = mapping.map("t", w.data);
        Tuples t = Tuples.of(w.data, types, 3, 1);
        assertEquals(8, t.size);
        // Tuple 0: position 1 of user 0, one earlier item in the newest slot.
        assertEquals(-1, t.items[0]);
        assertEquals(-1, t.items[1]);
        assertEquals(w.data.item(0), t.items[2]);
        assertEquals(w.data.item(1), t.actions[0]);
        assertEquals(types[1], t.labels[0]);
        // Tuple 3: position 4, the three items before it.
        assertEquals(w.data.item(1), t.items[9]);
        assertEquals(w.data.item(3), t.items[11]);
    }
}
