package org.surrogate.bundles.splitters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.split.Split;
import org.surrogate.testkit.RecordingRunContext;

class RandomHoldoutSplitterTest {

    private final RandomHoldoutSplitter splitter = new RandomHoldoutSplitter();

    private Split split(Dataset data, Map<String, ?> params, long seed) {
        List<Split> splits = splitter.split(data, SplitFixtures.params(splitter, params), new RecordingRunContext(seed));
        assertEquals(1, splits.size());
        return splits.get(0);
    }

    @Test
    void descriptorDeclaresIdKindAndDefaults() {
        assertEquals("random-holdout", splitter.descriptor().id());
        assertEquals(PluginKind.SPLITTER, splitter.descriptor().kind());
        assertEquals(Map.of("testFraction", 0.2, "validationFraction", 0.0, "minInteractions", 2),
                RandomHoldoutSplitter.DESCRIPTOR.params().defaults().asMap());
    }

    @Test
    void holdsOutTheRoundedFractionKeepingOneInTestAndOneInTrain() {
        Dataset data = SplitFixtures.degrees();
        // Degrees 1, 2, 3, 5, 10. At 0.2: round(0.4) = 0 -> 1, round(0.6) = 1, round(1.0) = 1, round(2.0) = 2;
        // the user with 1 interaction stays in train.
        Split s = split(data, Map.of(), 1);
        assertEquals(List.of(0, 1, 1, 1, 2), SplitFixtures.degrees(s.test()));
        assertEquals(List.of(1, 1, 2, 4, 8), SplitFixtures.degrees(s.train()));
        // At 0.5 halves round up: round(1.5) = 2, round(2.5) = 3.
        assertEquals(List.of(0, 1, 2, 3, 5), SplitFixtures.degrees(split(data, Map.of("testFraction", 0.5), 1).test()));
        // At 0.9 every user keeps one in train: round(2.7) = 3 -> 2, round(4.5) = 5 -> 4.
        assertEquals(List.of(0, 1, 2, 4, 9), SplitFixtures.degrees(split(data, Map.of("testFraction", 0.9), 1).test()));
        // Decimal fractions round as written: 0.35 * 10 = 3.5 -> 4, 0.15 * 10 = 1.5 -> 2.
        assertEquals(4, split(data, Map.of("testFraction", 0.35), 1).test().degree(4));
        assertEquals(2, split(data, Map.of("testFraction", 0.15), 1).test().degree(4));
    }

    @Test
    void keepsUsersBelowMinInteractionsInTrain() {
        Split s = split(SplitFixtures.degrees(), Map.of("minInteractions", 4), 1);
        assertEquals(List.of(0, 0, 0, 1, 2), SplitFixtures.degrees(s.test()));
    }

    @Test
    void takesValidationFromTheRestByTheSameRule() {
        Dataset data = SplitFixtures.degrees();
        Split s = split(data, Map.of("validationFraction", 0.5), 1);
        // Test as above (0, 1, 1, 1, 2); left 1, 1, 2, 4, 8: users with >= 2 left give round(n / 2).
        assertEquals(List.of(0, 1, 1, 1, 2), SplitFixtures.degrees(s.test()));
        assertEquals(List.of(0, 0, 1, 2, 4), SplitFixtures.degrees(s.validation()));
        assertEquals(List.of(1, 1, 1, 2, 4), SplitFixtures.degrees(s.train()));
        SplitFixtures.assertPartition(data, s.train(), s.validation(), s.test());
        assertEquals("deg/validation", s.validation().name());
    }

    @Test
    void partsPartitionTheDataKeepingValuesTimestampsAndIdSpaces() {
        Dataset data = SplitFixtures.random(60, 5);
        Split s = split(data, Map.of("testFraction", 0.3), 9);
        SplitFixtures.assertPartition(data, s.train(), s.test());
        assertNull(s.validation());
        assertNull(s.foldIn());
        assertEquals("rand/train", s.train().name());
        assertEquals("rand/test", s.test().name());
        assertTrue(s.test().hasTimestamps());
    }

    @Test
    void keepsDataWithoutTimestampsUntimed() {
        Split s = split(SplitFixtures.untimed(), Map.of(), 1);
        assertFalse(s.train().hasTimestamps());
        assertFalse(s.test().hasTimestamps());
        SplitFixtures.assertPartition(SplitFixtures.untimed(), s.train(), s.test());
    }

    @Test
    void isAFunctionOfTheSeed() {
        Dataset data = SplitFixtures.random(60, 5);
        Map<String, Double> p = Map.of("validationFraction", 0.25);
        List<String> first = SplitFixtures.checksums(List.of(split(data, p, 7)));
        assertEquals(first, SplitFixtures.checksums(List.of(split(data, p, 7))));
        assertNotEquals(first, SplitFixtures.checksums(List.of(split(data, p, 8))));
    }

    @Test
    void picksEveryInteractionOverSeeds() {
        Dataset data = SplitFixtures.degrees();
        int[] picked = new int[10];
        for (long seed = 0; seed < 100; seed++) {
            for (int item : split(data, Map.of(), seed).test().itemsOf(4)) {
                picked[item]++;
            }
        }
        // 200 picks among 10 items: about 20 each.
        for (int item = 0; item < 10; item++) {
            assertTrue(picked[item] > 5, "item " + item + " picked " + picked[item] + " times");
        }
    }

    @Test
    void describesTheProtocolExactly() {
        assertEquals("per-user random holdout, 20% test, users with >= 2 interactions (test = round(0.2 d) of a "
                        + "user's d interactions, at least 1, leaving at least 1 in train; users with fewer "
                        + "interactions all in train)",
                split(SplitFixtures.degrees(), Map.of(), 1).description());
        assertEquals("per-user random holdout, 20% test, then 12.5% of the rest validation, users with >= 3 "
                        + "interactions (each part takes round(f n) of the n interactions left, test first with "
                        + "f = 0.2, then validation with f = 0.125, at least 1 and leaving at least 1; users with "
                        + "fewer interactions all in train, and no validation when fewer than 3 are left after test)",
                split(SplitFixtures.degrees(), Map.of("validationFraction", 0.125, "minInteractions", 3), 1)
                        .description());
    }

    @Test
    void schemaRejectsFractionsOutsideTheirRanges() {
        ParamSchema schema = RandomHoldoutSplitter.DESCRIPTOR.params();
        InvalidParamsException e = assertThrows(InvalidParamsException.class, () -> schema.validate(
                new TreeMap<>(Map.of("testFraction", 1.0, "validationFraction", 1, "minInteractions", 1)), "params"));
        assertEquals(List.of("params.testFraction: expected a number in (0, 1), found 1.0",
                "params.validationFraction: expected a number in [0, 1), found 1",
                "params.minInteractions: expected an integer >= 2, found 1"), e.problems());
        assertEquals("testFraction: expected a number in (0, 1), found 0", assertThrows(InvalidParamsException.class,
                () -> schema.validate(Map.of("testFraction", 0), "")).getMessage());
    }
}
