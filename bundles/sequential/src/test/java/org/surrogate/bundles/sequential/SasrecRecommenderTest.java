package org.surrogate.bundles.sequential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.recommender.Recommender;

class SasrecRecommenderTest extends SequentialRecommenderContract {

    private final SasrecRecommender rec = new SasrecRecommender();

    @Override
    Recommender recommender() {
        return rec;
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
    void rejectsBadParametersNamingTheField() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class, () -> params(Map.of(
                "embeddingSize", 0, "epochs", 0)));
        assertEquals("embeddingSize: expected an integer in [1, 4096], found 0; epochs: expected an integer in "
                + "[1, 10000], found 0", e.getMessage());
    }
}
