package org.surrogate.bundles.nullgenerators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.generator.GeneratorModel;
import org.surrogate.testkit.RecordingRunContext;

class UniformRandomGeneratorTest {

    private final UniformRandomGenerator generator = new UniformRandomGenerator();

    private GeneratorModel fit(Dataset reference) {
        return generator.fit(reference, Fixtures.params(generator, Map.of()), new RecordingRunContext(1));
    }

    @Test
    void keepsTheNumbersOfUsersItemsAndInteractions() {
        Dataset ref = Fixtures.clustered(2_000, 500, 40, 1);
        Dataset syn = Fixtures.noDuplicates(fit(ref).sample(new RecordingRunContext(2)));
        assertEquals(ref.numUsers(), syn.numUsers());
        assertEquals(ref.numItems(), syn.numItems());
        assertEquals(ref.size(), syn.size());
        // Uniform: item counts have mean size / items and a binomial spread.
        int[] counts = syn.itemCounts();
        double mean = (double) syn.size() / syn.numItems();
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - mean) * (c - mean) / mean;
        }
        assertTrue(chi2 < 500 + 5 * Math.sqrt(2 * 500), "chi-square " + chi2 + " over 499 degrees of freedom");
    }

    @Test
    void countsDistinctPairsWhenTheReferenceRepeatsThem() {
        Dataset ref = Dataset.builder("repeats", 2, 3).add(0, 0, 1f).add(0, 0, 1f).add(1, 2, 1f).build();
        RecordingRunContext ctx = new RecordingRunContext(1);
        Dataset syn = generator.fit(ref, Fixtures.params(generator, Map.of()), ctx).sample(ctx);
        assertEquals(2, syn.size());
        assertTrue(ctx.logs.contains("INFO generator 'uniform-random': the reference has 3 interactions but 2 distinct "
                + "(user, item) pairs; generating 2"), ctx.logs.toString());
    }

    @Test
    void fillsADenseMatrixByLeavingCellsOut() {
        var b = Dataset.builder("dense", 10, 10);
        for (int u = 0; u < 10; u++) {
            for (int i = 0; i < 9; i++) {
                b.add(u, (u + i) % 10, 1f);
            }
        }
        Dataset syn = Fixtures.noDuplicates(fit(b.build()).sample(new RecordingRunContext(3)));
        assertEquals(90, syn.size());
    }

    @Test
    void isDeterministicGivenTheSeed() {
        GeneratorModel model = fit(Fixtures.clustered(300, 100, 10, 2));
        String a = model.sample(new RecordingRunContext(5)).checksum();
        assertEquals(a, model.sample(new RecordingRunContext(5)).checksum());
        assertNotEquals(a, model.sample(new RecordingRunContext(6)).checksum());
    }
}
