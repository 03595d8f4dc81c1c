package org.surrogate.bundles.neighborhood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Model;
import org.surrogate.testkit.LatentData;
import org.surrogate.testkit.RecordingRunContext;

class RandomRecommenderTest {

    private final RandomRecommender recommender = new RandomRecommender();
    private final Params none = RandomRecommender.DESCRIPTOR.params().defaults();
    private final LatentData data = new LatentData(30, 50, 5, 1, 0.0, 1.0, 1);

    @Test
    void repeatedCallsAndBatchesAgree() {
        Model m = recommender.fit(data.train, none, new RecordingRunContext(7));
        float[] all = Fixtures.scoreAll(m, 30);
        assertArrayEquals(all, Fixtures.scoreAll(m, 30), 0f);
        float[] one = new float[50];
        m.score(new int[] {17}, one);
        assertArrayEquals(Arrays.copyOfRange(all, 17 * 50, 18 * 50), one, 0f);
    }

    @Test
    void sameSeedSameScoresOtherSeedOtherScores() {
        float[] a = Fixtures.scoreAll(recommender.fit(data.train, none, new RecordingRunContext(7)), 30);
        float[] b = Fixtures.scoreAll(recommender.fit(data.train, none, new RecordingRunContext(7)), 30);
        float[] c = Fixtures.scoreAll(recommender.fit(data.train, none, new RecordingRunContext(8)), 30);
        assertArrayEquals(a, b, 0f);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void scoresAreInTheUnitIntervalAndSpread() {
        float[] a = Fixtures.scoreAll(recommender.fit(data.train, none, new RecordingRunContext(3)), 30);
        double sum = 0;
        for (float v : a) {
            assertTrue(v >= 0 && v < 1, "score " + v);
            sum += v;
        }
        assertEquals(0.5, sum / a.length, 0.03);
    }
}
