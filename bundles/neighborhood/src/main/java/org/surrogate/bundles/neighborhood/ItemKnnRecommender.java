package org.surrogate.bundles.neighborhood;

import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;

/**
 * Sparse item-based kNN (Sarwar et al. 2001; Deshpande and Karypis 2004). With x_i the column of
 * item i in the users x items matrix (binary, or the interaction values with {@code binary=false}),
 * {@code sim(i, j) = x_i . x_j / (|x_i| |x_j| + shrinkage)}. Every item j keeps its
 * {@code neighbors} most similar items N(j) (positive similarities only, ties to the lower id), and
 * {@code score(u, i) = sum over the user's items j with i in N(j) of x_uj sim(j, i)}.
 *
 * <p>Similarities are computed from the sparse matrix, item by item on a pool of named threads,
 * with a dense accumulator of {@code numItems} floats per thread: time is about the sum over users
 * of their squared degree, memory 8 bytes a kept neighbour ({@code numItems * neighbors * 8} at
 * most) plus the training data. No items x items matrix is built.
 */
@Component(service = Recommender.class)
public final class ItemKnnRecommender implements Recommender {

    /** The plugin id. */
    public static final String ID = "item-knn";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.RECOMMENDER,
            "Item kNN (sparse cosine)",
            "Scores an item by the summed cosine similarities (with shrinkage) to the user's items of which it "
                    + "is among the most similar items; sparse and multi-threaded.",
            new PaperReference("Deshpande and Karypis, Item-based top-N recommendation algorithms, ACM TOIS "
                    + "22(1), 2004; Sarwar et al., Item-based collaborative filtering recommendation algorithms, "
                    + "WWW 2001", "https://doi.org/10.1145/963770.963776"),
            schema());

    static ParamSchema schema() {
        return ParamSchema.of(
                ParamSpec.intParam("neighbors").defaultValue(100).min(1)
                        .help("Most similar items kept per item (its neighbourhood).").build(),
                ParamSpec.doubleParam("shrinkage").defaultValue(10.0).min(0)
                        .help("Added to the cosine's denominator, |a| |b| + shrinkage, to damp similarities "
                                + "supported by few users; 0 is the plain cosine.").build(),
                ParamSpec.booleanParam("binary").defaultValue(true)
                        .help("Treat every interaction as 1 (true) or use its value, repeated interactions "
                                + "summed (false).").build());
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Computes the kept neighbours of every item.
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
                Checks.threads()).compute(byItem, byUser, ctx);
        ctx.progress(1.0, "kept " + nb.ids().length + " item neighbours");
        return new ItemKnnModel(byUser, nb);
    }

    /**
     * Reads a model written by {@link Model#save} of an item-knn model.
     *
     * @param in     the saved model; not closed, and not read past its end
     * @param params the parameters it was fitted with (not needed: the file holds what scoring needs)
     * @return a model giving the same scores as the one saved
     * @throws IOException if the stream is unreadable, empty, truncated, corrupt, of another format
     *                     version or of another recommender; the message says which
     */
    @Override
    public Model load(InputStream in, Params params) throws IOException {
        return ItemKnnModel.read(in);
    }
}
