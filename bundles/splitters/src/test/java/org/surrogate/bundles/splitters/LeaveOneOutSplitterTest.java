package org.surrogate.bundles.splitters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.split.Split;
import org.surrogate.testkit.RecordingRunContext;

class LeaveOneOutSplitterTest {

    private final LeaveOneOutSplitter splitter = new LeaveOneOutSplitter();

    private Split split(Dataset data, Map<String, ?> params) {
        List<Split> splits = splitter.split(data, SplitFixtures.params(splitter, params), new RecordingRunContext(1));
        assertEquals(1, splits.size());
        return splits.get(0);
    }

    @Test
    void descriptorDeclaresIdKindAndDefaults() {
        assertEquals("leave-one-out", splitter.descriptor().id());
        assertEquals(PluginKind.SPLITTER, splitter.descriptor().kind());
        assertEquals(Map.of("validation", true, "order", "time"),
                LeaveOneOutSplitter.DESCRIPTOR.params().defaults().asMap());
    }

    @Test
    void holdsOutTheLastForTestAndTheSecondLastForValidation() {
        Dataset data = SplitFixtures.degrees();
        Split s = split(data, Map.of());
        // Degrees 1, 2, 3, 5, 10: users with fewer than 3 stay in train.
        assertEquals(List.of(0, 0, 1, 1, 1), SplitFixtures.degrees(s.test()));
        assertEquals(List.of(0, 0, 1, 1, 1), SplitFixtures.degrees(s.validation()));
        assertEquals(List.of(9), SplitFixtures.items(s.test(), 4));
        assertEquals(List.of(8), SplitFixtures.items(s.validation(), 4));
        assertEquals(List.of(2), SplitFixtures.items(s.test(), 2));
        assertEquals(List.of(1), SplitFixtures.items(s.validation(), 2));
        assertEquals(List.of(0), SplitFixtures.items(s.train(), 2));
        SplitFixtures.assertPartition(data, s.train(), s.validation(), s.test());
        assertEquals("leave-one-out by time (equal timestamps ordered by item id): each user's last interaction "
                + "test, second-last validation, users with >= 3 interactions (fewer: all in train)", s.description());
    }

    @Test
    void withoutValidationSplitsUsersWithTwoInteractions() {
        Split s = split(SplitFixtures.degrees(), Map.of("validation", false));
        assertEquals(List.of(0, 1, 1, 1, 1), SplitFixtures.degrees(s.test()));
        assertEquals(List.of(1, 1, 2, 4, 9), SplitFixtures.degrees(s.train()));
        assertNull(s.validation());
    }

    @Test
    void usesTimeNotInsertionOrder() {
        Dataset data = Dataset.builder("late", 1, 4).add(0, 0, 1f, 30).add(0, 1, 1f, 10).add(0, 2, 1f, 20).build();
        Split s = split(data, Map.of());
        assertEquals(List.of(0), SplitFixtures.items(s.test(), 0));
        assertEquals(List.of(2), SplitFixtures.items(s.validation(), 0));
    }

    @Test
    void positionOrderWorksWithoutTimestamps() {
        // Without timestamps the stored order is by item id: the last is the highest item.
        Split s = split(SplitFixtures.untimed(), Map.of("order", "position"));
        assertEquals(List.of(9), SplitFixtures.items(s.test(), 4));
        assertEquals(List.of(8), SplitFixtures.items(s.validation(), 4));
        assertFalse(s.test().hasTimestamps());
        assertEquals("leave-one-out by stored position (time order, or item id without timestamps): each user's "
                + "last interaction test, second-last validation, users with >= 3 interactions (fewer: all in train)",
                s.description());
    }

    @Test
    void rejectsTimeOrderWithoutTimestamps() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> split(SplitFixtures.untimed(), Map.of()));
        assertEquals("splitter 'leave-one-out': dataset 'plain' has no timestamps; order 'time' needs them (set "
                + "order to 'position' to use the stored order, by item id without timestamps, or give timestamped "
                + "data)", e.getMessage());
    }

    @Test
    void schemaRejectsAnUnknownOrder() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class,
                () -> LeaveOneOutSplitter.DESCRIPTOR.params().validate(Map.of("order", "random"), ""));
        assertEquals("order: expected one of time, position, found 'random'", e.getMessage());
    }
}
