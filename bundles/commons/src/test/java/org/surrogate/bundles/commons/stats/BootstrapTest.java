package org.surrogate.bundles.commons.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    private static double[] noisy(int n, long seed) {
        Random rng = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.3 + 0.1 * rng.nextGaussian();
        }
        return v;
    }

    @Test
    void quantilesFollowTypeSevenInterpolation() {
        // Replicates 1..100: R-7 puts quantile p at order statistic h = 99 p + 1.
        // p = 0.025: h = 3.475 -> 3 + 0.475 * (4 - 3) = 3.475; p = 0.975: h = 97.525 -> 97.525.
        double[] replicates = new double[101];
        for (int i = 0; i < 100; i++) {
            replicates[i] = i + 1;
        }
        replicates[100] = Double.NaN; // left out
        Interval ci = Bootstrap.interval(50.5, replicates, 0.95);
        assertEquals(50.5, ci.estimate());
        assertEquals(3.475, ci.lower(), 1e-12);
        assertEquals(97.525, ci.upper(), 1e-12);
        assertEquals(0.95, ci.level());
        assertEquals(100, ci.resamples());
    }

    @Test
    void intervalOfTheMeanContainsTheEstimateAndRepeatsWithTheSeed() {
        double[] v = noisy(200, 1);
        double mean = java.util.Arrays.stream(v).average().orElseThrow();
        Interval a = Bootstrap.meanInterval(v, 1000, 0.95, new Random(7));
        Interval b = Bootstrap.meanInterval(v, 1000, 0.95, new Random(7));
        Interval c = Bootstrap.meanInterval(v, 1000, 0.95, new Random(8));
        assertEquals(mean, a.estimate(), 1e-12);
        assertTrue(a.contains(a.estimate()), a.toString());
        assertEquals(a, b);
        assertTrue(a.lower() != c.lower() || a.upper() != c.upper(), "another seed gives other resamples");
        assertEquals(1000, a.resamples());
        // Standard error 0.1 / sqrt(200) = 0.0071: a 95% interval is about 4 * 0.0071 = 0.028 wide.
        assertEquals(0.028, a.width(), 0.006);
    }

    @Test
    void intervalNarrowsWithMoreObservations() {
        Interval small = Bootstrap.meanInterval(noisy(50, 2), 500, 0.95, new SplittableRandom(3));
        Interval large = Bootstrap.meanInterval(noisy(5000, 2), 500, 0.95, new SplittableRandom(3));
        // Width scales with 1/sqrt(n): 10 times narrower for 100 times the observations.
        assertTrue(large.width() < small.width() / 5, small + " vs " + large);
    }

    @Test
    void constantDataGiveADegenerateInterval() {
        Interval ci = Bootstrap.meanInterval(new double[] {2, 2, 2}, 100, 0.9, new Random(1));
        assertEquals(new Interval(2, 2, 2, 0.9, 100), ci);
    }

    @Test
    void undefinedReplicatesAreLeftOut() {
        // The statistic is NaN whenever observation 0 is missing from the resample.
        Interval ci = Bootstrap.percentileInterval(3, s -> {
            for (int i : s) {
                if (i == 0) {
                    return 1;
                }
            }
            return Double.NaN;
        }, 200, 0.95, new Random(5));
        assertEquals(1, ci.lower());
        assertEquals(1, ci.upper());
        // P(0 missing from 3 draws) = (2/3)^3 = 0.30, so about 140 of 200 replicates are kept.
        assertTrue(ci.resamples() > 110 && ci.resamples() < 170, ci.toString());
        Interval none = Bootstrap.percentileInterval(2, s -> Double.NaN, 10, 0.95, new Random(5));
        assertTrue(Double.isNaN(none.lower()) && Double.isNaN(none.upper()));
        assertEquals(0, none.resamples());
    }

    @Test
    void twoSampleResamplingDrawsBothSides() {
        double[] x = noisy(100, 4);
        double[] y = noisy(300, 5);
        Interval ci = Bootstrap.percentileInterval(x.length, y.length, (a, b) -> {
            assertEquals(100, a.length);
            assertEquals(300, b.length);
            return mean(x, a) - mean(y, b);
        }, 300, 0.95, new Random(1));
        assertTrue(ci.contains(ci.estimate()), ci.toString());
        assertTrue(ci.contains(0), "same distribution: " + ci);
    }

    private static double mean(double[] v, int[] sample) {
        double s = 0;
        for (int i : sample) {
            s += v[i];
        }
        return s / sample.length;
    }

    @Test
    void rejectsBadArguments() {
        Random rng = new Random(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.percentileInterval(0, s -> 0, 10, 0.95, rng));
        assertEquals("percentileInterval: n must be at least 1 observation, found 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bootstrap.percentileInterval(3, s -> 0, 0, 0.95, rng));
        assertEquals("percentileInterval: resamples must be at least 1, found 0; use 1000 or more for a 95% interval",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bootstrap.percentileInterval(3, s -> 0, 10, 95, rng));
        assertEquals("percentileInterval: level must be in (0, 1), found 95.0; for a 95% interval give 0.95",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.meanInterval(new double[] {1, Double.POSITIVE_INFINITY}, 10, 0.95, rng));
        assertEquals("meanInterval: values[1] must be finite, found Infinity", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Interval(0, 2, 1, 0.95, 10));
        assertEquals("interval lower bound 2.0 is above upper bound 1.0", e.getMessage());
    }
}
