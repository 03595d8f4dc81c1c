package org.surrogate.bundles.surveyprotocols;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.surrogate.api.run.RunContext;
import org.surrogate.testkit.RecordingRunContext;

/** Shares summed in floating point may end a hair past 1; the scoped range is clamped. */
class ProgressTest {

    @Test
    void rangesRoundedPastOneAreClamped() {
        RecordingRunContext ctx = new RecordingRunContext(1);
        double from = 0;
        double step = 0.95 / 42;
        for (int i = 0; i < 42; i++) {
            from += step;
        }
        RunContext scoped = Progress.scoped(ctx, "x", 0.9932142857142862, 1.0000000000000004);
        scoped.progress(1.0, "done");
        assertEquals(1.0, ctx.progress.get(ctx.progress.size() - 1), 1e-12);
        Progress.scoped(ctx, "y", from + 0.05, from + 0.05 + step).progress(0.5, "half");
    }
}
