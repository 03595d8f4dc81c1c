package org.surrogate.bundles.splitters;

import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.split.Split;
import org.surrogate.api.split.Splitter;

/**
 * Leave-one-out: each user's last interaction goes to test and, with {@code validation}, the
 * second-last to validation; the rest to train. Users with fewer than 3 interactions (2 without
 * validation) stay entirely in train, so every split user keeps at least one training interaction.
 *
 * <p>"Last" follows {@code order}: {@code time} (the default) needs timestamps and orders by them,
 * equal timestamps by item id; {@code position} uses the order the dataset stores, which is the
 * same for timestamped data and, for a dataset without timestamps, is by item id (a dataset does
 * not keep the order interactions were added in). Nothing is random.
 */
@Component(service = Splitter.class)
public final class LeaveOneOutSplitter implements Splitter {

    /** The plugin id. */
    public static final String ID = "leave-one-out";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.SPLITTER,
            "Leave-one-out",
            "Holds out each user's last interaction for testing and the second-last for validation.",
            null,
            ParamSchema.of(
                    ParamSpec.booleanParam("validation").defaultValue(true)
                            .help("Whether the second-last interaction of each user goes to a validation part; "
                                    + "users need 3 interactions with it, 2 without.").build(),
                    ParamSpec.choiceParam("order", "time", "position").defaultValue("time")
                            .help("What 'last' means: 'time' orders by timestamp (the dataset must have them), "
                                    + "'position' uses the stored order (by item id when there are no timestamps)."
                            ).build()));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Holds out each user's last (and second-last) interaction.
     *
     * @param data   the dataset
     * @param params validated {@code validation} and {@code order}
     * @param ctx    the run context, for cancellation
     * @return one split
     * @throws IllegalArgumentException if order is 'time' and the dataset has no timestamps
     */
    @Override
    public List<Split> split(Dataset data, Params params, RunContext ctx) {
        boolean validation = params.getBoolean("validation");
        String order = params.getString("order");
        if ("time".equals(order)) {
            SplitSupport.requireTimestamps(ID, data, "order 'time' needs them (set order to 'position' to use the "
                    + "stored order, by item id without timestamps, or give timestamped data)");
        }
        int minInteractions = validation ? 3 : 2;
        PerUserSplit.Counts counts = new PerUserSplit.Counts() {
            @Override
            public int test(int d) {
                return d < minInteractions ? 0 : 1;
            }

            @Override
            public int validation(int rest) {
                return 1;
            }
        };
        return PerUserSplit.split(data, validation, PerUserSplit.latestFirst(), counts,
                describe(validation, order), ctx);
    }

    static String describe(boolean validation, String order) {
        String last = "time".equals(order) ? "by time (equal timestamps ordered by item id)"
                : "by stored position (time order, or item id without timestamps)";
        return "leave-one-out " + last + ": each user's last interaction test"
                + (validation ? ", second-last validation" : "") + ", users with >= " + (validation ? 3 : 2)
                + " interactions (fewer: all in train)";
    }
}
