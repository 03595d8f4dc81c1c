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
 * Per-user random holdout: of each user's {@code d} interactions, {@code round(testFraction * d)}
 * (halves up), at least 1 and at most {@code d - 1}, chosen uniformly at random, go to test and the
 * rest to train. Users with fewer than {@code minInteractions} interactions stay entirely in train.
 * With {@code validationFraction > 0} the same rule then takes a validation part from the {@code n}
 * interactions left ({@code round(validationFraction * n)}, at least 1, at most {@code n - 1}, only
 * when {@code n >= minInteractions}).
 *
 * <p>Randomness comes from the stream {@value #ID} of the run context. Parts share the dataset's id
 * spaces and keep values and timestamps; one split is returned, named {@code "<data>/train"},
 * {@code "<data>/validation"} and {@code "<data>/test"}.
 */
@Component(service = Splitter.class)
public final class RandomHoldoutSplitter implements Splitter {

    /** The plugin id. */
    public static final String ID = "random-holdout";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.SPLITTER,
            "Random per-user holdout",
            "Holds out a random fraction of each user's interactions for testing (and optionally validation); "
                    + "the rest is for training.",
            null,
            ParamSchema.of(
                    SplitSupport.testFraction("Fraction of each user's interactions held out for testing: a user with "
                            + "d interactions gets round(testFraction * d) of them, at least 1 and at most d - 1."),
                    SplitSupport.validationFraction("Fraction of what test leaves that goes to validation, by the same "
                            + "rule; 0 makes no validation part."),
                    SplitSupport.minInteractions("Users with fewer interactions are not split: all of theirs stay in "
                            + "train. At least 2, so that test and train each get one.")));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Splits each user at random.
     *
     * @param data   the dataset
     * @param params validated {@code testFraction}, {@code validationFraction}, {@code minInteractions}
     * @param ctx    the run context: the random stream {@value #ID}, cancellation
     * @return one split
     */
    @Override
    public List<Split> split(Dataset data, Params params, RunContext ctx) {
        double testFraction = params.getDouble("testFraction");
        double validationFraction = params.getDouble("validationFraction");
        int minInteractions = params.getInt("minInteractions");
        return PerUserSplit.split(data, validationFraction > 0, PerUserSplit.shuffled(ctx.random(ID)),
                PerUserSplit.fractions(testFraction, validationFraction, minInteractions),
                describe(testFraction, validationFraction, minInteractions), ctx);
    }

    static String describe(double testFraction, double validationFraction, int minInteractions) {
        return "per-user random holdout, " + SplitSupport.percent(testFraction) + " test"
                + (validationFraction > 0 ? ", then " + SplitSupport.percent(validationFraction) + " of the rest validation"
                : "")
                + ", users with >= " + minInteractions + " interactions"
                + PerUserSplit.roundingRule(testFraction, validationFraction, minInteractions);
    }
}
