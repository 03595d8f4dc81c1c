package org.surrogate.bundles.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.privacy.PrivacyGuarantee;
import org.surrogate.testkit.RecordingRunContext;

class LaplaceRatingsTest {

    private final LaplaceRatings mechanism = new LaplaceRatings();

    private Params params(Map<String, ?> values) {
        return Fixtures.params(mechanism, values);
    }

    @Test
    void descriptorDeclaresIdKindAndDefaults() {
        assertEquals("laplace-ratings", mechanism.descriptor().id());
        assertEquals(PluginKind.PRIVACY_MECHANISM, mechanism.descriptor().kind());
        Params p = params(Map.of());
        assertEquals(1.0, p.getDouble("epsilon"));
        assertEquals(1.0, p.getDouble("minRating"));
        assertEquals(5.0, p.getDouble("maxRating"));
        assertEquals(0.0, p.getDouble("roundingStep"));
    }

    @Test
    void laplaceSamplerHasTheScaleItIsGiven() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 400_000;
        double b = 4.0;
        double sumAbs = 0;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double x = Noise.laplace(rng, b);
            sumAbs += Math.abs(x);
            sum += x;
            sumSq += x * x;
        }
        assertEquals(b, sumAbs / n, 0.02 * b, "E|X| = b");
        assertEquals(2 * b * b, sumSq / n, 0.03 * 2 * b * b, "Var X = 2 b^2");
        assertEquals(0, sum / n, 0.03);
    }

    @Test
    void noiseScaleIsRangeOverEpsilonOnALargeSample() {
        // Ratings 3 in [1, 5]: sensitivity 4, epsilon 20, so b = 0.2 and clipping (|noise| > 2) has probability e^-10.
        Dataset data = Fixtures.constantRatings(2_000, 500, 100, 3f, 1);
        Dataset noisy = mechanism.apply(data, params(Map.of("epsilon", 20.0)), new RecordingRunContext(7));
        assertTrue(Fixtures.sameStructure(data, noisy));
        double sumAbs = 0;
        double sum = 0;
        for (int k = 0; k < noisy.size(); k++) {
            double d = noisy.value(k) - 3.0;
            sumAbs += Math.abs(d);
            sum += d;
        }
        assertEquals(0.2, sumAbs / noisy.size(), 0.2 * 0.02);
        assertEquals(0, sum / noisy.size(), 0.003);
        assertEquals(0.2, LaplaceRatings.scale(new RatingRange("t", 1, 5, 0), 20), 1e-15);
    }

    @Test
    void clipsRatingsIntoTheRangeBeforeAndAfterTheNoise() {
        Dataset data = Dataset.builder("out of range", 2, 2).add(0, 0, 9f).add(0, 1, -3f).add(1, 0, 4f).build();
        Dataset almostExact = mechanism.apply(data, params(Map.of("epsilon", 1e6)), new RecordingRunContext(1));
        assertEquals(5.0, almostExact.value(0), 1e-3);
        assertEquals(1.0, almostExact.value(1), 1e-3);
        assertEquals(4.0, almostExact.value(2), 1e-3);
        Dataset big = Fixtures.constantRatings(500, 100, 20, 3f, 2);
        Dataset veryNoisy = mechanism.apply(big, params(Map.of("epsilon", 0.1)), new RecordingRunContext(1));
        for (int k = 0; k < veryNoisy.size(); k++) {
            assertTrue(veryNoisy.value(k) >= 1f && veryNoisy.value(k) <= 5f, "value " + veryNoisy.value(k));
        }
    }

    @Test
    void logsHowManyRatingsWereClipped() {
        Dataset data = Dataset.builder("out of range", 1, 2).add(0, 0, 9f).add(0, 1, 3f).build();
        RecordingRunContext ctx = new RecordingRunContext(1);
        mechanism.apply(data, params(Map.of()), ctx);
        assertTrue(ctx.logs.contains("INFO privacy mechanism 'laplace-ratings': 1 of 2 ratings were outside [1, 5] "
                + "and were clipped before the noise"), ctx.logs.toString());
    }

    @Test
    void roundsNoisyRatingsToTheGrid() {
        Dataset data = Fixtures.constantRatings(300, 100, 20, 3f, 3);
        Dataset noisy = mechanism.apply(data, params(Map.of("epsilon", 1.0, "roundingStep", 0.5)),
                new RecordingRunContext(5));
        int off = 0;
        for (int k = 0; k < noisy.size(); k++) {
            double v = noisy.value(k);
            assertTrue(v >= 1 && v <= 5);
            assertEquals(0, (v - 1) / 0.5 - Math.rint((v - 1) / 0.5), 1e-6, "value " + v + " is off the grid");
            off += v != 3.0 ? 1 : 0;
        }
        assertTrue(off > noisy.size() / 2, "noise moved most ratings: " + off);
    }

    @Test
    void infiniteEpsilonReturnsTheDataUnchanged() {
        Dataset data = Dataset.builder("d", 1, 2).add(0, 0, 9f).add(0, 1, 3f).build();
        Params p = params(Map.of("epsilon", "Infinity"));
        assertSame(data, mechanism.apply(data, p, new RecordingRunContext(1)));
        PrivacyGuarantee g = mechanism.guarantee(p);
        assertEquals(Double.POSITIVE_INFINITY, g.epsilon());
        assertEquals(0, g.delta());
    }

    @Test
    void isDeterministicGivenTheSeed() {
        Dataset data = Fixtures.constantRatings(200, 50, 10, 4f, 4);
        Params p = params(Map.of("epsilon", 0.5));
        String a = mechanism.apply(data, p, new RecordingRunContext(11)).checksum();
        String b = mechanism.apply(data, p, new RecordingRunContext(11)).checksum();
        String c = mechanism.apply(data, p, new RecordingRunContext(12)).checksum();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void guaranteeStatesTheUnitAndTheAccounting() {
        PrivacyGuarantee g = mechanism.guarantee(params(Map.of("epsilon", 2.0)));
        assertEquals(2.0, g.epsilon());
        assertEquals(0.0, g.delta());
        assertTrue(g.description().startsWith("interaction-level epsilon-DP (and epsilon-local DP) for the value of "
                + "each rating, Laplace noise of scale 2; ratings clipped to [1, 5] (sensitivity 4)"), g.description());
        assertTrue(g.description().contains("n * epsilon"));
    }

    @Test
    void rejectsMinRatingNotBelowMaxRating() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mechanism.apply(
                Fixtures.constantRatings(2, 2, 1, 1f, 1), params(Map.of("minRating", 5.0, "maxRating", 5.0)),
                new RecordingRunContext(1)));
        assertEquals("privacy mechanism 'laplace-ratings': minRating must be below maxRating, found 5.0 and 5.0",
                e.getMessage());
    }

    @Test
    void rejectsARoundingStepLargerThanTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mechanism.guarantee(params(Map.of("roundingStep", 6.0))));
        assertEquals("privacy mechanism 'laplace-ratings': roundingStep must be in [0, maxRating - minRating] = [0, 4], "
                + "found 6.0; 0 means no rounding", e.getMessage());
    }

    @Test
    void rejectsANonPositiveEpsilon() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class, () -> params(Map.of("epsilon", 0.0)));
        assertEquals("epsilon: expected a number > 0, found 0.0", e.getMessage());
    }
}
