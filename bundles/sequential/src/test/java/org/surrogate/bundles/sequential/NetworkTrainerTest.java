package org.surrogate.bundles.sequential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class NetworkTrainerTest {

    @Test
    void aNanLossStopsTrainingNamingTheEpochAndTheLearningRate() {
        NetworkTrainer.checkLoss("narm", 3.2, 1, 1, 0.001);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NetworkTrainer.checkLoss("narm", Double.NaN, 4, 17, 0.5));
        assertEquals("narm: training diverged at epoch 4, batch 17 (loss NaN) with learningRate 0.5; lower "
                + "learningRate", e.getMessage());
    }

    @Test
    void theLossStaysFiniteWhenLogitsAreFarApart() {
        // Every architecture, with its output weights scaled up until logits differ by thousands: a
        // log(softmax) loss is NaN there (0 * -infinity); the loss must stay the finite cross-entropy.
        for (NetworkKind kind : NetworkKind.values()) {
            NetworkSettings s = new NetworkSettings(kind, 6, 4, 5, 8, 0, 0);
            Map<String, INDArray> params = SequenceNetwork.initialParams(s, new Random(1));
            params.get("emb").muli(300);
            if (params.containsKey("out_w")) {
                params.get("out_w").muli(300);
            }
            SequenceNetwork net = new SequenceNetwork(s, params);
            SequenceBatch batch = new SequenceBatch(new int[][] {{0, 1, 2}, {3, 4}}, new int[][] {{1, 2, 3}, {4, 5}},
                    new Random(2));
            double loss = net.gradients(batch).get("loss").getDouble(0);
            assertTrue(Double.isFinite(loss) && loss > 1, kind + ": loss " + loss);
        }
    }

    @Test
    void everySessionFreesItsIntermediatesInsteadOfCachingThem() {
        for (NetworkKind kind : NetworkKind.values()) {
            NetworkSettings s = new NetworkSettings(kind, 6, 4, 5, 8, 0, 0);
            SequenceNetwork net = new SequenceNetwork(s, SequenceNetwork.initialParams(s, new Random(1)));
            net.gradients(new SequenceBatch(new int[][] {{0, 1, 2}}, new int[][] {{1, 2, 3}}, new Random(2)));
            net.lastFeatures(new SequenceBatch(new int[][] {{0, 1}}, null, null));
            org.nd4j.autodiff.samediff.SameDiff sd = net.graph();
            java.util.List<org.nd4j.autodiff.samediff.internal.InferenceSession> sessions =
                    new java.util.ArrayList<>(sd.getSessions().values());
            sessions.addAll(sd.getFunction("grad").getSessions().values());
            assertTrue(sessions.size() >= 2, kind + ": " + sessions.size() + " sessions");
            for (org.nd4j.autodiff.samediff.internal.InferenceSession session : sessions) {
                assertTrue(session.getMmgr() instanceof ClosingMemoryManager,
                        kind + ": a session caches arrays with " + session.getMmgr().getClass().getSimpleName());
            }
        }
    }
}
