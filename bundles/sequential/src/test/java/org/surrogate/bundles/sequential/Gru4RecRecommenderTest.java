package org.surrogate.bundles.sequential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Recommender;

class Gru4RecRecommenderTest extends SequentialRecommenderContract {

    private final Gru4RecRecommender gru = new Gru4RecRecommender();

    @Override
    Recommender recommender() {
        return gru;
    }

    @Override
    Map<String, Object> quickParams() {
        return Map.of("embeddingSize", 8, "hiddenSize", 12, "epochs", 3, "batchSize", 64, "logEvery", 2);
    }

    @Override
    Map<String, Object> learningParams() {
        return Map.of("embeddingSize", 32, "hiddenSize", 48, "epochs", 15, "learningRate", 0.01);
    }

    @Test
    void declaresDefaults() {
        Params d = Gru4RecRecommender.DESCRIPTOR.params().defaults();
        assertEquals(64, d.getInt("embeddingSize"));
        assertEquals(100, d.getInt("hiddenSize"));
        assertEquals(0.005, d.getDouble("learningRate"));
        assertEquals(64, d.getInt("batchSize"));
        assertEquals(50, d.getInt("maxLength"));
        assertEquals(0.0, d.getDouble("embeddingDropout"));
        assertEquals(0.25, d.getDouble("hiddenDropout"));
    }

    @Test
    void rejectsBadParametersNamingTheRange() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class, () -> params(Map.of(
                "hiddenSize", 0, "learningRate", 2.0, "maxLength", 0, "hiddenDropout", 1.0, "batchSize", 0)));
        assertEquals("hiddenSize: expected an integer in [1, 4096], found 0; learningRate: expected a number in "
                + "(0, 1], found 2.0; batchSize: expected an integer in [1, 65536], found 0; maxLength: expected an "
                + "integer in [1, 1000], found 0; hiddenDropout: expected a number in [0, 1), found 1.0",
                e.getMessage());
    }
}
