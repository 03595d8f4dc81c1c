package org.surrogate.bundles.popularity;

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
 * The most-popular baseline: every user gets the same scores, the number of training interactions
 * of each item whose value is at least {@code minValue}.
 */
@Component(service = Recommender.class)
public final class PopularityRecommender implements Recommender {

    /** The plugin id. */
    public static final String ID = "popularity";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.RECOMMENDER,
            "Most popular",
            "Ranks items by their number of training interactions, the same for every user.",
            null,
            ParamSchema.of(ParamSpec.doubleParam("minValue").defaultValue(0.0)
                    .help("Count only interactions whose value is at least this (say 4 to count only "
                            + "ratings of 4 and 5); 0 counts every implicit interaction.").build()));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Counts the interactions of each item.
     *
     * @param train  the training interactions
     * @param params validated parameters ({@code minValue})
     * @param ctx    the run context
     * @return a model scoring every item by its count
     */
    @Override
    public Model fit(Dataset train, Params params, RunContext ctx) {
        double minValue = params.getDouble("minValue");
        float[] counts = new float[train.numItems()];
        for (int i = 0; i < train.size(); i++) {
            if (train.value(i) >= minValue) {
                counts[train.item(i)]++;
            }
        }
        ctx.progress(1.0, "counted " + train.size() + " interactions");
        return new PopularityModel(counts);
    }

    /**
     * Loads a model written by {@link Model#save}.
     *
     * @param in     the stream
     * @param params ignored: the counts are the model
     * @return the model
     * @throws java.io.IOException if the stream is not a popularity model
     */
    @Override
    public Model load(java.io.InputStream in, Params params) throws java.io.IOException {
        return PopularityModel.read(in);
    }
}
