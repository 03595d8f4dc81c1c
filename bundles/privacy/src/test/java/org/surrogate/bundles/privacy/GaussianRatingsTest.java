package org.surrogate.bundles.privacy;

import org.surrogate.bundles.commons.stats.GaussianCalibration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.Params;
import org.surrogate.api.privacy.PrivacyGuarantee;
import org.surrogate.testkit.RecordingRunContext;

class GaussianRatingsTest {

    private final GaussianRatings mechanism = new GaussianRatings();

    private Params params(Map<String, ?> values) {
        return Fixtures.params(mechanism, values);
    }

    @Test
    void analyticCalibrationMatchesAnIndependentSolution() {
        // Reference values: scipy brentq on the Balle-Wang profile (Theorem 8) to 1e-14.
        assertEquals(3.7306316348159387, GaussianCalibration.analyticSigma(1.0, 1e-5, 1.0), 1e-9);
        assertEquals(145.21876170478234, GaussianCalibration.analyticSigma(0.1, 1e-6, 4.0), 1e-7);
        assertEquals(0.8918682649515202, GaussianCalibration.analyticSigma(5.0, 1e-5, 1.0), 1e-9);
        assertEquals(28.12730670232993, GaussianCalibration.analyticSigma(0.5, 1e-5, 4.0), 1e-7);
    }

    @Test
    void analyticSigmaMeetsDeltaAndBeatsTheClassicBound() {
        for (double eps : new double[] {0.05, 0.3, 0.9}) {
            double analytic = GaussianCalibration.analyticSigma(eps, 1e-6, 1);
            double classic = GaussianCalibration.classicSigma(eps, 1e-6, 1);
            assertTrue(analytic < classic, eps + ": " + analytic + " vs " + classic);
            assertTrue(GaussianCalibration.profile(eps, analytic) <= 1e-6);
            assertTrue(GaussianCalibration.profile(eps, analytic * (1 - 1e-9)) > 1e-6 * (1 - 1e-6));
        }
        assertEquals(4.844805262605389, GaussianCalibration.classicSigma(1 - 1e-12, 1e-5, 1), 1e-9);
    }

    @Test
    void noiseStandardDeviationMatchesTheCalibratedSigma() {
        Params p = params(Map.of("epsilon", 300.0, "delta", 1e-5));
        double sigma = GaussianRatings.sigma(p, new RatingRange("t", 1, 5, 0));
        assertEquals(4 * GaussianCalibration.analyticSigma(300, 1e-5, 1), sigma, 1e-12);
        assertTrue(sigma < 0.25, "sigma " + sigma + " keeps clipping negligible");
        Dataset data = Fixtures.constantRatings(2_000, 500, 100, 3f, 1);
        Dataset noisy = mechanism.apply(data, p, new RecordingRunContext(3));
        assertTrue(Fixtures.sameStructure(data, noisy));
        double sum = 0;
        double sumSq = 0;
        for (int k = 0; k < noisy.size(); k++) {
            double d = noisy.value(k) - 3.0;
            sum += d;
            sumSq += d * d;
        }
        double mean = sum / noisy.size();
        assertEquals(0, mean, 0.003);
        assertEquals(sigma, Math.sqrt(sumSq / noisy.size() - mean * mean), 0.02 * sigma);
    }

    @Test
    void classicCalibrationIsRefusedFromEpsilonOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mechanism.guarantee(params(Map.of("epsilon", 1.0, "calibration", "classic"))));
        assertEquals("privacy mechanism 'gaussian-ratings': the classic Gaussian calibration holds only for epsilon "
                + "in (0, 1), found 1.0; use calibration 'analytic'", e.getMessage());
    }

    @Test
    void classicCalibrationUsesTheDworkRothBound() {
        Params p = params(Map.of("epsilon", 0.5, "delta", 1e-5, "calibration", "classic"));
        assertEquals(4 * Math.sqrt(2 * Math.log(1.25 / 1e-5)) / 0.5, GaussianRatings.sigma(p,
                new RatingRange("t", 1, 5, 0)), 1e-12);
    }

    @Test
    void clipsIntoTheRange() {
        Dataset data = Fixtures.constantRatings(300, 100, 20, 5f, 2);
        Dataset noisy = mechanism.apply(data, params(Map.of("epsilon", 0.2)), new RecordingRunContext(1));
        for (int k = 0; k < noisy.size(); k++) {
            assertTrue(noisy.value(k) >= 1f && noisy.value(k) <= 5f);
        }
    }

    @Test
    void infiniteEpsilonReturnsTheDataUnchanged() {
        Dataset data = Fixtures.constantRatings(3, 5, 2, 2f, 2);
        Params p = params(Map.of("epsilon", Double.POSITIVE_INFINITY));
        assertSame(data, mechanism.apply(data, p, new RecordingRunContext(1)));
        assertEquals(Double.POSITIVE_INFINITY, mechanism.guarantee(p).epsilon());
    }

    @Test
    void isDeterministicGivenTheSeed() {
        Dataset data = Fixtures.constantRatings(200, 50, 10, 4f, 4);
        Params p = params(Map.of("epsilon", 2.0, "roundingStep", 1.0));
        String a = mechanism.apply(data, p, new RecordingRunContext(11)).checksum();
        assertEquals(a, mechanism.apply(data, p, new RecordingRunContext(11)).checksum());
        assertNotEquals(a, mechanism.apply(data, p, new RecordingRunContext(12)).checksum());
    }

    @Test
    void guaranteeStatesTheUnitSigmaAndDelta() {
        PrivacyGuarantee g = mechanism.guarantee(params(Map.of("epsilon", 1.0, "delta", 1e-5)));
        assertEquals(1.0, g.epsilon());
        assertEquals(1e-5, g.delta());
        assertTrue(g.description().startsWith("interaction-level (epsilon, delta)-DP (and local DP) for the value of "
                + "each rating, Gaussian noise sigma = 14.92"), g.description());
        assertTrue(g.description().contains("(analytic calibration)"));
    }
}
