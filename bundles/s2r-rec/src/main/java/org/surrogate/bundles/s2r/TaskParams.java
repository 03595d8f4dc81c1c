package org.surrogate.bundles.s2r;

import java.util.ArrayList;
import java.util.List;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;

/** Parameters shared by the two simulators: the user split, the session rules and the SVD size. */
final class TaskParams {

    private TaskParams() {
    }

    static List<ParamSpec> specs(int trainUsers, int minRatings, int features) {
        List<ParamSpec> l = new ArrayList<>();
        l.add(ParamSpec.intParam("trainUsers").defaultValue(trainUsers).range(1, 1_000_000)
                .help("Real users in the training budget (the paper: 200).").build());
        l.add(ParamSpec.doubleParam("validationFraction").defaultValue(0.1).range(0, 0.9)
                .help("Share of the remaining real users held for validation; the rest are test users.").build());
        l.add(ParamSpec.intParam("minRatings").defaultValue(minRatings).range(1, 100_000)
                .help("A user enters a domain with at least this many ratings in it.").build());
        l.add(ParamSpec.choiceParam("simUsers", "all", "disjoint").defaultValue("all")
                .help("all: the simulator replays every user's simulation-genre ratings (real-genre ratings of "
                        + "held-out users are never used); disjoint: real validation and test users are left out "
                        + "of the simulator, as in the paper's MovieLens-25M split.").build());
        l.add(ParamSpec.intParam("horizon").defaultValue(32).range(1, 1000)
                .help("Steps per session (the paper's T = 32).").build());
        l.add(ParamSpec.doubleParam("threshold").defaultValue(3.0)
                .help("Ratings above it are relevant (MovieLens: 3.0).").build());
        l.add(ParamSpec.doubleParam("maxRating").defaultValue(5.0).help("Top of the rating scale.").build());
        l.add(ParamSpec.choiceParam("reward", "centered", "binary").defaultValue("centered")
                .help("centered: (rating - threshold) / (maxRating - threshold) in [-1, 1]; binary: 1 if relevant. "
                        + "Unrated and repeated items give 0.").build());
        l.add(ParamSpec.intParam("features").defaultValue(features).range(1, 512)
                .help("SVD factors per domain (item features; the paper uses 128 on MovieLens-25M).").build());
        l.add(ParamSpec.choiceParam("itemFeatures", "per-domain", "sim-basis").defaultValue("per-domain")
                .help("per-domain: one SVD per domain, unrelated bases (the paper's setting); sim-basis: real items "
                        + "folded into the simulation SVD through the real training users' simulation-genre factors, "
                        + "so both domains' item features share one basis.").build());
        return l;
    }

    static boolean simBasis(Params p) {
        return p.getString("itemFeatures").equals("sim-basis");
    }

    static SessionRules rules(Params p) {
        double threshold = p.getDouble("threshold");
        double max = p.getDouble("maxRating");
        if (!(max > threshold)) {
            throw new IllegalArgumentException("threshold: must be below maxRating " + max + ", found " + threshold);
        }
        return new SessionRules(p.getInt("horizon"), threshold, max, p.getString("reward").equals("binary"));
    }

    static TaskBuilder.Split split(Params p) {
        return new TaskBuilder.Split(p.getInt("trainUsers"), p.getDouble("validationFraction"), p.getInt("minRatings"),
                p.getString("simUsers").equals("disjoint"));
    }
}
