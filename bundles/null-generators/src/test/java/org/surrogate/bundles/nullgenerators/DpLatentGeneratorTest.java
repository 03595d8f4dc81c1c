package org.surrogate.bundles.nullgenerators;

import org.surrogate.bundles.commons.stats.GaussianCalibration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.generator.GeneratorModel;
import org.surrogate.testkit.RecordingRunContext;

class DpLatentGeneratorTest {

    private final DpLatentGenerator generator = new DpLatentGenerator();

    private static final Dataset REFERENCE = Fixtures.clustered(2_000, 200, 30, 1);

    private GeneratorModel fit(Dataset reference, Map<String, ?> values, long seed) {
        return generator.fit(reference, Fixtures.params(generator, values), new RecordingRunContext(seed));
    }

    /** Share of users with at least 80% of their items in one half of the catalogue. */
    private static double purity(Dataset data) {
        int half = data.numItems() / 2;
        int pure = 0;
        int users = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            if (data.degree(u) < 3) {
                continue;
            }
            int low = 0;
            for (int k = data.begin(u); k < data.end(u); k++) {
                low += data.item(k) < half ? 1 : 0;
            }
            double f = (double) low / data.degree(u);
            pure += f >= 0.8 || f <= 0.2 ? 1 : 0;
            users++;
        }
        return (double) pure / users;
    }

    private static double popularitySpearman(Dataset a, Dataset b) {
        double[] x = java.util.Arrays.stream(a.itemCounts()).asDoubleStream().toArray();
        double[] y = java.util.Arrays.stream(b.itemCounts()).asDoubleStream().toArray();
        return new SpearmansCorrelation().correlation(x, y);
    }

    @Test
    void withoutNoiseReproducesClustersAndPopularity() {
        Dataset syn = Fixtures.noDuplicates(fit(REFERENCE, Map.of("epsilon", "Infinity", "factors", 4), 1)
                .sample(new RecordingRunContext(2)));
        assertEquals(REFERENCE.numUsers(), syn.numUsers(), "no noise: the user count is exact");
        assertEquals(REFERENCE.numItems(), syn.numItems());
        assertEquals(REFERENCE.size(), syn.size(), 0.1 * REFERENCE.size());
        double realPurity = purity(REFERENCE);
        double synPurity = purity(syn);
        double uniformPurity = purity(new UniformRandomGenerator().fit(REFERENCE,
                Fixtures.params(new UniformRandomGenerator(), Map.of()), new RecordingRunContext(1))
                .sample(new RecordingRunContext(1)));
        // A Gaussian over the latent space keeps first and second moments, not the two modes: about half the
        // users come out pure (0.97 in the reference, 0.02 for the uniform null model).
        assertTrue(synPurity > 0.4 && synPurity > uniformPurity + 0.3,
                "purity real " + realPurity + ", dp-latent " + synPurity + ", uniform " + uniformPurity);
        assertTrue(popularitySpearman(REFERENCE, syn) > 0.8, "spearman " + popularitySpearman(REFERENCE, syn));
    }

    @Test
    void strongNoiseWashesTheStructureOut() {
        Map<String, Object> p = new HashMap<>(Map.of("factors", 4, "maxItemsPerUser", 40));
        p.put("epsilon", 8.0);
        double mild = purity(fit(REFERENCE, p, 1).sample(new RecordingRunContext(2)));
        p.put("epsilon", 0.05);
        Dataset noisy = Fixtures.noDuplicates(fit(REFERENCE, p, 1).sample(new RecordingRunContext(2)));
        double strong = purity(noisy);
        assertTrue(mild > strong, "purity at epsilon 8: " + mild + ", at 0.05: " + strong);
        for (int u = 0; u < noisy.numUsers(); u++) {
            assertTrue(noisy.degree(u) >= 1 && noisy.degree(u) <= 40);
        }
    }

    @Test
    void noiseCalibrationSplitsOneAnalyticGaussianBudget() {
        DpLatentSettings s = DpLatentSettings.from(Fixtures.params(generator, Map.of("epsilon", 1.0, "delta", 1e-6,
                "maxItemsPerUser", 50, "activityShare", 0.2)));
        assertEquals(Math.sqrt(50 * 51 / 2.0), s.gramSensitivity(), 1e-12);
        double z = GaussianCalibration.analyticSigma(1.0, 1e-6, 1);
        double[] sigmas = s.sigmas();
        double combined = Math.pow(s.gramSensitivity() / sigmas[0], 2) + Math.pow(1 / sigmas[1], 2);
        assertEquals(1 / (z * z), combined, 1e-12, "sensitivity over sigma of the joint release is 1 / z");
        assertEquals(z / Math.sqrt(0.2), sigmas[1], 1e-12);
    }

    @Test
    void numUsersSetsTheSampleSize() {
        Dataset syn = fit(REFERENCE, Map.of("numUsers", 123, "factors", 2), 1).sample(new RecordingRunContext(1));
        assertEquals(123, syn.numUsers());
    }

    @Test
    void isDeterministicGivenTheSeeds() {
        Map<String, ?> p = Map.of("epsilon", 2.0, "factors", 3);
        String a = fit(REFERENCE, p, 1).sample(new RecordingRunContext(5)).checksum();
        assertEquals(a, fit(REFERENCE, p, 1).sample(new RecordingRunContext(5)).checksum());
        assertNotEquals(a, fit(REFERENCE, p, 1).sample(new RecordingRunContext(6)).checksum());
        assertNotEquals(a, fit(REFERENCE, p, 2).sample(new RecordingRunContext(5)).checksum());
    }

    @Test
    void refusesMoreFactorsThanItems() {
        Dataset tiny = Dataset.builder("tiny", 2, 3).add(0, 0, 1f).add(1, 2, 1f).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fit(tiny, Map.of("factors", 4), 1));
        assertEquals("generator 'dp-latent': factors must be at most the number of items 3, found 4", e.getMessage());
    }

    @Test
    void refusesACatalogueLargerThanTheLimit() {
        Dataset wide = Dataset.builder("wide", 1, 9_000).add(0, 0, 1f).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit(wide, Map.of(), 1));
        assertEquals("generator 'dp-latent': the reference 'wide' has 9000 items; at most 8192 are supported (the "
                + "noisy Gram matrix is dense); filter the catalogue first", e.getMessage());
    }
}
