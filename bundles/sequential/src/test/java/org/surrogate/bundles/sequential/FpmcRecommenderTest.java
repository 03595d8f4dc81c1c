package org.surrogate.bundles.sequential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.testkit.RecordingRunContext;

class FpmcRecommenderTest extends SequentialRecommenderContract {

    private final FpmcRecommender fpmc = new FpmcRecommender();

    @Override
    Recommender recommender() {
        return fpmc;
    }

    @Override
    Map<String, Object> quickParams() {
        return Map.of("factors", 8, "epochs", 3, "logEvery", 1);
    }

    @Override
    Map<String, Object> learningParams() {
        return Map.of();
    }

    @Test
    void declaresDefaults() {
        Params d = FpmcRecommender.DESCRIPTOR.params().defaults();
        assertEquals(64, d.getInt("factors"));
        assertEquals(30, d.getInt("epochs"));
        assertEquals(0.05, d.getDouble("learningRate"));
        assertEquals(0.001, d.getDouble("regularization"));
        assertEquals(0L, d.getLong("samplesPerEpoch"));
        assertEquals("time", d.getString("order"));
    }

    @Test
    void rejectsBadParametersNamingTheRange() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class, () -> params(Map.of("factors", 0,
                "learningRate", 0.0, "regularization", -1.0, "samplesPerEpoch", -1, "epochs", 0)));
        assertEquals("factors: expected an integer in [1, 10000], found 0; epochs: expected an integer in [1, 10000], "
                + "found 0; learningRate: expected a number in (0, 10], found 0.0; regularization: expected a number "
                + "in [0, 10], found -1.0; samplesPerEpoch: expected a long integer >= 0, found -1", e.getMessage());
    }

    @Test
    void stopsWithAClearMessageWhenTrainingDiverges() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> fpmc.fit(SMALL,
                params(Map.of("learningRate", 10.0, "regularization", 0.0)), new RecordingRunContext(1)));
        assertEquals("fpmc: training diverged at epoch 1 (loss NaN) with learningRate 10.0; lower learningRate "
                + "or raise regularization", e.getMessage());
    }

    /** A history has no user: it is scored with the mean user factor and its last item. */
    @Override
    @Test
    void scoresAUserLikeTheUsersHistory() {
        Model model = fpmc.fit(SMALL, params(quickParams()), new RecordingRunContext(1));
        float[] a = new float[60];
        float[] b = new float[60];
        model.scoreHistories(new int[][] {{4, 9, 12}}, a);
        model.scoreHistories(new int[][] {{12}}, b);
        assertArrayEquals(a, b, 0f);
    }
}
