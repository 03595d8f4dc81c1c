package org.surrogate.bundles.splitters;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

class TemporalUserSplitterTest {

    private final TemporalUserSplitter splitter = new TemporalUserSplitter();

    private Split split(Dataset data, Map<String, ?> params) {
        List<Split> splits = splitter.split(data, SplitFixtures.params(splitter, params), new RecordingRunContext(1));
        assertEquals(1, splits.size());
        return splits.get(0);
    }

    @Test
    void descriptorDeclaresIdKindAndDefaults() {
        assertEquals("temporal-user", splitter.descriptor().id());
        assertEquals(PluginKind.SPLITTER, splitter.descriptor().kind());
        assertEquals(Map.of("testFraction", 0.2, "validationFraction", 0.0, "minInteractions", 2),
                TemporalUserSplitter.DESCRIPTOR.params().defaults().asMap());
    }

    @Test
    void holdsOutEachUsersLatestInteractions() {
        // In degrees(), user u's k-th interaction (time 100 u + k) is item k.
        Split s = split(SplitFixtures.degrees(), Map.of("testFraction", 0.5));
        assertEquals(List.of(0, 1, 2, 3, 5), SplitFixtures.degrees(s.test()));
        assertEquals(List.of(1), SplitFixtures.items(s.test(), 1));
        assertEquals(List.of(1, 2), SplitFixtures.items(s.test(), 2));
        assertEquals(List.of(2, 3, 4), SplitFixtures.items(s.test(), 3));
        assertEquals(List.of(5, 6, 7, 8, 9), SplitFixtures.items(s.test(), 4));
        assertEquals(List.of(0, 1), SplitFixtures.items(s.train(), 3));
        assertEquals(List.of(0), SplitFixtures.items(s.train(), 0));
    }

    @Test
    void takesValidationJustBeforeTest() {
        Dataset data = SplitFixtures.degrees();
        Split s = split(data, Map.of("validationFraction", 0.5));
        // User 4 (10): test round(2.0) = 2 -> items 8, 9; validation round(8 * 0.5) = 4 -> items 4..7.
        assertEquals(List.of(8, 9), SplitFixtures.items(s.test(), 4));
        assertEquals(List.of(4, 5, 6, 7), SplitFixtures.items(s.validation(), 4));
        assertEquals(List.of(0, 1, 2, 3), SplitFixtures.items(s.train(), 4));
        // User 3 (5): test 1 -> item 4; 4 left, validation 2 -> items 2, 3.
        assertEquals(List.of(2, 3), SplitFixtures.items(s.validation(), 3));
        SplitFixtures.assertPartition(data, s.train(), s.validation(), s.test());
    }

    @Test
    void ordersEqualTimestampsByItemId() {
        Dataset data = Dataset.builder("ties", 1, 5).add(0, 4, 1f, 1).add(0, 3, 1f, 10).add(0, 1, 1f, 10)
                .add(0, 2, 1f, 10).build();
        Split s = split(data, Map.of("testFraction", 0.5));
        // Time order 4 | 1, 2, 3 (all at 10, by item id): the last two are items 2 and 3.
        assertEquals(List.of(2, 3), SplitFixtures.items(s.test(), 0));
    }

    @Test
    void everyUsersTestIsAfterTheirTrain() {
        Dataset data = SplitFixtures.random(50, 11);
        Split s = split(data, Map.of("testFraction", 0.3));
        for (int u = 0; u < data.numUsers(); u++) {
            for (int i = s.test().begin(u); i < s.test().end(u); i++) {
                for (int j = s.train().begin(u); j < s.train().end(u); j++) {
                    assertTrue(s.train().timestamp(j) < s.test().timestamp(i));
                }
            }
        }
        SplitFixtures.assertPartition(data, s.train(), s.test());
    }

    @Test
    void describesTheProtocolExactly() {
        assertEquals("per-user temporal holdout, each user's last 20% test, users with >= 2 interactions (test = "
                + "round(0.2 d) of a user's d interactions, at least 1, leaving at least 1 in train; users with fewer "
                + "interactions all in train); time order, equal timestamps ordered by item id",
                split(SplitFixtures.degrees(), Map.of()).description());
    }

    @Test
    void rejectsADatasetWithoutTimestamps() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> split(SplitFixtures.untimed(), Map.of()));
        assertEquals("splitter 'temporal-user': dataset 'plain' has no timestamps; a temporal split needs them "
                + "(use random-holdout, or leave-one-out with order 'position')", e.getMessage());
    }

    @Test
    void schemaRejectsAFractionOfOne() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class,
                () -> TemporalUserSplitter.DESCRIPTOR.params().validate(Map.of("testFraction", 1), ""));
        assertEquals("testFraction: expected a number in (0, 1), found 1", e.getMessage());
    }
}
