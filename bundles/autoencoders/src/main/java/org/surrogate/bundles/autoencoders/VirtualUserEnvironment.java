package org.surrogate.bundles.autoencoders;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.surrogate.api.simulator.Environment;
import org.surrogate.api.simulator.FeedbackType;
import org.surrogate.api.simulator.Observation;
import org.surrogate.api.simulator.StepResult;

/**
 * Users answered by a trained CF-SFL virtual user ({@link VirtualUser}). A session's history holds
 * the items the user is known to interact with (their training row at {@link #reset(int)}, any items
 * with {@link #reset(int, int[])}), each with feedback "accept" and value 1, and every item shown
 * since with its feedback and value. A step shows a slate; the user's state {@code x} is the history's
 * accepted items, and
 * <ul>
 *   <li>the step's <b>reward</b> is the reward estimator's score of the whole slate,
 *       {@code R(x, a)} with {@code a} the slate's items (the paper's R(s, a), Eq. 3);</li>
 *   <li>each position's <b>value</b> is the score of that item alone, {@code R(x, e_j)};</li>
 *   <li>each position's <b>feedback</b> is "accept" with probability equal to its value
 *       ({@code feedbackDraw: sample}, one uniform number per position from the environment's stream)
 *       or when its value is at least 0.5 ({@code threshold}), "ignore" otherwise.</li>
 * </ul>
 * Accepted items join {@code x} for the next step, so the virtual user's state grows as a real user's
 * logged behaviour would. {@link #syntheticFeedback} gives the feedback generator's embedding of a
 * slate (what CF-SFL's recommender reads at its next step). A session is done after {@code horizon}
 * steps (never with 0). Sessions are values; the randomness is drawn in call order, batched steps in
 * list order, so the same sequence of calls gives the same answers. Thread-safe.
 */
final class VirtualUserEnvironment implements Environment {

    /** The feedback index of an item shown and not taken up. */
    static final int IGNORE = 0;
    /** The feedback index of an item the user takes up (and of the history's items). */
    static final int ACCEPT = 1;

    private static final List<FeedbackType> FEEDBACK = List.of(new FeedbackType("ignore", 0),
            new FeedbackType("accept", 1));
    private static final String OWNER = "simulator '" + VirtualUserSimulator.ID + "'";

    private final VirtualUser user;
    private final InteractionRows rows;
    private final int horizon;
    private final boolean sample;
    private final Random random;
    private final AtomicLong sessions = new AtomicLong();

    /**
     * Creates the environment.
     *
     * @param user    the virtual user
     * @param rows    the users' known items, one row per user (the logs it was trained on)
     * @param horizon steps per session, 0 for no limit
     * @param sample  whether feedback is drawn (true) or thresholded at 0.5 (false)
     * @param random  the environment's generator
     */
    VirtualUserEnvironment(VirtualUser user, InteractionRows rows, int horizon, boolean sample, Random random) {
        this.user = user;
        this.rows = rows;
        this.horizon = horizon;
        this.sample = sample;
        this.random = random;
    }

    /**
     * The virtual user answering.
     *
     * @return it
     */
    VirtualUser virtualUser() {
        return user;
    }

    @Override
    public int numUsers() {
        return rows.numRows();
    }

    @Override
    public int numItems() {
        return user.numItems();
    }

    /**
     * Ignore (reward 0) and accept (reward 1).
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
     * Starts a session from the user's logged items.
     *
     * @param u the dense user id of the logs
     * @return the first observation
     * @throws IllegalArgumentException if the user is out of range
     */
    @Override
    public Observation reset(int u) {
        if (u < 0 || u >= rows.numRows()) {
            throw new IllegalArgumentException(OWNER + ": user " + u + " is out of range [0, " + rows.numRows() + ")");
        }
        int[] offsets = rows.offsets();
        return reset(u, Arrays.copyOfRange(rows.items(), offsets[u], offsets[u + 1]));
    }

    /**
     * Starts a session from any history, such as a held-out user's items.
     *
     * @param u       the user id to carry (only the history is used)
     * @param history the items the user is known to interact with
     * @return the first observation
     * @throws IllegalArgumentException if an item is out of range
     */
    Observation reset(int u, int[] history) {
        for (int item : history) {
            checkItem(item, -1);
        }
        int[] fb = new int[history.length];
        Arrays.fill(fb, ACCEPT);
        float[] values = new float[history.length];
        Arrays.fill(values, 1f);
        return new Observation(sessions.getAndIncrement(), u, 0, history.clone(), fb, values);
    }

    @Override
    public StepResult step(Observation state, int[] slate) {
        return step(List.of(state), List.of(slate)).get(0);
    }

    /**
     * Shows one slate in each of several sessions, with one pass of the reward estimator for all.
     *
     * @param states the current observations
     * @param slates one slate per observation
     * @return one result per observation, in order
     * @throws IllegalArgumentException if the lists differ in size, a session is done, or an item is out
     *                                  of range
     */
    @Override
    public List<StepResult> step(List<Observation> states, List<int[]> slates) {
        int n = states.size();
        if (n != slates.size()) {
            throw new IllegalArgumentException(OWNER + ": " + n + " observations but " + slates.size() + " slates");
        }
        int[][] x = new int[n][];
        int[][] a = new int[n][];
        for (int k = 0; k < n; k++) {
            Observation s = states.get(k);
            if (horizon > 0 && s.step() >= horizon) {
                throw new IllegalArgumentException(OWNER + ": session " + s.session() + " is done after " + s.step()
                        + " steps (horizon " + horizon + "); reset the user to start another");
            }
            a[k] = slates.get(k);
            for (int j = 0; j < a[k].length; j++) {
                checkItem(a[k][j], j);
            }
            x[k] = accepted(s);
        }
        float[] rewards = n == 0 ? new float[0] : user.listRewards(x, a);
        float[][] values = n == 0 ? new float[0][] : user.itemRewards(x, a);
        double[][] uniforms = new double[n][];
        if (sample) {
            synchronized (random) {
                for (int k = 0; k < n; k++) {
                    uniforms[k] = new double[a[k].length];
                    for (int j = 0; j < a[k].length; j++) {
                        uniforms[k][j] = random.nextDouble();
                    }
                }
            }
        }
        List<StepResult> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            Observation s = states.get(k);
            int[] fb = new int[a[k].length];
            for (int j = 0; j < fb.length; j++) {
                boolean take = sample ? uniforms[k][j] < values[k][j] : values[k][j] >= 0.5f;
                fb[j] = take ? ACCEPT : IGNORE;
            }
            int h = s.items().length;
            int[] items = Arrays.copyOf(s.items(), h + a[k].length);
            int[] feedback = Arrays.copyOf(s.feedback(), h + a[k].length);
            float[] vals = Arrays.copyOf(s.values().length == h ? s.values() : new float[h], h + a[k].length);
            System.arraycopy(a[k], 0, items, h, a[k].length);
            System.arraycopy(fb, 0, feedback, h, fb.length);
            System.arraycopy(values[k], 0, vals, h, fb.length);
            Observation next = new Observation(s.session(), s.user(), s.step() + 1, items, feedback, vals);
            out.add(new StepResult(next, fb, values[k], rewards[k], horizon > 0 && s.step() + 1 >= horizon));
        }
        return out;
    }

    /**
     * The synthetic feedback embedding the virtual user's generator gives to a slate in a session's
     * state, {@code F(h(x, a), R(x, a))} (unit L2 norm).
     *
     * @param state the session's observation
     * @param slate the items shown
     * @return the embedding, of the virtual user's feedback width
     * @throws IllegalArgumentException if an item is out of range
     */
    float[] syntheticFeedback(Observation state, int[] slate) {
        for (int j = 0; j < slate.length; j++) {
            checkItem(slate[j], j);
        }
        return user.feedback(new int[][] {accepted(state)}, new int[][] {slate})[0];
    }

    /** The history's accepted items. */
    private static int[] accepted(Observation s) {
        int count = 0;
        for (int f : s.feedback()) {
            count += f == ACCEPT ? 1 : 0;
        }
        int[] x = new int[count];
        int c = 0;
        for (int p = 0; p < s.items().length; p++) {
            if (s.feedback()[p] == ACCEPT) {
                x[c++] = s.items()[p];
            }
        }
        return x;
    }

    private void checkItem(int item, int position) {
        if (item < 0 || item >= user.numItems()) {
            throw new IllegalArgumentException(OWNER + ": item " + item + (position >= 0 ? " at slate position "
                    + position : " of the history") + " is out of range [0, " + user.numItems() + ")");
        }
    }
}
