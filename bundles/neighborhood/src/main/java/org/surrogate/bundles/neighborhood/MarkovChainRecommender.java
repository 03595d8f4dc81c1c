package org.surrogate.bundles.neighborhood;

import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;

/**
 * First-order Markov chain on item sequences: counts the transitions i -> j between consecutive
 * interactions of each user (in time order), and scores items by the transition probabilities from
 * the last item, {@code P(j | i) = (c_ij + smoothing) / (c_i + smoothing * numItems)}. Users and
 * histories ending in an item without outgoing transitions score 0 everywhere when smoothing is 0.
 *
 * <p>Memory: the transitions as sparse rows (8 bytes each distinct pair), plus each user's last item.
 */
@Component(service = Recommender.class)
public final class MarkovChainRecommender implements Recommender {

    /** The plugin id. */
    public static final String ID = "markov-chain";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.RECOMMENDER,
            "Markov chain (first order)",
            "Scores items by the observed probability of following the user's last item, from the counts of "
                    + "consecutive item pairs in the users' time-ordered sequences.",
            null,
            ParamSchema.of(
                    ParamSpec.doubleParam("smoothing").defaultValue(0.0).min(0)
                            .help("Added to every transition count before normalising each source item's row "
                                    + "(additive smoothing); 0 keeps the raw frequencies.").build(),
                    ParamSpec.choiceParam("order", "time", "position").defaultValue("time")
                            .help("'time' needs timestamps; 'position' uses the stored order of each user's "
                                    + "interactions (insertion order when there are no timestamps).").build()));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Counts and normalises the transitions.
     *
     * @param train  the training interactions
     * @param params validated parameters ({@code smoothing}, {@code order})
     * @param ctx    the run context
     * @return the model; it also scores histories
     * @throws IllegalArgumentException if {@code order} is 'time' and the dataset has no timestamps
     */
    @Override
    public Model fit(Dataset train, Params params, RunContext ctx) {
        if ("time".equals(params.getString("order")) && !train.hasTimestamps()) {
            throw new IllegalArgumentException(ID + ": dataset '" + train.name() + "' has no timestamps; sequences "
                    + "need an order (set order to 'position' to use the stored order)");
        }
        ctx.checkCancelled();
        SparseRows pairs = transitions(train);
        int[] last = new int[train.numUsers()];
        for (int u = 0; u < last.length; u++) {
            last[u] = train.degree(u) == 0 ? -1 : train.item(train.end(u) - 1);
        }
        ctx.progress(1.0, "counted " + pairs.cols().length + " distinct transitions");
        return new MarkovChainModel(pairs, last, (float) params.getDouble("smoothing"));
    }

    /** The counts of consecutive pairs as sparse rows by source item (sorted, merged targets). */
    static SparseRows transitions(Dataset train) {
        int pairs = 0;
        for (int u = 0; u < train.numUsers(); u++) {
            pairs += Math.max(0, train.degree(u) - 1);
        }
        // Rows are pairs (one per transition) with the target as column: a by-source CSR is the
        // transpose of a "pair x source" matrix; build it directly with counting sort.
        int n = train.numItems();
        int[] off = new int[n + 1];
        for (int u = 0; u < train.numUsers(); u++) {
            for (int k = train.begin(u); k + 1 < train.end(u); k++) {
                off[train.item(k) + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            off[i + 1] += off[i];
        }
        int[] next = java.util.Arrays.copyOf(off, n);
        int[] targets = new int[pairs];
        for (int u = 0; u < train.numUsers(); u++) {
            for (int k = train.begin(u); k + 1 < train.end(u); k++) {
                targets[next[train.item(k)]++] = train.item(k + 1);
            }
        }
        return merge(off, targets);
    }

    /** Sorts each row's targets and merges repeats into counts. */
    private static SparseRows merge(int[] off, int[] targets) {
        int rows = off.length - 1;
        int[] newOff = new int[rows + 1];
        int[] cols = new int[targets.length];
        float[] vals = new float[targets.length];
        int w = 0;
        for (int i = 0; i < rows; i++) {
            java.util.Arrays.sort(targets, off[i], off[i + 1]);
            for (int k = off[i]; k < off[i + 1]; k++) {
                if (w > newOff[i] && cols[w - 1] == targets[k]) {
                    vals[w - 1] += 1f;
                } else {
                    cols[w] = targets[k];
                    vals[w++] = 1f;
                }
            }
            newOff[i + 1] = w;
        }
        return new SparseRows(newOff, java.util.Arrays.copyOf(cols, w), java.util.Arrays.copyOf(vals, w));
    }

    /**
     * Reads a model written by {@link Model#save} of a markov-chain model.
     *
     * @param in     the saved model; not closed, and not read past its end
     * @param params the parameters it was fitted with (not needed: the file holds what scoring needs)
     * @return a model giving the same scores as the one saved
     * @throws IOException if the stream is unreadable, empty, truncated, corrupt, of another format
     *                     version or of another recommender; the message says which
     */
    @Override
    public Model load(InputStream in, Params params) throws IOException {
        return MarkovChainModel.read(in);
    }
}
