package org.surrogate.bundles.autoencoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The hand-written pass against SameDiff's graph: same weights, batch, noise and KL weight must give
 * the same loss and the same gradient for every variable and input projection.
 */
class DirectNetworkTest {

    private static final int ITEMS = 60;

    @Test
    void multVaeGradientsEqualSameDiffs() {
        check(new AutoencoderSettings("mult-vae", true, List.of(32, 8), 1, 20, 1e-3, 0.5, 0.0, 0.2, 0, 1), 0.3);
    }

    @Test
    void multVaeWithL2AndNoHiddenEncoderLayerGradientsEqualSameDiffs() {
        // [I-8-I]: the mean and log-variance heads are both input projections
        check(new AutoencoderSettings("mult-vae", true, List.of(8), 1, 20, 1e-3, 0.5, 0.01, 0.2, 0, 1), 0.7);
    }

    @Test
    void multDaeGradientsEqualSameDiffs() {
        check(new AutoencoderSettings("mult-dae", false, List.of(16, 8), 1, 20, 1e-3, 0.5, 0.01, 0, 0, 1), 0);
    }

    private static void check(AutoencoderSettings settings, double beta) {
        for (int threads : new int[] {1, 3}) {
            try (Parallel parallel = new Parallel(threads)) {
                check(settings, beta, parallel);
            }
        }
    }

    private static void check(AutoencoderSettings settings, double beta, Parallel parallel) {
        AutoencoderTrainer.setThreads(1);
        Random data = new Random(11);
        int n = 17;
        int[][] histories = new int[n][];
        for (int u = 0; u < n; u++) {
            histories[u] = new int[1 + data.nextInt(12)];
            for (int k = 0; k < histories[u].length; k++) {
                histories[u][k] = data.nextInt(ITEMS);
            }
        }
        InteractionRows rows = InteractionRows.of(histories, ITEMS, settings.id());
        int[] users = rows.nonEmptyRows();
        AutoencoderGraph graph = new AutoencoderGraph(settings, ITEMS, new Random(5));
        List<SparseProjection> projections = new ArrayList<>();
        for (AutoencoderGraph.InputProjection p : graph.projections()) {
            projections.add(new SparseProjection(p, settings.learningRate(), settings.l2(), parallel));
        }
        DirectNetwork direct = new DirectNetwork(graph, settings, ITEMS, projections, parallel);

        InteractionRows.SparseBatch input = new InteractionRows.SparseBatch();
        rows.sparseNormalised(users, 0, users.length, settings.dropout(), new Random(7), input);
        float[] target = new float[users.length * ITEMS];
        rows.binary(users, 0, users.length, target);
        int[] tStart = new int[users.length + 1];
        List<Integer> items = new ArrayList<>();
        for (int k = 0; k < users.length; k++) {
            for (int p = rows.offsets()[users[k]]; p < rows.offsets()[users[k] + 1]; p++) {
                items.add(rows.items()[p]);
            }
            tStart[k + 1] = items.size();
        }
        int[] tItems = items.stream().mapToInt(Integer::intValue).toArray();
        float[] eps = new float[users.length * graph.latent()];
        Random noise = new Random(9);
        for (int k = 0; k < eps.length; k++) {
            eps[k] = (float) noise.nextGaussian();
        }

        SameDiff sd = graph.sameDiff();
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(AutoencoderGraph.TARGET, Nd4j.create(target, new long[] {users.length, ITEMS}, 'c'));
        if (settings.variational()) {
            feed.put(AutoencoderGraph.NOISE, Nd4j.create(eps, new long[] {users.length, graph.latent()}, 'c'));
            feed.put(AutoencoderGraph.BETA, Nd4j.scalar((float) beta));
        }
        List<String> names = new ArrayList<>(graph.variableNames());
        for (SparseProjection p : projections) {
            feed.put(p.placeholder(), p.forward(input));
            names.add(p.placeholder());
        }
        OutAndGrad expected = sd.calculateGradientsAndOutputs(feed, List.of(AutoencoderGraph.LOSS, AutoencoderGraph.NLL,
                AutoencoderGraph.KL), names);

        DirectNetwork.Losses actual = direct.forwardBackward(input, tStart, tItems, eps, beta);
        assertEquals(expected.getOutputs().get(AutoencoderGraph.LOSS).getDouble(0), actual.loss(),
                1e-5 * Math.abs(actual.loss()), "loss");
        assertEquals(expected.getOutputs().get(AutoencoderGraph.NLL).getDouble(0), actual.nll(),
                1e-5 * Math.abs(actual.nll()), "nll");
        assertEquals(expected.getOutputs().get(AutoencoderGraph.KL).getDouble(0), actual.kl(), 1e-5, "kl");
        assertTrue(names.size() >= 6, "variables " + names);
        for (String name : names) {
            INDArray e = expected.getGradients().get(name);
            INDArray a = direct.gradient(name);
            double scale = Math.max(1e-3, e.amaxNumber().doubleValue());
            double diff = e.reshape(a.shape()).sub(a).amaxNumber().doubleValue();
            assertTrue(diff <= 1e-4 * scale, name + ": max |SameDiff - direct| " + diff + " for max |gradient| " + scale);
        }
    }
}
