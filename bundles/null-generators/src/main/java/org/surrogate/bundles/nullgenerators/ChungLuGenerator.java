package org.surrogate.bundles.nullgenerators;

import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.generator.Generator;
import org.surrogate.api.generator.GeneratorModel;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.run.RunContext;

/**
 * The bipartite Chung-Lu model, a null model for ranking fidelity: user u and item i are linked
 * independently with probability {@code p(u, i) = min(1, d(u) k(i) / E)}, where {@code d(u)} is the user's
 * number of distinct items in the reference, {@code k(i)} the item's number of distinct users and
 * {@code E} the number of distinct (user, item) pairs. Without the cap, the expected degree of every user
 * and item is exactly its degree in the reference; nothing else of the reference (who likes what,
 * co-occurrence, order, time) is kept. Edges are independent Bernoulli draws, so there are no duplicates.
 *
 * <p>The cap at 1 (a very active user and a very popular item) loses expected edges; the fit logs how many
 * users it touches and the expected shortfall. Sampling takes O(users + items + interactions) time with the
 * skipping method of Miller and Hagberg ("Efficient generation of networks with given expected degrees",
 * WAW 2011): items are visited in decreasing popularity, skipping ahead geometrically with the current
 * (largest) probability and accepting with the ratio of the true probability to it.
 *
 * <p>Output: the reference's numbers of users and items with its dense ids (original id strings are not
 * carried), values 1 or drawn from the reference's values ({@code values}), no timestamps, each user's items
 * in random order. Randomness: the sampling context's stream {@value ChungLuModel#STREAM}, one generator per
 * user.
 */
@Component(service = Generator.class)
public final class ChungLuGenerator implements Generator {

    /** The plugin id. */
    public static final String ID = "chung-lu";

    private static final String OWNER = "generator '" + ID + "'";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.GENERATOR,
            "Chung-Lu null model",
            "Bipartite Chung-Lu model fitted to a real dataset: each (user, item) pair is an interaction independently "
                    + "with probability min(1, d(u) k(i) / E), so every user's activity and every item's popularity are "
                    + "kept in expectation and nothing else; no duplicate interactions. A baseline for ranking fidelity.",
            new PaperReference("Chung, Lu. Connected components in random graphs with given expected degree sequences. "
                    + "Annals of Combinatorics 6, 2002; Miller, Hagberg. Efficient generation of networks with given "
                    + "expected degrees. WAW 2011", null),
            ParamSchema.of(Reference.valuesParam()));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Measures the reference's degrees.
     *
     * @param reference the real dataset, required
     * @param params    validated parameters
     * @param ctx       the run context (log)
     * @return the fitted model
     * @throws IllegalArgumentException if there is no reference or it has no interactions
     */
    @Override
    public GeneratorModel fit(Dataset reference, Params params, RunContext ctx) {
        Reference.require(OWNER, reference);
        ChungLuModel model = ChungLuModel.fit(ID + " of " + reference.name(), reference,
                Reference.valuePool(params.getString(Reference.VALUES), reference));
        if (model.cappedUsers() > 0) {
            ctx.log(System.Logger.Level.INFO, OWNER + ": " + model.cappedUsers() + " users have pairs with d(u) k(i) > E; "
                    + "capping those probabilities at 1 loses " + String.format(java.util.Locale.ROOT, "%.1f",
                    model.expectedShortfall()) + " of " + model.edges() + " expected interactions");
        }
        return model;
    }
}
