package org.surrogate.bundles.knownpreference;

import java.util.List;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;

/**
 * The parameters of the known-preference generator and simulator, declared once so that both plugins
 * describe, default and read the world and the choice model the same way: the same parameters and
 * seed give the same world in both.
 */
final class KnownPreferenceParams {

    /** The number of users. */
    static final ParamSpec NUM_USERS = ParamSpec.intParam("numUsers").defaultValue(1000).range(1, 50_000_000)
            .help("Number of users (twin mode takes it from the reference).").build();
    /** The number of items. */
    static final ParamSpec NUM_ITEMS = ParamSpec.intParam("numItems").defaultValue(1000).range(1, 10_000_000)
            .help("Number of items (twin mode takes it from the reference).").build();
    /** The dimension of the latent factors. */
    static final ParamSpec DIMENSION = ParamSpec.intParam("dimension").defaultValue(16).range(1, 1024)
            .help("Dimension d of the latent factors of users and items; the affinity x_u . y_i is scaled to "
                    + "unit variance whatever d.").build();
    /** The number of cluster centres. */
    static final ParamSpec CLUSTERS = ParamSpec.intParam("clusters").defaultValue(8).range(1, 100_000)
            .help("Number of cluster centres; every user and item belongs to one, uniformly at random, and "
                    + "users prefer items of their own cluster.").build();
    /** The spread of factors around their centre. */
    static final ParamSpec CLUSTER_SPREAD = ParamSpec.doubleParam("clusterSpread").defaultValue(1.0).range(0, 100)
            .help("Standard deviation of a factor around its cluster centre, relative to the centres: two users "
                    + "of a cluster have preferences correlated by about 1 / (1 + clusterSpread^2); 0 makes "
                    + "clusters identical copies.").build();
    /** The power-law exponent of popularity. */
    static final ParamSpec POPULARITY_SKEW = ParamSpec.doubleParam("popularitySkew").defaultValue(1.0).range(0, 10)
            .help("Power-law exponent of item popularity weights rank^-popularitySkew over a random rank "
                    + "order; 0 makes popularity uniform (twin mode uses the reference's item counts).").build();
    /** The weight of popularity in true preference. */
    static final ParamSpec POPULARITY_BIAS = ParamSpec.doubleParam("popularityBias").defaultValue(0.3).range(-10, 10)
            .help("Weight of an item's centred log popularity weight in every user's true preference for it: "
                    + "pref(u, i) = x_u . y_i + popularityBias * (log w_i - mean log w); 0 makes popularity "
                    + "pure exposure.").build();
    /** The temperature of the choice logit. */
    static final ParamSpec CHOICE_TEMPERATURE = ParamSpec.doubleParam("choiceTemperature").defaultValue(1.0)
            .range(1e-6, 1e6).help("Temperature of the multinomial logit choice among a slate: utility "
                    + "pref / choiceTemperature - positionBias * log2(1 + position); small values make users "
                    + "take their favourite.").build();
    /** The weight of the position discount. */
    static final ParamSpec POSITION_BIAS = ParamSpec.doubleParam("positionBias").defaultValue(0.5).range(0, 100)
            .help("Weight of the position discount log2(1 + position) in the choice utility (position 0 at "
                    + "the top of the slate); 0 makes position irrelevant.").build();
    /** The utility of choosing nothing. */
    static final ParamSpec OUTSIDE_UTILITY = ParamSpec.doubleParam("outsideUtility").defaultValue(2.0)
            .help("Utility of choosing nothing from a slate; higher makes users skip more slates; -Infinity "
                    + "makes them always choose.").build();
    /** Whether to fit a reference's marginals. */
    static final ParamSpec TWIN = ParamSpec.booleanParam("twin").defaultValue(Boolean.FALSE)
            .help("Fit to the reference dataset's marginals: its numbers of users and items and its item "
                    + "popularity curve (and, for the generator, its per-user activity distribution) replace "
                    + "numUsers, numItems, popularitySkew (and interactionsPerUser).").build();
    /** Slates per session; the horizon of the environment. */
    static final ParamSpec SESSION_LENGTH = ParamSpec.intParam("sessionLength").defaultValue(20).range(1, 100_000)
            .help("Slates per session: sessions of the generated data, the horizon of the environment.").build();

    private KnownPreferenceParams() {
    }

    /**
     * The parameters that define the world, in display order.
     *
     * @return the specs
     */
    static List<ParamSpec> world() {
        return List.of(NUM_USERS, NUM_ITEMS, DIMENSION, CLUSTERS, CLUSTER_SPREAD, POPULARITY_SKEW,
                POPULARITY_BIAS);
    }

    /**
     * The parameters of the choice model, in display order.
     *
     * @return the specs
     */
    static List<ParamSpec> choice() {
        return List.of(CHOICE_TEMPERATURE, POSITION_BIAS, OUTSIDE_UTILITY);
    }

    /**
     * Reads the world settings.
     *
     * @param owner  who reads them, for error messages
     * @param params validated parameters
     * @return the settings
     */
    static WorldSettings worldSettings(String owner, Params params) {
        return new WorldSettings(owner, params.getInt("numUsers"), params.getInt("numItems"),
                params.getInt("dimension"), params.getInt("clusters"), params.getDouble("clusterSpread"),
                params.getDouble("popularitySkew"), params.getDouble("popularityBias"));
    }

    /**
     * Reads the choice settings.
     *
     * @param owner  who reads them, for error messages
     * @param params validated parameters
     * @return the settings
     */
    static ChoiceSettings choiceSettings(String owner, Params params) {
        return new ChoiceSettings(owner, params.getDouble("choiceTemperature"), params.getDouble("positionBias"),
                params.getDouble("outsideUtility"));
    }
}
