package org.surrogate.bundles.neighborhood;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.run.TrialCancelledException;
import org.surrogate.testkit.LatentData;
import org.surrogate.testkit.RecordingRunContext;

class EaseRecommenderTest {

    private final EaseRecommender recommender = new EaseRecommender();

    private static Params params(Map<String, ?> values) {
        return EaseRecommender.DESCRIPTOR.params().validate(values, "");
    }

    @Test
    void matchesADenseComputationWithCommonsMath() {
        double lambda = 0.7;
        double[][] x = {{1, 1, 0, 0}, {0, 1, 1, 0}, {1, 1, 1, 0}, {0, 0, 1, 1}, {1, 0, 0, 1}};
        var b = Dataset.builder("tiny", 5, 4);
        for (int u = 0; u < 5; u++) {
            for (int i = 0; i < 4; i++) {
                if (x[u][i] == 1) {
                    b.add(u, i, 3f);
                }
            }
        }
        Model m = recommender.fit(b.build(), params(Map.of("lambda", lambda)), new RecordingRunContext(1));
        RealMatrix xm = MatrixUtils.createRealMatrix(x);
        RealMatrix g = xm.transpose().multiply(xm).add(MatrixUtils.createRealIdentityMatrix(4).scalarMultiply(lambda));
        RealMatrix p = new LUDecomposition(g).getSolver().getInverse();
        RealMatrix w = MatrixUtils.createRealMatrix(4, 4);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                w.setEntry(i, j, i == j ? 0 : -p.getEntry(i, j) / p.getEntry(j, j));
            }
        }
        double[][] expected = xm.multiply(w).getData();
        float[] flat = new float[20];
        for (int u = 0; u < 5; u++) {
            for (int i = 0; i < 4; i++) {
                flat[u * 4 + i] = (float) expected[u][i];
            }
        }
        assertArrayEquals(flat, Fixtures.scoreAll(m, 5), 1e-5f);
    }

    @Test
    void rejectsLambdaOfZero() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> params(Map.of("lambda", 0.0)));
        assertEquals("lambda: expected a number > 0, found 0.0", e.getMessage());
    }

    @Test
    void rejectsCataloguesAboveTheDenseLimit() {
        Dataset big = Dataset.builder("big", 1, 20_001).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> recommender.fit(big, params(Map.of()), new RecordingRunContext(1)));
        assertEquals("recommender 'ease': dataset 'big' has 20001 items, above the limit of 20000 (EASE inverts a "
                + "dense items x items matrix); use item-knn for larger catalogues", e.getMessage());
    }

    @Test
    void honoursCancellation() {
        RecordingRunContext ctx = new RecordingRunContext(1);
        ctx.cancelled = true;
        LatentData data = new LatentData(50, 40, 10, 2, 0.0, 3.0, 1);
        assertThrows(TrialCancelledException.class, () -> recommender.fit(data.train, params(Map.of()), ctx));
    }

    @Test
    void beatsRandomByAWideMarginOnLatentData() {
        for (long seed = 1; seed <= 3; seed++) {
            LatentData data = new LatentData(400, 200, 25, 5, 0.0, 3.0, seed);
            double ease = data.recall(recommender.fit(data.train, params(Map.of()), new RecordingRunContext(seed)), 10);
            double random = data.recall(new RandomRecommender().fit(data.train,
                    RandomRecommender.DESCRIPTOR.params().defaults(), new RecordingRunContext(seed)), 10);
            System.out.printf("ease seed %d: recall@10 %.4f, random %.4f%n", seed, ease, random);
            assertTrue(ease > 3 * random && ease > random + 0.15, "seed " + seed + ": ease " + ease
                    + ", random " + random);
        }
    }
}
