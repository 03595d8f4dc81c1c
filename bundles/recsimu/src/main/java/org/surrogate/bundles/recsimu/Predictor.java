package org.surrogate.bundles.recsimu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.surrogate.api.simulator.Environment;
import org.surrogate.api.simulator.Observation;
import org.surrogate.api.simulator.StepResult;

/**
 * Feedback probabilities of test tuples from any environment: the full distribution from this
 * bundle's simulators; from another environment, one step per tuple from an observation holding the
 * tuple's state, with the answered type's probability {@code v} and {@code (1 - v) / (K - 1)} spread
 * over the others (exact for K = 2).
 */
@FunctionalInterface
interface Predictor {

    /**
     * Predicts.
     *
     * @param tuples the tuples
     * @return {@code [n][K]} probabilities
     */
    float[][] predict(Tuples tuples);

    /**
     * The predictor of an environment.
     *
     * @param env           the environment
     * @param types         K
     * @param historyLength N
     * @return the predictor
     */
    static Predictor of(Environment env, int types, int historyLength) {
        if (env instanceof FeedbackEnvironment fe) {
            return fe.model()::predict;
        }
        if (env.feedbackTypes().size() != types) {
            throw new IllegalArgumentException("simulator environment answers with " + env.feedbackTypes().size()
                    + " feedback types, the protocol's mapping has " + types);
        }
        return tuples -> {
            float[][] out = new float[tuples.size][];
            for (int from = 0; from < tuples.size; from += 500) {
                int to = Math.min(tuples.size, from + 500);
                List<Observation> obs = new ArrayList<>();
                List<int[]> slates = new ArrayList<>();
                for (int r = from; r < to; r++) {
                    int base = r * tuples.historyLength;
                    int start = 0;
                    while (start < tuples.historyLength && tuples.items[base + start] < 0) {
                        start++;
                    }
                    obs.add(new Observation(r, Math.max(0, tuples.users[r]), 0,
                            Arrays.copyOfRange(tuples.items, base + start, base + tuples.historyLength),
                            Arrays.copyOfRange(tuples.feedback, base + start, base + tuples.historyLength),
                            new float[0]));
                    slates.add(new int[] {tuples.actions[r]});
                }
                List<StepResult> results = env.step(obs, slates);
                for (int k = 0; k < results.size(); k++) {
                    float[] p = new float[types];
                    int fb = results.get(k).feedback()[0];
                    float v = results.get(k).values()[0];
                    Arrays.fill(p, (1 - v) / Math.max(1, types - 1));
                    p[fb] = v;
                    out[from + k] = p;
                }
            }
            return out;
        };
    }
}
