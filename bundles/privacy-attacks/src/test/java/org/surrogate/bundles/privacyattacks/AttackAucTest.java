package org.surrogate.bundles.privacyattacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.surrogate.bundles.commons.stats.Interval;

class AttackAucTest {

    @Test
    void countsTiesAsHalf() {
        // Pairs (m, n): (3,1) win, (3,2) win, (2,1) win, (2,2) tie: (3 + 0.5) / 4.
        AttackAuc auc = new AttackAuc(new double[] {3, 2}, new double[] {1, 2});
        assertEquals(3.5 / 4, auc.auc(), 1e-15);
        // Threshold 3: TPR 1/2, FPR 0; threshold 2: TPR 1, FPR 1/2. Best 1/2.
        assertEquals(0.5, auc.advantage(), 1e-15);
    }

    @Test
    void perfectAndReversedAttacks() {
        assertEquals(1.0, new AttackAuc(new double[] {5, 6}, new double[] {1, 2, 3}).auc());
        assertEquals(0.0, new AttackAuc(new double[] {1}, new double[] {5, 6}).auc());
        assertEquals(0.0, new AttackAuc(new double[] {1}, new double[] {5, 6}).advantage());
    }

    @Test
    void bootstrapIntervalCoversTheEstimate() {
        SplittableRandom data = new SplittableRandom(1);
        double[] m = new double[300];
        double[] n = new double[300];
        for (int i = 0; i < 300; i++) {
            m[i] = data.nextGaussian() + 0.5;
            n[i] = data.nextGaussian();
        }
        AttackAuc auc = new AttackAuc(m, n);
        Interval ci = auc.interval(500, 0.95, new SplittableRandom(2));
        assertEquals(auc.auc(), ci.estimate(), 1e-15);
        assertTrue(ci.lower() < ci.estimate() && ci.estimate() < ci.upper());
        // Binormal AUC with d' = 0.5: Phi(0.5 / sqrt 2) = 0.638.
        assertEquals(0.638, auc.auc(), 0.05);
        assertTrue(ci.width() > 0.04 && ci.width() < 0.15, "width " + ci.width());
    }
}
