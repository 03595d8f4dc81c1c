package org.surrogate.bundles.splitters;

import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.split.Split;
import org.surrogate.api.split.Splitter;

/**
 * Per-user temporal holdout: the last {@code round(testFraction * d)} (halves up, at least 1, at
 * most {@code d - 1}) of each user's {@code d} time-ordered interactions go to test, the rest to
 * train. With {@code validationFraction > 0} the same rule takes, from the {@code n} left, the
 * latest {@code round(validationFraction * n)} just before the test ones for validation. Users with
 * fewer than {@code minInteractions} interactions stay entirely in train.
 *
 * <p>The order is the dataset's: by timestamp, ties broken by item id, so interactions with the same
 * timestamp at the cut are divided by item id. The dataset must have timestamps. Nothing is random.
 */
@Component(service = Splitter.class)
public final class TemporalUserSplitter implements Splitter {

    /** The plugin id. */
    public static final String ID = "temporal-user";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.SPLITTER,
            "Per-user temporal holdout",
            "Holds out the latest fraction of each user's interactions for testing (and optionally the ones "
                    + "before them for validation); the earlier ones are for training.",
            null,
            ParamSchema.of(
                    SplitSupport.testFraction("Fraction of each user's latest interactions held out for testing: a "
                            + "user with d interactions gets the last round(testFraction * d), at least 1 and at "
                            + "most d - 1."),
                    SplitSupport.validationFraction("Fraction of what test leaves, the latest of it, that goes to "
                            + "validation, by the same rule; 0 makes no validation part."),
                    SplitSupport.minInteractions("Users with fewer interactions are not split: all of theirs stay in "
                            + "train. At least 2, so that test and train each get one.")));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Splits each user's time-ordered interactions.
     *
     * @param data   the dataset, with timestamps
     * @param params validated {@code testFraction}, {@code validationFraction}, {@code minInteractions}
     * @param ctx    the run context, for cancellation
     * @return one split
     * @throws IllegalArgumentException if the dataset has no timestamps
     */
    @Override
    public List<Split> split(Dataset data, Params params, RunContext ctx) {
        SplitSupport.requireTimestamps(ID, data, "a temporal split needs them (use random-holdout, or "
                + "leave-one-out with order 'position')");
        double testFraction = params.getDouble("testFraction");
        double validationFraction = params.getDouble("validationFraction");
        int minInteractions = params.getInt("minInteractions");
        return PerUserSplit.split(data, validationFraction > 0, PerUserSplit.latestFirst(),
                PerUserSplit.fractions(testFraction, validationFraction, minInteractions),
                describe(testFraction, validationFraction, minInteractions), ctx);
    }

    static String describe(double testFraction, double validationFraction, int minInteractions) {
        return "per-user temporal holdout, each user's last " + SplitSupport.percent(testFraction) + " test"
                + (validationFraction > 0 ? ", the " + SplitSupport.percent(validationFraction)
                + " of the rest just before them validation" : "")
                + ", users with >= " + minInteractions + " interactions"
                + PerUserSplit.roundingRule(testFraction, validationFraction, minInteractions)
                + "; time order, equal timestamps ordered by item id";
    }
}
