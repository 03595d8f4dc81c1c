package org.surrogate.bundles.knownpreference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.simulator.Environment;
import org.surrogate.api.simulator.FeedbackType;
import org.surrogate.api.simulator.Observation;
import org.surrogate.api.simulator.StepResult;

/**
 * Users of a known-preference world answering slates chosen by any policy: at each step the
 * {@link ChoiceModel} picks at most one item of the slate, which is clicked (reward 1); the others
 * are skipped. The values of a step are the choice probabilities of each slate position (they sum to
 * 1 minus the probability of choosing nothing). A session is done after {@code horizon} steps.
 *
 * <p>The history of an observation holds every shown item with its feedback and choice probability.
 * The environment does not remember clicks: a policy that shows a clicked item again may see it
 * clicked again ({@link Model#asPolicy()} never does, as it skips the history).
 *
 * <p>Randomness: one {@link Random} from the context's stream "env", one uniform number per step, in
 * the order steps are called; the same sequence of calls gives the same answers, and a different
 * order (or interleaving from several threads) different ones. A batched step draws for its sessions
 * in list order, exactly as the same steps called one by one. Thread-safe.
 */
final class KnownPreferenceEnvironment implements Environment {

    /** The feedback index of an item that was shown and not chosen. */
    static final int SKIP = 0;
    /** The feedback index of the chosen item. */
    static final int CLICK = 1;

    private static final List<FeedbackType> FEEDBACK = List.of(new FeedbackType("skip", 0),
            new FeedbackType("click", 1));
    private static final String OWNER = "simulator '" + KnownPreferenceSimulator.ID + "'";

    private final World world;
    private final ChoiceModel choice;
    private final int horizon;
    private final Random random;
    private final AtomicLong sessions = new AtomicLong();

    /**
     * Creates the environment.
     *
     * @param world   the world
     * @param choice  the choice model
     * @param horizon steps per session, at least 1
     * @param random  the environment's generator
     */
    KnownPreferenceEnvironment(World world, ChoiceModel choice, int horizon, Random random) {
        this.world = world;
        this.choice = choice;
        this.horizon = horizon;
        this.random = random;
    }

    @Override
    public int numUsers() {
        return world.numUsers();
    }

    @Override
    public int numItems() {
        return world.numItems();
    }

    /**
     * Skip (reward 0) and click (reward 1).
     *
     * @return the two types
     */
    @Override
    public List<FeedbackType> feedbackTypes() {
        return FEEDBACK;
    }

    @Override
    public int horizon() {
        return horizon;
    }

    /**
     * The true preferences of the users, the ground truth of this world.
     *
     * @return a model scoring every item by each user's true preference
     */
    Model truePreferences() {
        return new TruePreferences(world, OWNER);
    }

    /**
     * The world.
     *
     * @return the world
     */
    World world() {
        return world;
    }

    /**
     * Starts a session with an empty history.
     *
     * @param user the dense user id
     * @return the first observation
     * @throws IllegalArgumentException if the user is out of range
     */
    @Override
    public Observation reset(int user) {
        checkUser(user);
        return new Observation(sessions.getAndIncrement(), user, 0, new int[0], new int[0], new float[0]);
    }

    /**
     * Shows a slate: the user clicks at most one item.
     *
     * @param state the current observation
     * @param slate distinct items, top first
     * @return the feedback per position, the choice probabilities, reward 1 on a click
     * @throws IllegalArgumentException if the session is done, the user or an item is out of range, or
     *                                  an item is shown twice
     */
    @Override
    public StepResult step(Observation state, int[] slate) {
        check(state, slate);
        float[] prefs = new float[slate.length];
        double[] probs = new double[slate.length];
        choice.probabilities(state.user(), slate, slate.length, prefs, probs);
        double uniform;
        synchronized (random) {
            uniform = random.nextDouble();
        }
        return result(state, slate, probs, uniform);
    }

    /**
     * Shows one slate in each of several sessions: checks them all first (so a bad one changes
     * nothing), computes every choice probability, then draws for the sessions in list order.
     *
     * @param states the current observations
     * @param slates one slate per observation
     * @return one result per observation, in order
     * @throws IllegalArgumentException if the lists differ in size or any step is invalid
     */
    @Override
    public List<StepResult> step(List<Observation> states, List<int[]> slates) {
        int n = states.size();
        if (n != slates.size()) {
            throw new IllegalArgumentException(OWNER + ": " + n + " observations but " + slates.size() + " slates");
        }
        double[][] probs = new double[n][];
        float[] prefs = new float[0];
        for (int k = 0; k < n; k++) {
            check(states.get(k), slates.get(k));
        }
        for (int k = 0; k < n; k++) {
            int[] slate = slates.get(k);
            if (prefs.length < slate.length) {
                prefs = new float[slate.length];
            }
            probs[k] = new double[slate.length];
            choice.probabilities(states.get(k).user(), slate, slate.length, prefs, probs[k]);
        }
        double[] uniforms = new double[n];
        synchronized (random) {
            for (int k = 0; k < n; k++) {
                uniforms[k] = random.nextDouble();
            }
        }
        List<StepResult> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(result(states.get(k), slates.get(k), probs[k], uniforms[k]));
        }
        return out;
    }

    private StepResult result(Observation state, int[] slate, double[] probs, double uniform) {
        int chosen = ChoiceModel.draw(probs, slate.length, uniform);
        int[] feedback = new int[slate.length];
        float[] values = new float[slate.length];
        for (int j = 0; j < slate.length; j++) {
            feedback[j] = j == chosen ? CLICK : SKIP;
            values[j] = (float) probs[j];
        }
        int h = state.items().length;
        int[] items = Arrays.copyOf(state.items(), h + slate.length);
        int[] fb = Arrays.copyOf(state.feedback(), h + slate.length);
        float[] vals = Arrays.copyOf(state.values().length == h ? state.values() : new float[h], h + slate.length);
        System.arraycopy(slate, 0, items, h, slate.length);
        System.arraycopy(feedback, 0, fb, h, slate.length);
        System.arraycopy(values, 0, vals, h, slate.length);
        int step = state.step() + 1;
        Observation next = new Observation(state.session(), state.user(), step, items, fb, vals);
        return new StepResult(next, feedback, values, chosen >= 0 ? 1 : 0, step >= horizon);
    }

    private void checkUser(int user) {
        if (user < 0 || user >= world.numUsers()) {
            throw new IllegalArgumentException(OWNER + ": user " + user + " is out of range [0, " + world.numUsers()
                    + ")");
        }
    }

    private void check(Observation state, int[] slate) {
        checkUser(state.user());
        if (state.step() >= horizon) {
            throw new IllegalArgumentException(OWNER + ": session " + state.session() + " is done after "
                    + state.step() + " steps (horizon " + horizon + "); reset the user to start another");
        }
        int n = world.numItems();
        for (int j = 0; j < slate.length; j++) {
            if (slate[j] < 0 || slate[j] >= n) {
                throw new IllegalArgumentException(OWNER + ": slate item " + slate[j] + " at position " + j
                        + " is out of range [0, " + n + ")");
            }
        }
        Map<Integer, Integer> seen = slate.length > 32 ? new HashMap<>() : null;
        for (int j = 0; j < slate.length; j++) {
            int first = -1;
            if (seen == null) {
                for (int k = 0; k < j && first < 0; k++) {
                    first = slate[k] == slate[j] ? k : -1;
                }
            } else {
                Integer before = seen.putIfAbsent(slate[j], j);
                first = before == null ? -1 : before;
            }
            if (first >= 0) {
                throw new IllegalArgumentException(OWNER + ": slate shows item " + slate[j] + " twice (positions "
                        + first + " and " + j + "); a slate shows distinct items");
            }
        }
    }
}
