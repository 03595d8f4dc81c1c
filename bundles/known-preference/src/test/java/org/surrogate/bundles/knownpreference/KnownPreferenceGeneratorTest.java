package org.surrogate.bundles.knownpreference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.surrogate.bundles.knownpreference.TestSupport.fit;
import static org.surrogate.bundles.knownpreference.TestSupport.generate;
import static org.surrogate.bundles.knownpreference.TestSupport.generatorParams;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.run.TrialCancelledException;
import org.surrogate.testkit.RecordingRunContext;

class KnownPreferenceGeneratorTest {

    private static final Map<String, Object> SMALL = Map.of("numUsers", 300, "numItems", 200,
            "interactionsPerUser", 10);

    private final KnownPreferenceGenerator generator = new KnownPreferenceGenerator();

    @Test
    void descriptorDeclaresIdKindAndDefaults() {
        assertEquals("known-preference", generator.descriptor().id());
        assertEquals(PluginKind.GENERATOR, generator.descriptor().kind());
        Params d = KnownPreferenceGenerator.DESCRIPTOR.params().defaults();
        assertEquals(1000, d.getInt("numUsers"));
        assertEquals(1000, d.getInt("numItems"));
        assertEquals(16, d.getInt("dimension"));
        assertEquals(8, d.getInt("clusters"));
        assertEquals(1.0, d.getDouble("clusterSpread"));
        assertEquals(1.0, d.getDouble("popularitySkew"));
        assertEquals(0.3, d.getDouble("popularityBias"));
        assertEquals("popularity", d.getString("loggingPolicy"));
        assertEquals(1.0, d.getDouble("policyTemperature"));
        assertEquals(10, d.getInt("slateSize"));
        assertEquals(1.0, d.getDouble("choiceTemperature"));
        assertEquals(0.5, d.getDouble("positionBias"));
        assertEquals(2.0, d.getDouble("outsideUtility"));
        assertEquals(20, d.getInt("interactionsPerUser"));
        assertEquals(0, d.getInt("sessionsPerUser"));
        assertEquals(20, d.getInt("sessionLength"));
        assertEquals(50.0, d.getDouble("maxSlatesPerInteraction"));
        assertEquals("implicit", d.getString("valueMode"));
        assertEquals(List.of(0.5, 0.75, 0.9, 0.97), d.getDoubleList("ratingCuts"));
        assertFalse(d.getBoolean("twin"));
        assertEquals(0, d.getInt("threads"));
        KnownPreferenceGenerator.DESCRIPTOR.params().params().forEach(p -> assertFalse(p.help().isBlank(), p.name()));
    }

    @Test
    void sameSeedGivesSameDatasetAndAnotherSeedAnother() {
        assertEquals(generate(SMALL, 1).checksum(), generate(SMALL, 1).checksum());
        assertNotEquals(generate(SMALL, 1).checksum(), generate(SMALL, 2).checksum());
        Map<String, Object> oracle = Map.of("numUsers", 50, "numItems", 80, "interactionsPerUser", 5,
                "loggingPolicy", "oracle-noisy");
        assertEquals(generate(oracle, 3).checksum(), generate(oracle, 3).checksum());
        assertNotEquals(generate(oracle, 3).checksum(), generate(oracle, 4).checksum());
    }

    @Test
    void datasetDoesNotDependOnTheNumberOfThreads() {
        Map<String, Object> one = Map.of("numUsers", 3000, "numItems", 300, "interactionsPerUser", 12,
                "threads", 1);
        Map<String, Object> three = Map.of("numUsers", 3000, "numItems", 300, "interactionsPerUser", 12,
                "threads", 3);
        assertEquals(generate(one, 9).checksum(), generate(three, 9).checksum());
    }

    @Test
    void theSampleSeedChangesTheDataButNotTheWorld() {
        KnownPreferenceModel model = fit(SMALL, 5);
        Dataset a = model.sample(new RecordingRunContext(5));
        Dataset b = model.sample(new RecordingRunContext(6));
        assertNotEquals(a.checksum(), b.checksum());
        assertEquals(fit(SMALL, 5).world().preference(17, 33), model.world().preference(17, 33));
        assertNotEquals(fit(SMALL, 6).world().preference(17, 33), model.world().preference(17, 33));
    }

    @Test
    void everyUserChoosesTargetDistinctItemsWithIncreasingTimestamps() {
        Dataset data = generate(SMALL, 7);
        assertEquals("known-preference", data.name());
        assertEquals(300, data.numUsers());
        assertEquals(200, data.numItems());
        assertEquals(300 * 10, data.size());
        for (int u = 0; u < data.numUsers(); u++) {
            assertEquals(10, data.degree(u), "user " + u);
            Set<Integer> seen = new HashSet<>();
            for (int i = data.begin(u); i < data.end(u); i++) {
                assertTrue(seen.add(data.item(i)), "user " + u + " repeats item " + data.item(i));
                assertEquals(1f, data.value(i));
                assertTrue(data.timestamp(i) >= UserSampler.ORIGIN);
                if (i > data.begin(u)) {
                    assertTrue(data.timestamp(i) > data.timestamp(i - 1));
                }
            }
        }
    }

    @Test
    void usersCanChooseTheWholeCatalogue() {
        // Every item chosen: the last slates shrink and the rejection sampler falls back to exact keys.
        Dataset data = generate(Map.of("numUsers", 20, "numItems", 15, "interactionsPerUser", 15,
                "slateSize", 10, "popularitySkew", 3.0), 2);
        for (int u = 0; u < 20; u++) {
            assertEquals(15, data.degree(u));
        }
    }

    @Test
    void sessionModeShowsSessionsOfSessionLengthSlates() {
        // Users who always choose make one choice per slate: sessions x sessionLength choices each,
        // with a gap of at least an hour between sessions and at most a minute inside one.
        Dataset data = generate(Map.of("numUsers", 40, "numItems", 500, "sessionsPerUser", 3, "sessionLength", 4,
                "outsideUtility", "-Infinity"), 3);
        for (int u = 0; u < data.numUsers(); u++) {
            assertEquals(12, data.degree(u));
            int gaps = 0;
            for (int i = data.begin(u) + 1; i < data.end(u); i++) {
                long step = data.timestamp(i) - data.timestamp(i - 1);
                assertTrue(step <= 60 || step >= 3600, "step " + step);
                gaps += step >= 3600 ? 1 : 0;
            }
            assertEquals(2, gaps, "user " + u);
        }
    }

    @Test
    void ratingModeRatesChoicesByTheirTruePreference() {
        KnownPreferenceModel model = fit(Map.of("numUsers", 2000, "numItems", 1000, "interactionsPerUser", 10,
                "valueMode", "rating"), 4);
        Dataset data = model.sample(new RecordingRunContext(4));
        double[] share = new double[6];
        float[] highest = new float[6];
        float[] lowest = new float[6];
        java.util.Arrays.fill(highest, Float.NEGATIVE_INFINITY);
        java.util.Arrays.fill(lowest, Float.POSITIVE_INFINITY);
        for (int u = 0; u < data.numUsers(); u++) {
            for (int i = data.begin(u); i < data.end(u); i++) {
                float v = data.value(i);
                assertTrue(v == 1 || v == 2 || v == 3 || v == 4 || v == 5, "rating " + v);
                share[(int) v] += 1.0 / data.size();
                float pref = model.world().preference(u, data.item(i));
                highest[(int) v] = Math.max(highest[(int) v], pref);
                lowest[(int) v] = Math.min(lowest[(int) v], pref);
            }
        }
        for (int r = 1; r < 5; r++) {
            assertTrue(highest[r] < lowest[r + 1], "ratings " + r + " and " + (r + 1) + " overlap in preference");
        }
        // The default cuts give chosen items a MovieLens-100K-like histogram (6/11/27/34/21%).
        double[] movieLens = {0, 0.061, 0.114, 0.271, 0.342, 0.212};
        for (int r = 1; r <= 5; r++) {
            assertEquals(movieLens[r], share[r], 0.05, "rating " + r + ": " + java.util.Arrays.toString(share));
        }
    }

    @Test
    void popularityLoggingConcentratesChoicesOnPopularItems() {
        double uniform = topDecileShare(generate(Map.of("numUsers", 500, "numItems", 1000, "loggingPolicy", "uniform",
                "popularityBias", 0.0), 8));
        double popularity = topDecileShare(generate(Map.of("numUsers", 500, "numItems", 1000,
                "popularityBias", 0.0), 8));
        // Under uniform exposure only preference decides; a power law of 1 gives the top tenth of
        // items most of the exposure (0.18 and 0.56 with this seed).
        assertTrue(uniform < 0.3, "uniform " + uniform);
        assertTrue(popularity > 0.5, "popularity " + popularity);
    }

    private static double topDecileShare(Dataset data) {
        int[] counts = data.itemCounts();
        java.util.Arrays.sort(counts);
        long top = 0;
        for (int k = counts.length - counts.length / 10; k < counts.length; k++) {
            top += counts[k];
        }
        return (double) top / data.size();
    }

    @Test
    void reportsProgressUpToOne() {
        RecordingRunContext ctx = new RecordingRunContext(1);
        KnownPreferenceModel model = (KnownPreferenceModel) generator.fit(null, generatorParams(SMALL), ctx);
        Dataset data = model.sample(ctx);
        assertEquals(1.0, ctx.progress.get(ctx.progress.size() - 1));
        assertEquals("sampled " + data.size() + " interactions of 300 users",
                ctx.messages.get(ctx.messages.size() - 1));
        assertTrue(ctx.progress.size() > 3);
    }

    @Test
    void stopsWhenTheTrialIsCancelled() {
        KnownPreferenceModel model = fit(Map.of("numUsers", 20_000, "numItems", 500), 1);
        RecordingRunContext cancelled = new RecordingRunContext(1);
        cancelled.cancelled = true;
        assertThrows(TrialCancelledException.class, () -> model.sample(cancelled));
        assertThrows(TrialCancelledException.class, () -> model.sample(TestSupport.cancelledAfter(1, 3)));
        assertThrows(TrialCancelledException.class, () -> generator.fit(null,
                generatorParams(Map.of("numUsers", 100_000)), cancelled));
    }

    @Test
    void rejectsASlateLargerThanTheCatalogue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> generator.fit(null,
                generatorParams(Map.of("numItems", 5, "slateSize", 10, "interactionsPerUser", 3)),
                new RecordingRunContext(1)));
        assertEquals("generator 'known-preference': slateSize must be at most numItems (5), found 10; lower "
                + "slateSize or raise numItems", e.getMessage());
    }

    @Test
    void rejectsMoreChoicesThanItems() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> generator.fit(null,
                generatorParams(Map.of("numItems", 30, "interactionsPerUser", 31)), new RecordingRunContext(1)));
        assertEquals("generator 'known-preference': interactionsPerUser must be at most numItems (30) since a user "
                + "chooses an item at most once, found 31; lower interactionsPerUser or raise numItems",
                e.getMessage());
    }

    @Test
    void namesTheReferenceWhenTwinModeMakesTheCatalogueTooSmall() {
        Dataset reference = Dataset.builder("tiny", 2, 4).add(0, 1, 1f).add(1, 2, 1f).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> generator.fit(reference,
                generatorParams(Map.of("twin", true)), new RecordingRunContext(1)));
        assertEquals("generator 'known-preference': slateSize must be at most numItems (4, from reference 'tiny'), "
                + "found 10; lower slateSize or raise numItems", e.getMessage());
    }

    @Test
    void ignoresAReferenceOutsideTwinModeAndSaysSo() {
        Dataset reference = Dataset.builder("ref", 2, 4).add(0, 1, 1f).build();
        RecordingRunContext ctx = new RecordingRunContext(1);
        Dataset data = generator.fit(reference, generatorParams(SMALL), ctx).sample(ctx);
        assertEquals(300, data.numUsers());
        assertEquals(List.of("INFO generator 'known-preference': twin is false, so reference 'ref' is not used"),
                ctx.logs);
    }

    @Test
    void rejectsTwinModeWithoutAReference() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> generator.fit(null,
                generatorParams(Map.of("twin", true)), new RecordingRunContext(1)));
        assertEquals("generator 'known-preference': twin is true but no reference dataset was given; give one or "
                + "set twin to false", e.getMessage());
    }

    @Test
    void rejectsTwinModeWithSessions() {
        Dataset reference = Dataset.builder("ref", 2, 40).add(0, 1, 1f).add(1, 2, 1f).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> generator.fit(reference,
                generatorParams(Map.of("twin", true, "sessionsPerUser", 2)), new RecordingRunContext(1)));
        assertEquals("generator 'known-preference': twin mode matches each user's number of interactions, so "
                + "sessionsPerUser must be 0, found 2", e.getMessage());
    }

    @Test
    void rejectsAnEmptyTwinReference() {
        Dataset reference = Dataset.builder("empty", 3, 40).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> generator.fit(reference,
                generatorParams(Map.of("twin", true)), new RecordingRunContext(1)));
        assertEquals("generator 'known-preference': twin mode needs a reference with users, items and interactions, "
                + "found 'empty' with 3 users, 40 items and 0 interactions", e.getMessage());
    }

    @Test
    void rejectsRatingCutsThatDoNotIncrease() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> generator.fit(null,
                generatorParams(Map.of("ratingCuts", List.of(0.5, 0.3))), new RecordingRunContext(1)));
        assertEquals("generator 'known-preference': ratingCuts must be strictly increasing and in (0, 1), found "
                + "[0.5, 0.3]", e.getMessage());
    }

    @Test
    void schemaRejectsOutOfRangeValuesNamingThem() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class,
                () -> generatorParams(Map.of("slateSize", 0, "loggingPolicy", "greedy")));
        assertEquals(List.of("loggingPolicy: expected one of uniform, popularity, oracle-noisy, found 'greedy'",
                "slateSize: expected an integer in [1, 10000], found 0"), e.problems());
    }

    @Test
    void settingsRejectBadValuesFromJavaCallers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WorldSettings("generator 'known-preference'", 100_000_000, 10, 64, 1, 1, 1, 0));
        assertEquals("generator 'known-preference': max(numUsers, numItems) x dimension must be at most 2147483639 "
                + "to fit in one array, found 100000000 x 64 = 6400000000; lower numUsers, numItems or dimension",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ChoiceSettings("simulator 'known-preference-env'", 0, 0.5, 1));
        assertEquals("simulator 'known-preference-env': choiceTemperature must be a finite number > 0, found 0.0",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ChoiceSettings("x", 1, -1, 1));
        assertEquals("x: positionBias must be a finite number >= 0, found -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ChoiceSettings("x", 1, 0, Double.POSITIVE_INFINITY));
        assertEquals("x: outsideUtility must be a finite number or -Infinity, found Infinity", e.getMessage());
    }

    @Test
    void truePreferencesScoreEveryItemAsTheWorldDoes() {
        KnownPreferenceModel model = fit(SMALL, 3);
        var truth = model.truePreferences().orElseThrow();
        assertEquals(200, truth.numItems());
        float[] out = new float[2 * 200];
        truth.score(new int[] {4, 250}, out);
        float[] expected = new float[400];
        for (int i = 0; i < 200; i++) {
            expected[i] = model.world().preference(4, i);
            expected[200 + i] = model.world().preference(250, i);
        }
        assertArrayEquals(expected, out);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> truth.score(new int[] {1, 2}, new float[399]));
        assertEquals("generator 'known-preference': out holds 399 scores, needs 400 (2 users x 200 items)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> truth.score(new int[] {300}, new float[200]));
        assertEquals("generator 'known-preference': user 300 is out of range [0, 300)", e.getMessage());
    }
}
