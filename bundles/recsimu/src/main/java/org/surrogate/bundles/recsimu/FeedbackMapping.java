package org.surrogate.bundles.recsimu;

import java.util.ArrayList;
import java.util.List;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.simulator.FeedbackType;

/**
 * How logged interactions become the K feedback types of the paper (skip, click, purchase there).
 * Public data has no such types, so they are derived:
 * <ul>
 * <li>{@code value} (MovieLens ratings, the known-preference generator in rating mode): the type of an
 * interaction is the number of cut points {@code valueCuts} at or below its value, so cuts
 * {@code [4]} make ratings 1-3 type 0 ("negative", a skip) and 4-5 type 1 ("positive", a click), and
 * {@code [3, 5]} make three levels.</li>
 * <li>{@code dwell} (DIGINETICA item views, which have no clicks or purchases): a view is type 1
 * ("long view") when the same user's (session's) next view comes at least {@code dwellSeconds} later,
 * type 0 otherwise; the last view of a sequence has no next view and counts as type 0. Needs
 * timestamps.</li>
 * </ul>
 * Rewards of the types are {@code rewards} when given (K values), else the type index (0, 1, ...).
 *
 * @param mode         value or dwell
 * @param cuts         the cut points of value mode, strictly increasing
 * @param dwellSeconds the threshold of dwell mode
 * @param rewards      the reward of each type
 */
record FeedbackMapping(String mode, double[] cuts, double dwellSeconds, double[] rewards) {

    /** Mapping from values. */
    static final String VALUE = "value";
    /** Mapping from the time to the next interaction. */
    static final String DWELL = "dwell";

    /** The mapping parameters, shared by every simulator and the protocol. */
    static List<ParamSpec> specs() {
        return List.of(
                ParamSpec.choiceParam("feedbackFrom", VALUE, DWELL).defaultValue(VALUE)
                        .help("How logged interactions become feedback types: 'value' cuts the value (a rating) at "
                                + "valueCuts; 'dwell' calls a view 'long' (type 1) when the next view of the same "
                                + "user comes at least dwellSeconds later (DIGINETICA has views only).").build(),
                ParamSpec.doubleListParam("valueCuts").defaultValue(List.of(4.0))
                        .help("Cut points of 'value' mode, strictly increasing: the type of an interaction is the "
                                + "number of cuts at or below its value. [4] on MovieLens: ratings 1-3 negative, "
                                + "4-5 positive (K = 2, as the paper's skip/click).").build(),
                ParamSpec.doubleParam("dwellSeconds").defaultValue(60.0).greaterThan(0)
                        .help("Threshold of 'dwell' mode, in seconds.").build(),
                ParamSpec.doubleListParam("rewards")
                        .help("Reward of each feedback type (K values); when absent, the type index 0, 1, ...")
                        .build());
    }

    /**
     * Reads the mapping from validated parameters.
     *
     * @param owner  who reads it, for messages
     * @param params the parameters (with the names of {@link #specs()})
     * @return the mapping
     * @throws IllegalArgumentException naming the field if the cuts are not increasing or the rewards do not
     *                                  match the number of types
     */
    static FeedbackMapping of(String owner, Params params) {
        String mode = params.getString("feedbackFrom");
        List<Double> cutList = params.getDoubleList("valueCuts");
        double[] cuts = cutList.stream().mapToDouble(Double::doubleValue).toArray();
        if (VALUE.equals(mode) && cuts.length == 0) {
            throw new IllegalArgumentException(owner + ": valueCuts must hold at least one cut point in 'value' mode, "
                    + "found []");
        }
        for (int k = 1; k < cuts.length; k++) {
            if (!(cuts[k] > cuts[k - 1])) {
                throw new IllegalArgumentException(owner + ": valueCuts must be strictly increasing, found "
                        + cutList);
            }
        }
        int types = DWELL.equals(mode) ? 2 : cuts.length + 1;
        List<Double> rewardList = params.has("rewards") ? params.getDoubleList("rewards") : List.of();
        double[] rewards = new double[types];
        if (rewardList.isEmpty()) {
            for (int k = 0; k < types; k++) {
                rewards[k] = k;
            }
        } else if (rewardList.size() != types) {
            throw new IllegalArgumentException(owner + ": rewards must hold one value per feedback type (" + types
                    + "), found " + rewardList.size() + " " + rewardList);
        } else {
            for (int k = 0; k < types; k++) {
                rewards[k] = rewardList.get(k);
            }
        }
        return new FeedbackMapping(mode, cuts, params.getDouble("dwellSeconds"), rewards);
    }

    /**
     * The number K of feedback types.
     *
     * @return K
     */
    int types() {
        return rewards.length;
    }

    /**
     * The feedback types, with names and rewards.
     *
     * @return K types
     */
    List<FeedbackType> feedbackTypes() {
        List<FeedbackType> out = new ArrayList<>();
        for (int k = 0; k < types(); k++) {
            String name;
            if (DWELL.equals(mode)) {
                name = k == 0 ? "short-view" : "long-view";
            } else if (types() == 2) {
                name = k == 0 ? "negative" : "positive";
            } else {
                name = "level-" + k;
            }
            out.add(new FeedbackType(name, rewards[k]));
        }
        return out;
    }

    /**
     * The type of every interaction of a dataset, indexed like the dataset's interactions.
     *
     * @param owner who asks, for messages
     * @param data  the dataset
     * @return one type per interaction
     * @throws IllegalArgumentException if dwell mode meets a dataset without timestamps
     */
    int[] map(String owner, Dataset data) {
        int[] out = new int[data.size()];
        if (DWELL.equals(mode)) {
            if (!data.hasTimestamps()) {
                throw new IllegalArgumentException(owner + ": feedbackFrom 'dwell' needs timestamps, and dataset '"
                        + data.name() + "' has none; use feedbackFrom 'value'");
            }
            long threshold = Math.round(dwellSeconds * 1000);
            // Timestamps: milliseconds for DIGINETICA, seconds for MovieLens; dwell is meant for the former.
            for (int u = 0; u < data.numUsers(); u++) {
                for (int i = data.begin(u); i < data.end(u) - 1; i++) {
                    out[i] = data.timestamp(i + 1) - data.timestamp(i) >= threshold ? 1 : 0;
                }
            }
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = typeOf(data.value(i));
        }
        return out;
    }

    /**
     * The type of a value in value mode.
     *
     * @param value the value
     * @return the number of cuts at or below it
     */
    int typeOf(double value) {
        int k = 0;
        while (k < cuts.length && value >= cuts[k]) {
            k++;
        }
        return k;
    }
}
