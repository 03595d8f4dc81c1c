package org.surrogate.bundles.recsimu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.simulator.Environment;
import org.surrogate.api.simulator.FeedbackType;
import org.surrogate.api.simulator.Observation;
import org.surrogate.api.simulator.StepResult;

/**
 * The environment of a trained feedback simulator. A session's state is the last N items shown to
 * the user with their feedback types; {@link #reset(int)} starts from the user's last N logged
 * interactions, {@link #reset(int, int[], int[])} from any given history. A step shows a slate: each
 * item is judged against the state before the step (the simulator's r(s, a)), its feedback type is
 * drawn from the predicted distribution (or the most probable type, {@code feedbackDraw: argmax}),
 * the step's reward is the sum of the types' rewards, and the slate items with their feedback are
 * appended to the state in slate order (the paper's deterministic transition s' = {i_2..i_N, a}).
 * Observations keep the last N history items only. Steps of many sessions are predicted in one
 * batch. {@link #probabilities} exposes the full predicted distributions, for protocols.
 */
public final class FeedbackEnvironment implements Environment {

    private final String id;
    private final Dataset logs;
    private final int[] logTypes;
    private final FeedbackMapping mapping;
    private final FeedbackModel model;
    private final int historyLength;
    private final int horizon;
    private final boolean sample;
    private final Random rng;
    private final AtomicLong sessions = new AtomicLong();

    FeedbackEnvironment(String id, Dataset logs, int[] logTypes, FeedbackMapping mapping, FeedbackModel model,
                        int historyLength, int horizon, boolean sample, Random rng) {
        this.id = id;
        this.logs = logs;
        this.logTypes = logTypes;
        this.mapping = mapping;
        this.model = model;
        this.historyLength = historyLength;
        this.horizon = horizon;
        this.sample = sample;
        this.rng = rng;
    }

    FeedbackModel model() {
        return model;
    }

    FeedbackMapping mapping() {
        return mapping;
    }

    int historyLength() {
        return historyLength;
    }

    @Override
    public int numUsers() {
        return logs.numUsers();
    }

    @Override
    public int numItems() {
        return logs.numItems();
    }

    @Override
    public List<FeedbackType> feedbackTypes() {
        return mapping.feedbackTypes();
    }

    @Override
    public int horizon() {
        return horizon;
    }

    @Override
    public Observation reset(int user) {
        if (user < 0 || user >= logs.numUsers()) {
            throw new IllegalArgumentException("simulator '" + id + "': user " + user + " is out of range [0, "
                    + logs.numUsers() + ")");
        }
        int from = Math.max(logs.begin(user), logs.end(user) - historyLength);
        int len = logs.end(user) - from;
        int[] items = new int[len];
        int[] types = new int[len];
        for (int k = 0; k < len; k++) {
            items[k] = logs.item(from + k);
            types[k] = logTypes[from + k];
        }
        return reset(user, items, types);
    }

    /**
     * Starts a session from a given history (the paper's state: items the user browsed and their
     * feedback, oldest first; the last N are kept).
     *
     * @param user     the user (any id; the simulator only uses the history)
     * @param items    the history items
     * @param feedback their feedback types
     * @return the first observation
     * @throws IllegalArgumentException if the arrays differ in length or hold out-of-range values
     */
    public Observation reset(int user, int[] items, int[] feedback) {
        if (items.length != feedback.length) {
            throw new IllegalArgumentException("simulator '" + id + "': history has " + items.length + " items but "
                    + feedback.length + " feedback values");
        }
        for (int k = 0; k < items.length; k++) {
            checkItem(items[k]);
            if (feedback[k] < 0 || feedback[k] >= mapping.types()) {
                throw new IllegalArgumentException("simulator '" + id + "': feedback type " + feedback[k]
                        + " is out of range [0, " + mapping.types() + ")");
            }
        }
        int from = Math.max(0, items.length - historyLength);
        return new Observation(sessions.getAndIncrement(), user, 0, Arrays.copyOfRange(items, from, items.length),
                Arrays.copyOfRange(feedback, from, feedback.length), new float[0]);
    }

    private void checkItem(int item) {
        if (item < 0 || item >= logs.numItems()) {
            throw new IllegalArgumentException("simulator '" + id + "': item " + item + " is out of range [0, "
                    + logs.numItems() + ")");
        }
    }

    @Override
    public StepResult step(Observation state, int[] slate) {
        return step(List.of(state), List.of(slate)).get(0);
    }

    @Override
    public synchronized List<StepResult> step(List<Observation> states, List<int[]> slates) {
        if (states.size() != slates.size()) {
            throw new IllegalArgumentException(states.size() + " observations but " + slates.size() + " slates");
        }
        int total = 0;
        for (int k = 0; k < states.size(); k++) {
            if (horizon > 0 && states.get(k).step() >= horizon) {
                throw new IllegalArgumentException("simulator '" + id + "': session " + states.get(k).session()
                        + " is done (horizon " + horizon + ")");
            }
            for (int item : slates.get(k)) {
                checkItem(item);
            }
            total += slates.get(k).length;
        }
        int[][] histories = new int[total][];
        int[][] types = new int[total][];
        int[] actions = new int[total];
        int r = 0;
        for (int k = 0; k < states.size(); k++) {
            for (int item : slates.get(k)) {
                histories[r] = states.get(k).items();
                types[r] = states.get(k).feedback();
                actions[r++] = item;
            }
        }
        float[][] probs = model.predict(Tuples.of(historyLength, histories, types, actions));
        List<StepResult> out = new ArrayList<>(states.size());
        r = 0;
        for (int k = 0; k < states.size(); k++) {
            Observation s = states.get(k);
            int[] slate = slates.get(k);
            int[] fb = new int[slate.length];
            float[] values = new float[slate.length];
            double reward = 0;
            for (int j = 0; j < slate.length; j++, r++) {
                fb[j] = sample ? draw(probs[r]) : argmax(probs[r]);
                values[j] = probs[r][fb[j]];
                reward += mapping.rewards()[fb[j]];
            }
            int[] items = concat(s.items(), slate);
            int[] feedback = concat(s.feedback(), fb);
            int from = Math.max(0, items.length - historyLength);
            Observation next = new Observation(s.session(), s.user(), s.step() + 1,
                    Arrays.copyOfRange(items, from, items.length), Arrays.copyOfRange(feedback, from, feedback.length),
                    new float[0]);
            out.add(new StepResult(next, fb, values, reward, horizon > 0 && s.step() + 1 >= horizon));
        }
        return out;
    }

    /**
     * The predicted probability of every feedback type for each (history, item) pair.
     *
     * @param histories the histories, oldest first
     * @param feedback  their feedback types
     * @param items     the recommended item of each pair
     * @return {@code [n][K]} probabilities
     */
    public float[][] probabilities(int[][] histories, int[][] feedback, int[] items) {
        return model.predict(Tuples.of(historyLength, histories, feedback, items));
    }

    /** Frees the native memory of the simulator's networks. */
    @Override
    public void close() {
        model.close();
    }

    private int draw(float[] p) {
        double u = rng.nextDouble();
        double acc = 0;
        for (int c = 0; c < p.length; c++) {
            acc += p[c];
            if (u < acc) {
                return c;
            }
        }
        return p.length - 1;
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
