package org.surrogate.bundles.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.Params;
import org.surrogate.api.privacy.PrivacyGuarantee;
import org.surrogate.testkit.RecordingRunContext;

class RandomizedResponseTest {

    private final RandomizedResponse mechanism = new RandomizedResponse();

    private Params params(Map<String, ?> values) {
        return Fixtures.params(mechanism, values);
    }

    @Test
    void flipProbabilityIsTheSmallestGivingEpsilonLdp() {
        ResponseProbabilities oue = ResponseProbabilities.asymmetric(0.5, 1.0);
        assertEquals(Math.exp(-1) / 2, oue.flip(), 1e-15);
        assertEquals(1.0, oue.epsilon(), 1e-12);
        ResponseProbabilities high = ResponseProbabilities.asymmetric(0.9, 0.1);
        assertEquals(1 - 0.1 * Math.exp(0.1), high.flip(), 1e-15);
        assertEquals(0.1, high.epsilon(), 1e-12);
        ResponseProbabilities warner = ResponseProbabilities.symmetric(2.0);
        assertEquals(Math.exp(2) / (1 + Math.exp(2)), warner.keep(), 1e-15);
        assertEquals(2.0, warner.epsilon(), 1e-12);
    }

    @Test
    void keepAndFlipRatesMatchTheProbabilitiesOnALargeSample() {
        Dataset data = Fixtures.implicit(3_000, 400, 15, 1);
        double epsilon = 2.0;
        Dataset out = mechanism.apply(data, params(Map.of("epsilon", epsilon)), new RecordingRunContext(5));
        ResponseProbabilities r = ResponseProbabilities.asymmetric(0.5, epsilon);
        long ones = 0;
        long kept = 0;
        long zeros = 0;
        long flipped = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            boolean[] real = new boolean[data.numItems()];
            for (int k = data.begin(u); k < data.end(u); k++) {
                real[data.item(k)] = true;
            }
            int[] reported = out.itemsOf(u);
            for (int k = 1; k < reported.length; k++) {
                assertTrue(reported[k] > reported[k - 1], "items increase without duplicates");
            }
            int realCount = 0;
            for (boolean b : real) {
                realCount += b ? 1 : 0;
            }
            int keptHere = 0;
            for (int item : reported) {
                keptHere += real[item] ? 1 : 0;
            }
            ones += realCount;
            kept += keptHere;
            zeros += data.numItems() - realCount;
            flipped += reported.length - keptHere;
        }
        assertEquals(r.keep(), (double) kept / ones, 4 * Math.sqrt(0.25 / ones));
        double q = r.flip();
        assertEquals(q, (double) flipped / zeros, 4 * Math.sqrt(q * (1 - q) / zeros));
        for (int k = 0; k < out.size(); k++) {
            assertEquals(1f, out.value(k));
        }
        assertFalse(out.hasTimestamps());
    }

    @Test
    void flippedZerosAreSpreadUniformlyOverTheEmptyCells() {
        // One user with items 0..49 of 100: flips land only on 50..99, each about equally often.
        var b = Dataset.builder("half", 1, 100);
        for (int i = 0; i < 50; i++) {
            b.add(0, i, 1f);
        }
        Dataset data = b.build();
        int[] hits = new int[100];
        Params p = params(Map.of("epsilon", 0.5));
        int runs = 2_000;
        for (int s = 0; s < runs; s++) {
            Dataset out = mechanism.apply(data, p, new RecordingRunContext(s));
            for (int k = 0; k < out.size(); k++) {
                hits[out.item(k)]++;
            }
        }
        double q = ResponseProbabilities.asymmetric(0.5, 0.5).flip();
        double sd = Math.sqrt(runs * q * (1 - q));
        for (int i = 50; i < 100; i++) {
            assertEquals(runs * q, hits[i], 4.5 * sd, "item " + i);
        }
        for (int i = 0; i < 50; i++) {
            assertEquals(runs * 0.5, hits[i], 4.5 * Math.sqrt(runs * 0.25), "item " + i);
        }
    }

    @Test
    void distinctSamplerDrawsUniformSubsets() {
        DistinctSampler sampler = new DistinctSampler();
        SplittableRandom rng = new SplittableRandom(9);
        int[] counts = new int[20];
        for (int r = 0; r < 20_000; r++) {
            int k = r % 2 == 0 ? 3 : 17; // below and above half of n
            int[] s = sampler.sample(20, k, rng);
            assertEquals(k, s.length);
            for (int j = 0; j < s.length; j++) {
                assertTrue(j == 0 || s[j] > s[j - 1]);
                counts[s[j]]++;
            }
        }
        double expected = 10_000 * (3 + 17) / 20.0;
        for (int c : counts) {
            assertEquals(expected, c, 0.05 * expected);
        }
        assertTrue(Arrays.equals(new int[] {0, 1, 2}, sampler.sample(3, 3, rng)));
        assertEquals(0, sampler.sample(5, 0, rng).length);
    }

    @Test
    void scalesWithTheOutputNotWithUsersTimesItems() {
        // 200,000 users x 200,000 items = 4e10 cells; q = e^-9 / 2 gives about 12 flips a user.
        Dataset data = Fixtures.implicit(200_000, 200_000, 10, 2);
        long start = System.nanoTime();
        Dataset out = mechanism.apply(data, params(Map.of("epsilon", 9.0)), new RecordingRunContext(1));
        double seconds = (System.nanoTime() - start) / 1e9;
        double q = Math.exp(-9) / 2;
        double expected = 0.5 * data.size() + q * ((double) data.numUsers() * data.numItems() - data.size());
        assertEquals(expected, out.size(), 5 * Math.sqrt(expected));
        assertTrue(seconds < 30, "took " + seconds + " s");
    }

    @Test
    void refusesAnOutputLargerThanTheLimit() {
        Dataset data = Fixtures.implicit(1_000, 1_000, 5, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mechanism.apply(data,
                params(Map.of("epsilon", 0.1, "maxOutputInteractions", 1000L)), new RecordingRunContext(1)));
        assertTrue(e.getMessage().startsWith("privacy mechanism 'randomized-response': the expected output of "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("exceeds maxOutputInteractions = 1000; raise epsilon, lower "
                + "keepProbability or raise maxOutputInteractions"), e.getMessage());
    }

    @Test
    void infiniteEpsilonReturnsTheDataUnchanged() {
        Dataset data = Fixtures.implicit(10, 10, 2, 4);
        Params p = params(Map.of("epsilon", "Infinity"));
        assertSame(data, mechanism.apply(data, p, new RecordingRunContext(1)));
        assertEquals(Double.POSITIVE_INFINITY, mechanism.guarantee(p).epsilon());
    }

    @Test
    void isDeterministicGivenTheSeed() {
        Dataset data = Fixtures.implicit(500, 300, 10, 5);
        Params p = params(Map.of("epsilon", 3.0));
        String a = mechanism.apply(data, p, new RecordingRunContext(21)).checksum();
        assertEquals(a, mechanism.apply(data, p, new RecordingRunContext(21)).checksum());
        assertNotEquals(a, mechanism.apply(data, p, new RecordingRunContext(22)).checksum());
    }

    @Test
    void keepsOriginalIdsWhenTheInputHasNoTimestamps() {
        Dataset data = Dataset.builder("named").add("alice", "x", 1f).add("bob", "y", 1f).build();
        Dataset out = mechanism.apply(data, params(Map.of("epsilon", 1.0)), new RecordingRunContext(1));
        assertEquals("bob", out.userId(1));
        assertEquals("y", out.itemId(1));
    }

    @Test
    void guaranteeIsPerCellLocalDp() {
        PrivacyGuarantee g = mechanism.guarantee(params(Map.of("epsilon", 1.0, "symmetric", true)));
        assertEquals(1.0, g.epsilon());
        assertEquals(0.0, g.delta());
        assertTrue(g.description().startsWith("interaction-level epsilon-local DP per (user, item) cell"));
    }
}
