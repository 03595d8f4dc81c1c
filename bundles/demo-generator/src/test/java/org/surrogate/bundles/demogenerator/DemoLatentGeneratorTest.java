package org.surrogate.bundles.demogenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.run.TrialCancelledException;
import org.surrogate.testkit.RecordingRunContext;

class DemoLatentGeneratorTest {

    private final DemoLatentGenerator generator = new DemoLatentGenerator();

    private static Params params(Map<String, ?> values) {
        return DemoLatentGenerator.DESCRIPTOR.params().validate(values, "");
    }

    private Dataset generate(Map<String, ?> values, long seed) {
        RecordingRunContext ctx = new RecordingRunContext(seed);
        return generator.fit(null, params(values), ctx).sample(ctx);
    }

    @Test
    void descriptorDeclaresIdKindAndDefaults() {
        assertEquals("demo-latent", generator.descriptor().id());
        assertEquals(PluginKind.GENERATOR, generator.descriptor().kind());
        Params d = DemoLatentGenerator.DESCRIPTOR.params().defaults();
        assertEquals(500, d.getInt("numUsers"));
        assertEquals(300, d.getInt("numItems"));
        assertEquals(8, d.getInt("factors"));
        assertEquals(20, d.getInt("interactionsPerUser"));
        assertEquals(1.0, d.getDouble("popularitySkew"));
        assertTrue(d.getBoolean("matchReference"));
        DemoLatentGenerator.DESCRIPTOR.params().params().forEach(p -> assertFalse(p.help().isBlank(), p.name()));
    }

    @Test
    void samplesDistinctImplicitItemsWithIncreasingTimestamps() {
        Dataset data = generate(Map.of(), 7);
        assertEquals(500, data.numUsers());
        assertEquals(300, data.numItems());
        assertEquals(500 * 20, data.size());
        for (int u = 0; u < data.numUsers(); u++) {
            assertEquals(20, data.degree(u));
            Set<Integer> seen = new HashSet<>();
            for (int i = data.begin(u); i < data.end(u); i++) {
                assertTrue(seen.add(data.item(i)), "user " + u + " repeats item " + data.item(i));
                assertEquals(1f, data.value(i));
                if (i > data.begin(u)) {
                    assertTrue(data.timestamp(i) > data.timestamp(i - 1));
                }
            }
        }
    }

    @Test
    void sameSeedGivesSameDatasetAndAnotherSeedAnother() {
        Map<String, Object> small = Map.of("numUsers", 50, "numItems", 40, "interactionsPerUser", 5);
        assertEquals(generate(small, 1).checksum(), generate(small, 1).checksum());
        assertNotEquals(generate(small, 1).checksum(), generate(small, 2).checksum());
    }

    @Test
    void popularitySkewConcentratesInteractionsOnFewItems() {
        double uniform = topDecileShare(generate(Map.of("popularitySkew", 0.0), 3));
        double skewed = topDecileShare(generate(Map.of("popularitySkew", 1.5), 3));
        // Uniform weights leave only the latent vectors to favour items: the top 10% of items
        // get well under half of the interactions; a power law of 1.5 gives them most.
        assertTrue(uniform < 0.35, "uniform share " + uniform);
        assertTrue(skewed > 0.6, "skewed share " + skewed);
    }

    @Test
    void usersPickItemsTheirLatentVectorsFavour() {
        RecordingRunContext ctx = new RecordingRunContext(11);
        DemoLatentModel model = (DemoLatentModel) generator.fit(null, params(Map.of("popularitySkew", 0.0)), ctx);
        Dataset data = model.sample(ctx);
        double chosen = 0;
        double all = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            for (int i = data.begin(u); i < data.end(u); i++) {
                chosen += model.affinity(u, data.item(i));
            }
            for (int item = 0; item < data.numItems(); item++) {
                all += model.affinity(u, item);
            }
        }
        double meanChosen = chosen / data.size();
        double meanAll = all / ((double) data.numUsers() * data.numItems());
        // u . v has unit variance and mean 0 over the catalogue; the 20 items drawn out of 300 sit
        // more than half a standard deviation above it (about 0.86 with this seed).
        assertTrue(meanChosen > meanAll + 0.5, "chosen " + meanChosen + ", all " + meanAll);
    }

    @Test
    void copiesSizesAndMeanActivityOfAReference() {
        DatasetBuilder b = Dataset.builder("ref", 7, 11);
        for (int k = 0; k < 30; k++) {
            b.add(k % 7, k % 11, 1f);
        }
        Dataset reference = b.build();
        RecordingRunContext ctx = new RecordingRunContext(5);
        Dataset data = generator.fit(reference, params(Map.of()), ctx).sample(ctx);
        assertEquals(7, data.numUsers());
        assertEquals(11, data.numItems());
        assertEquals(7 * 4, data.size()); // round(30 / 7) = 4 per user

        Dataset own = generator.fit(reference, params(Map.of("matchReference", false, "numUsers", 3,
                "numItems", 9, "interactionsPerUser", 2)), ctx).sample(ctx);
        assertEquals(3, own.numUsers());
        assertEquals(9, own.numItems());
        assertEquals(6, own.size());
    }

    @Test
    void rejectsMoreInteractionsPerUserThanItems() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> generate(Map.of("numItems", 10, "interactionsPerUser", 11), 1));
        assertEquals("generator 'demo-latent': interactionsPerUser must be at most numItems (10), found 11; "
                + "lower interactionsPerUser or raise numItems", e.getMessage());
    }

    @Test
    void reportsProgressAndStopsWhenCancelled() {
        RecordingRunContext ctx = new RecordingRunContext(1);
        var model = generator.fit(null, params(Map.of()), ctx);
        model.sample(ctx);
        assertEquals(1.0, ctx.progress.get(ctx.progress.size() - 1));
        assertTrue(ctx.progress.size() > 10);
        ctx.cancelled = true;
        assertThrows(TrialCancelledException.class, () -> model.sample(ctx));
    }

    private static double topDecileShare(Dataset data) {
        int[] counts = data.itemCounts();
        Arrays.sort(counts);
        int top = 0;
        for (int k = counts.length - counts.length / 10; k < counts.length; k++) {
            top += counts[k];
        }
        return (double) top / data.size();
    }
}
