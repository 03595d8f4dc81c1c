package org.surrogate.bundles.surveyprotocols;

import org.surrogate.api.run.RunContext;

/** Scoped contexts whose ranges add up from many small shares: clamped against rounding past 1. */
final class Progress {

    private Progress() {
    }

    /**
     * A scoped context over [from, to], both clamped to [0, 1] and to {@code from <= to}.
     *
     * @param ctx   the trial's context
     * @param label the step's label
     * @param from  where the step starts
     * @param to    where it ends
     * @return the scoped context
     */
    static RunContext scoped(RunContext ctx, String label, double from, double to) {
        double a = Math.max(0, Math.min(1, from));
        double b = Math.max(a, Math.min(1, to));
        return ctx.scoped(label, a, b);
    }
}
