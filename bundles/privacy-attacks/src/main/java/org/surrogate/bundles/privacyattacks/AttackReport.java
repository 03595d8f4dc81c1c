package org.surrogate.bundles.privacyattacks;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.run.RunContext;
import org.surrogate.bundles.commons.stats.Interval;

/** The bootstrap parameters and the success metrics shared by the attacks. */
final class AttackReport {

    /** Parameter: bootstrap replicates. */
    static final String RESAMPLES = "resamples";
    /** Parameter: confidence level. */
    static final String LEVEL = "level";

    private AttackReport() {
    }

    /**
     * The bootstrap parameters.
     *
     * @return resamples (default 1000) and level (default 0.95)
     */
    static List<ParamSpec> specs() {
        return List.of(
                ParamSpec.intParam(RESAMPLES).defaultValue(1000).range(0, 100_000)
                        .help("Bootstrap replicates of the AUC interval (members and non-members resampled "
                                + "independently); 0 for no interval.").build(),
                ParamSpec.doubleParam(LEVEL).defaultValue(0.95).openRange(0, 1)
                        .help("Confidence level of the interval.").build());
    }

    /**
     * Adds {@code auc}, {@code auc.lower}, {@code auc.upper} (when resamples &gt; 0) and {@code advantage}.
     *
     * @param metrics    where to add them
     * @param members    attack scores of the members (higher: more likely a member)
     * @param nonMembers attack scores of the non-members
     * @param params     validated parameters
     * @param ctx        the run context: stream "bootstrap"
     */
    static void success(Map<String, Double> metrics, double[] members, double[] nonMembers, Params params,
                        RunContext ctx) {
        AttackAuc auc = new AttackAuc(members, nonMembers);
        metrics.put("auc", auc.auc());
        int resamples = params.getInt(RESAMPLES);
        if (resamples > 0) {
            Interval ci = auc.interval(resamples, params.getDouble(LEVEL),
                    new SplittableRandom(RunContext.streamSeed(ctx.seed(), "bootstrap")));
            metrics.put("auc.lower", ci.lower());
            metrics.put("auc.upper", ci.upper());
        }
        metrics.put("advantage", auc.advantage());
    }

    /**
     * The mean of some values.
     *
     * @param values at least one
     * @return the mean
     */
    static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }
}
