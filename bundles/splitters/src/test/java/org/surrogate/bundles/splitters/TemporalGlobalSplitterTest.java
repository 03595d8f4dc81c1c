package org.surrogate.bundles.splitters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.split.Split;
import org.surrogate.testkit.RecordingRunContext;

class TemporalGlobalSplitterTest {

    private final TemporalGlobalSplitter splitter = new TemporalGlobalSplitter();

    /** 3 users, 10 interactions at times 1, 2, 3, 4 | 5, 5, 6 | 7, 8, 9. */
    private static Dataset timeline() {
        return Dataset.builder("line", 3, 8)
                .add(0, 0, 1f, 1).add(0, 1, 1f, 2).add(0, 2, 1f, 3).add(0, 3, 1f, 4)
                .add(1, 0, 2f, 5).add(1, 1, 2f, 5).add(1, 2, 2f, 6)
                .add(2, 4, 3f, 7).add(2, 5, 3f, 8).add(2, 6, 3f, 9)
                .build();
    }

    private Split split(Dataset data, Map<String, ?> params, RecordingRunContext ctx) {
        List<Split> splits = splitter.split(data, SplitFixtures.params(splitter, params), ctx);
        assertEquals(1, splits.size());
        return splits.get(0);
    }

    @Test
    void descriptorDeclaresIdKindAndDefaults() {
        assertEquals("temporal-global", splitter.descriptor().id());
        assertEquals(PluginKind.SPLITTER, splitter.descriptor().kind());
        assertEquals(Map.of("testFraction", 0.2), TemporalGlobalSplitter.DESCRIPTOR.params().defaults().asMap());
    }

    @Test
    void cutsAtTheTimestampOfTheLatestFraction() {
        // round(0.2 * 10) = 2: the latest two are at 8 and 9, so the cut is 8.
        Split s = split(timeline(), Map.of(), new RecordingRunContext(1));
        assertEquals(List.of(0, 0, 2), SplitFixtures.degrees(s.test()));
        assertEquals(List.of(5, 6), SplitFixtures.items(s.test(), 2));
        assertEquals(List.of(4, 3, 1), SplitFixtures.degrees(s.train()));
        SplitFixtures.assertPartition(timeline(), s.train(), s.test());
        assertNull(s.validation());
    }

    @Test
    void sendsTiesAtTheCutToTest() {
        // round(0.5 * 10) = 5: the latest five start at time 5, which two interactions share; both go to test.
        Split s = split(timeline(), Map.of("testFraction", 0.5), new RecordingRunContext(1));
        assertEquals(List.of(0, 3, 3), SplitFixtures.degrees(s.test()));
        assertEquals(List.of(4, 0, 0), SplitFixtures.degrees(s.train()));
        assertEquals("global temporal split, 50% test: interactions at or after cut time 5 (the earliest timestamp "
                + "among the latest 5 of the 10 interactions, round(0.5 n); ties at the cut go to test) are test, "
                + "earlier ones train; test holds 6 interactions", s.description());
    }

    @Test
    void everyTrainInteractionIsBeforeEveryTestInteraction() {
        Dataset data = SplitFixtures.random(80, 3);
        Split s = split(data, Map.of("testFraction", 0.3), new RecordingRunContext(1));
        long latestTrain = Long.MIN_VALUE;
        for (int i = 0; i < s.train().size(); i++) {
            latestTrain = Math.max(latestTrain, s.train().timestamp(i));
        }
        for (int i = 0; i < s.test().size(); i++) {
            assertTrue(s.test().timestamp(i) > latestTrain);
        }
        // Distinct timestamps: exactly round(0.3 n) in test.
        assertEquals(Math.round(0.3 * data.size()), s.test().size());
        SplitFixtures.assertPartition(data, s.train(), s.test());
    }

    @Test
    void warnsWhenEveryInteractionIsAtTheCut() {
        Dataset data = Dataset.builder("same", 2, 2).add(0, 0, 1f, 7).add(0, 1, 1f, 7).add(1, 0, 1f, 7).build();
        RecordingRunContext ctx = new RecordingRunContext(1);
        Split s = split(data, Map.of(), ctx);
        assertEquals(0, s.train().size());
        assertEquals(3, s.test().size());
        assertEquals(List.of("WARNING splitter 'temporal-global': every interaction of dataset 'same' is at or after "
                + "the cut time 7, so train is empty"), ctx.logs);
    }

    @Test
    void splitsAnEmptyDatasetIntoEmptyParts() {
        Split s = split(Dataset.builder("empty", 2, 2).build(), Map.of(), new RecordingRunContext(1));
        assertEquals(0, s.train().size());
        assertEquals(0, s.test().size());
    }

    @Test
    void rejectsADatasetWithoutTimestamps() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> split(SplitFixtures.untimed(), Map.of(), new RecordingRunContext(1)));
        assertEquals("splitter 'temporal-global': dataset 'plain' has no timestamps; a temporal split needs them "
                + "(use random-holdout, or leave-one-out with order 'position')", e.getMessage());
    }

    @Test
    void schemaRejectsAFractionOutsideTheOpenUnitInterval() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class,
                () -> TemporalGlobalSplitter.DESCRIPTOR.params().validate(Map.of("testFraction", -0.1), "split"));
        assertEquals("split.testFraction: expected a number in (0, 1), found -0.1", e.getMessage());
    }
}
