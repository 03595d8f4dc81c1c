package org.surrogate.bundles.recsimu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.Params;
import org.surrogate.api.simulator.FeedbackType;

class FeedbackMappingTest {

    private static FeedbackMapping mapping(Map<String, Object> values) {
        Params p = new ParamSchema(FeedbackMapping.specs()).validate(values, "t");
        return FeedbackMapping.of("simulator 'x'", p);
    }

    @Test
    void cutsRatingsIntoLevels() {
        FeedbackMapping binary = mapping(Map.of());
        assertEquals(2, binary.types());
        assertEquals(List.of(new FeedbackType("negative", 0), new FeedbackType("positive", 1)), binary.feedbackTypes());
        Dataset d = Dataset.builder("r", 1, 5).add(0, 0, 1f).add(0, 1, 3f).add(0, 2, 4f).add(0, 3, 5f).add(0, 4, 3.5f)
                .build();
        assertArrayEquals(new int[] {0, 0, 1, 1, 0}, binary.map("t", d));
        FeedbackMapping three = mapping(Map.of("valueCuts", List.of(3.0, 5.0), "rewards", List.of(0.0, 1.0, 5.0)));
        assertArrayEquals(new int[] {0, 1, 1, 2, 1}, three.map("t", d));
        assertEquals(new FeedbackType("level-2", 5), three.feedbackTypes().get(2));
    }

    @Test
    void dwellCallsAViewLongWhenTheNextComesLater() {
        FeedbackMapping dwell = mapping(Map.of("feedbackFrom", "dwell", "dwellSeconds", 30.0));
        Dataset d = Dataset.builder("views", 2, 4).add(0, 0, 1f, 0L).add(0, 1, 1f, 10_000L).add(0, 2, 1f, 50_000L)
                .add(1, 3, 1f, 0L).add(1, 0, 1f, 30_000L).build();
        // user 0: 10 s (short), 40 s (long), last (short); user 1: 30 s (long), last (short)
        assertArrayEquals(new int[] {0, 1, 0, 1, 0}, dwell.map("t", d));
        assertEquals("long-view", dwell.feedbackTypes().get(1).name());
        Dataset untimed = Dataset.builder("untimed", 1, 2).add(0, 0, 1f).add(0, 1, 1f).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dwell.map("simulator 'x'",
                untimed));
        assertEquals("simulator 'x': feedbackFrom 'dwell' needs timestamps, and dataset 'untimed' has none; use "
                + "feedbackFrom 'value'", e.getMessage());
    }
}
