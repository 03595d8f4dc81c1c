package org.surrogate.bundles.sequential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NetworkTrainerTest {

    @Test
    void aNanLossStopsTrainingNamingTheEpochAndTheLearningRate() {
        NetworkTrainer.checkLoss("narm", 3.2, 1, 1, 0.001);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NetworkTrainer.checkLoss("narm", Double.NaN, 4, 17, 0.5));
        assertEquals("narm: training diverged at epoch 4, batch 17 (loss NaN) with learningRate 0.5; lower "
                + "learningRate", e.getMessage());
    }
}
