package org.surrogate.bundles.splitters;

import java.util.Arrays;
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
 * Global temporal split: one cut time for all users, so that the interactions at or after it are
 * the test part and the earlier ones train, as when a system is trained up to a date and tested on
 * what came after.
 *
 * <p>The cut: of the dataset's {@code n} interactions, {@code t = max(1, round(testFraction * n))}
 * (halves up) should be in test; the cut time is the earliest timestamp among the {@code t}
 * latest interactions. <b>Ties at the cut go to test</b>: every interaction with that timestamp is in test,
 * so the test part can hold more than {@code t} (and train could be empty if all timestamps are
 * equal, which is logged as a warning). Users may appear only in test (they started after the cut)
 * or only in train. The dataset must have timestamps. Nothing is random.
 */
@Component(service = Splitter.class)
public final class TemporalGlobalSplitter implements Splitter {

    /** The plugin id. */
    public static final String ID = "temporal-global";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.SPLITTER,
            "Global temporal split",
            "Cuts the whole dataset at one time so that the latest fraction of all interactions is for testing "
                    + "and the earlier ones for training.",
            null,
            ParamSchema.of(SplitSupport.testFraction("Fraction of all interactions after the cut: the cut time is "
                    + "the earliest timestamp among the latest round(testFraction * n) of the n interactions; "
                    + "interactions at the cut time go to test.")));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Cuts the dataset at one time.
     *
     * @param data   the dataset, with timestamps
     * @param params validated {@code testFraction}
     * @param ctx    the run context, for cancellation and a warning when train is empty
     * @return one split
     * @throws IllegalArgumentException if the dataset has no timestamps
     */
    @Override
    public List<Split> split(Dataset data, Params params, RunContext ctx) {
        SplitSupport.requireTimestamps(ID, data, "a temporal split needs them (use random-holdout, or "
                + "leave-one-out with order 'position')");
        double testFraction = params.getDouble("testFraction");
        int n = data.size();
        int wanted = n == 0 ? 0 : (int) Math.max(1, Math.round(testFraction * n + 1e-9));
        long cut = cutTime(data, wanted);
        Part train = new Part(data, "train");
        Part test = new Part(data, "test");
        for (int u = 0; u < data.numUsers(); u++) {
            SplitSupport.checkCancelled(u, ctx);
            for (int i = data.begin(u); i < data.end(u); i++) {
                (data.timestamp(i) >= cut ? test : train).copy(u, i);
            }
        }
        Dataset testPart = test.build();
        Dataset trainPart = train.build();
        if (trainPart.size() == 0 && n > 0) {
            ctx.log(System.Logger.Level.WARNING, "splitter '" + ID + "': every interaction of dataset '" + data.name()
                    + "' is at or after the cut time " + cut + ", so train is empty");
        }
        String description = describe(testFraction, cut, wanted, n, testPart.size());
        ctx.progress(1.0, description);
        return List.of(new Split(description, trainPart, null, testPart, null));
    }

    /** The earliest timestamp among the wanted latest interactions; Long.MAX_VALUE (nothing in test) for none. */
    private static long cutTime(Dataset data, int wanted) {
        if (wanted == 0) {
            return Long.MAX_VALUE;
        }
        long[] times = new long[data.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = data.timestamp(i);
        }
        Arrays.sort(times);
        return times[times.length - wanted];
    }

    static String describe(double testFraction, long cut, int wanted, int n, int inTest) {
        return "global temporal split, " + SplitSupport.percent(testFraction) + " test: interactions at or after "
                + "cut time " + cut + " (the earliest timestamp among the latest " + wanted + " of the " + n
                + " interactions, round(" + SplitSupport.number(testFraction) + " n); ties at the cut go to test) "
                + "are test, earlier ones train; test holds " + inTest + " interactions";
    }
}
