package org.surrogate.bundles.splitters;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * Per-user k-fold cross-validation: each user's interactions are shuffled and dealt round-robin into
 * {@code folds} folds; split {@code i} has fold {@code i} as test and the other folds as train, so
 * every interaction of a split user is in test exactly once over the k splits.
 *
 * <p>The dealing continues from one user to the next (user 0 starts at fold 1, and each user starts
 * where the previous one stopped), so a user's folds differ in size by at most one and so do the
 * folds' total sizes; a user with fewer interactions than folds has test items in some folds only.
 * Users with fewer than {@code minInteractions} interactions stay in train in every split. The
 * shuffles come from the stream {@value #ID} of the run context. Parts are named
 * {@code "<data>/fold<i>/train"} and {@code "<data>/fold<i>/test"}, {@code i} from 1.
 */
@Component(service = Splitter.class)
public final class KFoldSplitter implements Splitter {

    /** The plugin id. */
    public static final String ID = "k-fold";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.SPLITTER,
            "Per-user k-fold",
            "Deals each user's shuffled interactions into k folds and returns k splits, each testing on one fold "
                    + "and training on the others.",
            null,
            ParamSchema.of(
                    ParamSpec.intParam("folds").min(2).defaultValue(5)
                            .help("The number of folds k, and of splits returned.").build(),
                    SplitSupport.minInteractions("Users with fewer interactions are not split: all of theirs stay in "
                            + "train in every fold. At least 2, so that every split user keeps one in train.")));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Deals every user's interactions into the folds.
     *
     * @param data   the dataset
     * @param params validated {@code folds} and {@code minInteractions}
     * @param ctx    the run context: the random stream {@value #ID}, cancellation
     * @return {@code folds} splits, fold 1 first
     */
    @Override
    public List<Split> split(Dataset data, Params params, RunContext ctx) {
        int k = params.getInt("folds");
        int minInteractions = params.getInt("minInteractions");
        Random rng = ctx.random(ID);
        Part[] trains = new Part[k];
        Part[] tests = new Part[k];
        for (int f = 0; f < k; f++) {
            trains[f] = new Part(data, "fold" + (f + 1) + "/train");
            tests[f] = new Part(data, "fold" + (f + 1) + "/test");
        }
        int next = 0;
        int[] order = new int[0];
        for (int u = 0; u < data.numUsers(); u++) {
            SplitSupport.checkCancelled(u, ctx);
            int d = data.degree(u);
            if (d < minInteractions) {
                for (Part train : trains) {
                    train.copyUser(u);
                }
                continue;
            }
            if (order.length < d) {
                order = new int[Math.max(d, 2 * order.length)];
            }
            PerUserSplit.shuffled(rng).fill(order, d);
            for (int j = 0; j < d; j++) {
                int fold = (next + j) % k;
                int index = data.begin(u) + order[j];
                for (int f = 0; f < k; f++) {
                    (f == fold ? tests[f] : trains[f]).copy(u, index);
                }
            }
            next = (next + d) % k;
        }
        List<Split> splits = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            splits.add(new Split(describe(f + 1, k, minInteractions), trains[f].build(), null, tests[f].build(), null));
        }
        ctx.progress(1.0, "dealt into " + k + " folds");
        return List.copyOf(splits);
    }

    static String describe(int fold, int k, int minInteractions) {
        return "fold " + fold + " of " + k + ", per-user random " + k + "-fold cross-validation: each user's "
                + "interactions shuffled and dealt round-robin into " + k + " folds, this fold test and the others "
                + "train; users with >= " + minInteractions + " interactions (fewer: train in every fold)";
    }
}
