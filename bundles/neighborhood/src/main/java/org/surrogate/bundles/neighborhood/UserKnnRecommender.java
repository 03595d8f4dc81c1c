package org.surrogate.bundles.neighborhood;

import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;

/**
 * Sparse user-based kNN. With x_u the row of user u (binary, or values with {@code binary=false}),
 * {@code sim(u, v) = x_u . x_v / (|x_u| |x_v| + shrinkage)}; every user keeps its {@code neighbors}
 * most similar users N(u) (positive similarities only, ties to the lower id), and
 * {@code score(u, i) = sum over v in N(u) of sim(u, v) x_vi}.
 *
 * <p>Neighbours are precomputed for every user at fit time, on a pool of named threads with a
 * dense accumulator of {@code numUsers} floats per thread. Memory: 8 bytes a kept neighbour, at most
 * {@code numUsers * neighbors * 8} (800 MB for a million users with 100 neighbours), plus the
 * training data twice (by user and by item). Time is about the sum over items of their squared
 * degree, which popular items dominate.
 */
@Component(service = Recommender.class)
public final class UserKnnRecommender implements Recommender {

    /** The plugin id. */
    public static final String ID = "user-knn";

    /** The descriptor, with the parameter schema (the same parameters as item-knn). */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.RECOMMENDER,
            "User kNN (sparse cosine)",
            "Scores an item by the similarity-weighted interactions of the user's most cosine-similar users "
                    + "(with shrinkage); sparse and multi-threaded.",
            new PaperReference("Herlocker et al., An algorithmic framework for performing collaborative "
                    + "filtering, SIGIR 1999", "https://doi.org/10.1145/312624.312682"),
            ItemKnnRecommender.schema());

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Computes the kept neighbours of every user.
     *
     * @param train  the training interactions
     * @param params validated parameters ({@code neighbors}, {@code shrinkage}, {@code binary})
     * @param ctx    the run context, for progress and cancellation
     * @return the model
     * @throws org.surrogate.api.run.TrialCancelledException if cancelled meanwhile
     */
    @Override
    public Model fit(Dataset train, Params params, RunContext ctx) {
        ctx.checkCancelled();
        SparseRows byUser = SparseRows.byUser(train, params.getBoolean("binary"));
        SparseRows byItem = byUser.transpose(train.numItems());
        Neighbors nb = new CosineNeighbors(ID, params.getInt("neighbors"), params.getDouble("shrinkage"),
                Checks.threads()).compute(byUser, byItem, ctx);
        ctx.progress(1.0, "kept " + nb.ids().length + " user neighbours");
        return new UserKnnModel(byUser, nb, train.numItems());
    }

    /**
     * Reads a model written by {@link Model#save} of a user-knn model.
     *
     * @param in     the saved model; not closed, and not read past its end
     * @param params the parameters it was fitted with (not needed: the file holds what scoring needs)
     * @return a model giving the same scores as the one saved
     * @throws IOException if the stream is unreadable, empty, truncated, corrupt, of another format
     *                     version or of another recommender; the message says which
     */
    @Override
    public Model load(InputStream in, Params params) throws IOException {
        return UserKnnModel.read(in);
    }
}
