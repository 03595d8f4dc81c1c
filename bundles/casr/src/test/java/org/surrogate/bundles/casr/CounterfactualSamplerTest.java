package org.surrogate.bundles.casr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.Params;
import org.surrogate.testkit.RecordingRunContext;

/** The three samplers against the contract of Algorithm 1 and section 2.5. */
class CounterfactualSamplerTest {

    static Stream<CounterfactualSampler> samplers() {
        return Stream.of(new HeuristicSampler(), new DataSampler(), new ModelSampler());
    }

    private static Counterfactuals run(CounterfactualSampler s, Map<String, ?> values, long seed) {
        return s.generate(SamplerFixtures.WALKS, SamplerFixtures.sampler(), SamplerFixtures.anchor(),
                SamplerFixtures.params(s, values), new RecordingRunContext(seed));
    }

    /** The user's training history as the sampler saw it (its last items before the last one). */
    private static int[] history(int user, int length) {
        int[] items = SamplerFixtures.WALKS.itemsOf(user);
        return java.util.Arrays.copyOfRange(items, items.length - 1 - length, items.length - 1);
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void changesOnlyTheClaimedPositionAndDerivesTheNextItem(CounterfactualSampler s) {
        for (int index : new int[] {-1, -3}) {
            Counterfactuals c = run(s, Map.of("index", index), 1);
            assertTrue(c.samples().size() > 20, s.descriptor().id() + " kept " + c.samples().size());
            for (int k = 0; k < c.samples().size(); k++) {
                int[] sample = c.samples().get(k);
                int historyLength = sample.length - 1;
                int[] original = history(c.users()[k], historyLength);
                assertEquals(historyLength + index, c.positions()[k], "position is l + d");
                for (int t = 0; t < historyLength; t++) {
                    if (t == c.positions()[k]) {
                        assertNotEquals(original[t], sample[t], s.descriptor().id() + ": step d is replaced");
                        assertEquals(original[t], c.originals()[k]);
                    } else {
                        assertEquals(original[t], sample[t], s.descriptor().id() + ": step " + t + " unchanged");
                    }
                }
                // The next item is the sampler's argmax for the changed history (Eq. 2).
                float[] scores = new float[40];
                SamplerFixtures.sampler().scoreHistories(new int[][] {java.util.Arrays.copyOf(sample, historyLength)},
                        scores);
                assertEquals(Numerics.argmax(scores), sample[historyLength]);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void neverNamesAnItemOutsideTheCatalogue(CounterfactualSampler s) {
        Counterfactuals c = run(s, Map.of(), 2);
        for (int[] sample : c.samples()) {
            for (int item : sample) {
                assertTrue(item >= 0 && item < SamplerFixtures.WALKS.numItems(), "item " + item);
            }
        }
        Dataset d = CounterfactualSampler.toDataset(s.descriptor().id(), 40, c);
        assertEquals(40, d.numItems());
        assertEquals(c.samples().size(), d.numUsers());
        assertArrayEquals(c.samples().get(0), d.itemsOf(0));
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void kappaKeepsOnlySamplesAboveTheConfidence(CounterfactualSampler s) {
        Counterfactuals all = run(s, Map.of("kappa", 0.0), 3);
        Counterfactuals none = run(s, Map.of("kappa", 1.0), 3);
        assertEquals(0, none.samples().size(), "kappa 1 keeps nothing");
        assertEquals(none.attempted() - none.rejectedSameNext(), none.rejectedByKappa());
        float[] conf = all.confidences().clone();
        java.util.Arrays.sort(conf);
        double kappa = conf[conf.length / 2];
        Counterfactuals some = run(s, Map.of("kappa", kappa), 3);
        int expected = 0;
        for (float v : all.confidences()) {
            expected += v > kappa ? 1 : 0;
        }
        assertEquals(expected, some.samples().size(), "exactly the samples above kappa are kept");
        for (float v : some.confidences()) {
            assertTrue(v > kappa, "confidence " + v + " above kappa " + kappa);
        }
        assertTrue(some.samples().size() > 0 && some.samples().size() < all.samples().size());
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void sameSeedSameSamplesAndAnotherSeedOthers(CounterfactualSampler s) {
        Counterfactuals a = run(s, Map.of("fraction", 0.5), 7);
        Counterfactuals b = run(s, Map.of("fraction", 0.5), 7);
        Counterfactuals c = run(s, Map.of("fraction", 0.5), 8);
        assertEquals(a.samples().size(), b.samples().size());
        for (int k = 0; k < a.samples().size(); k++) {
            assertArrayEquals(a.samples().get(k), b.samples().get(k));
        }
        assertNotEquals(java.util.Arrays.toString(a.users()), java.util.Arrays.toString(c.users()));
    }

    @Test
    void dataOrientedSamplesAlwaysChangeTheNextItem() {
        Counterfactuals c = run(new DataSampler(), Map.of(), 4);
        for (int k = 0; k < c.samples().size(); k++) {
            int[] sample = c.samples().get(k);
            int[] items = SamplerFixtures.WALKS.itemsOf(c.users()[k]);
            assertNotEquals(items[items.length - 1], sample[sample.length - 1], "t-hat differs from t^{l+1}");
        }
        assertEquals(c.attempted(), c.samples().size() + c.rejectedByKappa() + c.rejectedSameNext());
    }

    @Test
    void learnedReplacementsStayCloserToTheOriginalThanRandomOnes() {
        float[] table = SamplerFixtures.sampler().itemEmbeddings();
        int e = SamplerFixtures.sampler().embeddingSize();
        double heuristic = meanDistance(run(new HeuristicSampler(), Map.of("kappa", 0.0), 5), table, e);
        double data = meanDistance(run(new DataSampler(), Map.of("kappa", 0.0), 5), table, e);
        assertTrue(data < heuristic, "data-oriented " + data + " vs heuristic " + heuristic);
    }

    private static double meanDistance(Counterfactuals c, float[] table, int e) {
        double sum = 0;
        for (int k = 0; k < c.samples().size(); k++) {
            int a = c.samples().get(k)[c.positions()[k]];
            int d = c.originals()[k];
            for (int i = 0; i < e; i++) {
                double diff = table[a * e + i] - table[d * e + i];
                sum += diff * diff;
            }
        }
        return sum / c.samples().size();
    }

    @Test
    void modelOrientedNeedsTheAnchor() {
        ModelSampler m = new ModelSampler();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.generate(
                SamplerFixtures.WALKS, SamplerFixtures.sampler(), null, SamplerFixtures.params(m, Map.of()),
                new RecordingRunContext(1)));
        assertEquals("casr-model: the model-oriented sampler needs the anchor model", e.getMessage());
    }

    @Test
    void rejectsBadParametersNamingTheField() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class, () -> SamplerFixtures.params(
                new ModelSampler(), Map.of("kappa", 1.5, "index", 0, "fraction", 0.0, "tau", -1.0)));
        assertEquals("kappa: expected a number in [0, 1], found 1.5; index: expected an integer in [-50, -1], found 0; "
                + "fraction: expected a number in (0, 1], found 0.0; tau: expected a number in (0, 1000], found -1.0",
                e.getMessage());
        e = assertThrows(InvalidParamsException.class, () -> SamplerFixtures.params(new DataSampler(),
                Map.of("alpha", 0.0, "steps", 0)));
        assertEquals("alpha: expected a number in [1.0E-5, 100000], found 0.0; steps: expected an integer in [1, 1000], "
                + "found 0", e.getMessage());
    }

    @Test
    void standaloneGeneratorTrainsItsNetworksAndSamplesADataset() {
        HeuristicSampler h = new HeuristicSampler();
        Params p = SamplerFixtures.params(h, Map.of("networkEpochs", 2, "embeddingSize", 8, "order", "position",
                "fraction", 0.25));
        Dataset d = h.fit(SamplerFixtures.WALKS, p, new RecordingRunContext(1)).sample(new RecordingRunContext(1));
        assertEquals(40, d.numItems());
        assertEquals(50, d.numUsers());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> h.fit(null, p, new RecordingRunContext(1)));
        assertEquals("casr-heuristic: needs the real sequences to intervene on; it cannot work from scratch",
                e.getMessage());
    }
}
