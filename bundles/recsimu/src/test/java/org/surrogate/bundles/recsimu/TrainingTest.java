package org.surrogate.bundles.recsimu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.run.TrialCancelledException;
import org.surrogate.testkit.RecordingRunContext;

class TrainingTest {

    @Test
    void stopsOnANonFiniteLossNamingWhereAndWhat() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Training.checkLoss("recsimu", "discriminator loss L_D", Double.NaN, 3, 42, 0.5));
        assertEquals("simulator 'recsimu': discriminator loss L_D became NaN at epoch 3, step 42 (learningRate 0.5); "
                + "training stopped: lower learningRate or check the logs for extreme values", e.getMessage());
        Training.checkLoss("recsimu", "loss", 1e30, 1, 1, 0.1); // finite: goes on
    }

    @Test
    void honoursCancellationWhileTraining() {
        ClusterWorld w = new ClusterWorld(40, 40, 4, 12, 0.9, 0.1, 5);
        for (FeedbackSimulator sim : new FeedbackSimulator[] {new LrSimulator(), new GruSimulator(),
                new GanSimulator(), new RecSimuSimulator()}) {
            RecordingRunContext ctx = new RecordingRunContext(1);
            ctx.cancelled = true;
            Map<String, Object> q = RecSimuSimulatorTest.quick(sim);
            assertThrows(TrialCancelledException.class,
                    () -> sim.create(w.data, RecSimuSimulatorTest.params(sim, q), ctx), sim.descriptor().id());
        }
    }

    @Test
    void batchesCoverEveryTupleOnce() {
        int[][] b = Training.batches(11, 4, new java.util.Random(1));
        assertEquals(3, b.length);
        assertEquals(3, b[2].length);
        boolean[] seen = new boolean[11];
        for (int[] batch : b) {
            for (int r : batch) {
                assertTrue(!seen[r]);
                seen[r] = true;
            }
        }
    }
}
