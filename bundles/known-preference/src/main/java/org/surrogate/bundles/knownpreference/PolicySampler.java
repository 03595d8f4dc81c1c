package org.surrogate.bundles.knownpreference;

import java.util.Arrays;
import org.surrogate.api.recommender.Policy;
import org.surrogate.api.simulator.Observation;
import org.surrogate.api.simulator.StepResult;

/**
 * Samples the interactions of one user at a time when a given {@link Policy} chooses the slates
 * (the generator's {@code sample(ctx, policy)}): the same sessions, targets, slate budget,
 * timestamps, values and choice model as {@link UserSampler}, but each slate comes from
 * {@link Policy#act} and its answer goes back through {@link Policy#observe}. One per sampling: it
 * keeps buffers sized to the catalogue; not thread-safe, and it calls the policy from the calling
 * thread only.
 *
 * <p>What the policy sees: an {@link Observation} whose session id is the user, whose step is the
 * number of slates the user was shown so far in this sampling, and whose history is the items the
 * user chose so far, oldest first, each with feedback {@link KnownPreferenceEnvironment#CLICK} and no
 * values. The answer to a slate: feedback {@link KnownPreferenceEnvironment#SKIP} or {@code CLICK}
 * per position, the choice probability of each position as values, reward 1 on a click, the
 * observation after the slate, and {@code done} on the user's last slate.
 *
 * <p>As in the built-in logging a user chooses an item at most once; but where the built-in policies
 * never show a chosen item again, a given policy may: such an item keeps its place on the slate (and
 * so pushes the items below it down) but cannot be chosen (probability 0, see
 * {@link ChoiceModel#probabilities(int, int[], int, boolean[], float[], double[])}).
 *
 * <p>Randomness: the user's generator draws the start time, then per slate the time gap (from the
 * second slate on) and one uniform number for the choice; the policy draws nothing from it. So the
 * same seed and a deterministic policy give the same interactions, and a user starts at the same
 * time as under the built-in logging.
 */
final class PolicySampler {

    private static final String OWNER = "generator '" + KnownPreferenceGenerator.ID + "'";
    private static final int SHOWN_ITEMS = 20;

    private final KnownPreferenceModel model;
    private final Policy policy;
    private final ChoiceModel choice;
    private final SamplingSettings settings;
    private final int numItems;
    private final int[] chosenMark;
    private final int[] slateMark;
    private final boolean[] excluded;
    private final float[] prefs;
    private final double[] probs;
    private int userStamp;
    private int slateStamp;
    private int[] history = new int[16];
    private int chosen;

    /**
     * Creates a sampler.
     *
     * @param model  the fitted generator
     * @param policy chooses the slates
     */
    PolicySampler(KnownPreferenceModel model, Policy policy) {
        this.model = model;
        this.policy = policy;
        this.choice = model.choiceModel();
        this.settings = model.sampling();
        this.numItems = model.world().numItems();
        int s = settings.slateSize();
        this.chosenMark = new int[numItems];
        this.slateMark = new int[numItems];
        this.excluded = new boolean[s];
        this.prefs = new float[s];
        this.probs = new double[s];
    }

    /**
     * Samples one user's interactions into a buffer: slates until the user made their target number
     * of choices, ran out of slates (in target mode counted as cut short) or chose every item.
     *
     * @param user the user
     * @param seed the user's seed
     * @param out  receives the interactions, in time order
     * @throws IllegalArgumentException if the policy returns an invalid slate (see {@link #check})
     */
    void sample(int user, long seed, InteractionBuffer out) {
        SplitMixRandom rng = new SplitMixRandom(seed);
        userStamp = UserSampler.nextStamp(chosenMark, userStamp);
        chosen = 0;
        int target = model.choiceTarget(user);
        long maxSlates = model.slateBudget(user);
        long time = UserSampler.startTime(rng);
        Observation obs = observation(user, 0);
        for (long shown = 0; shown < maxSlates && chosen < target && chosen < numItems; shown++) {
            time = UserSampler.slateTime(time, shown, settings.sessionLength(), rng);
            int[] slate = policy.act(obs, settings.slateSize());
            check(user, shown, slate);
            int n = slate.length;
            for (int j = 0; j < n; j++) {
                excluded[j] = chosenMark[slate[j]] == userStamp;
            }
            choice.probabilities(user, slate, n, excluded, prefs, probs);
            int j = ChoiceModel.draw(probs, n, rng.nextDouble());
            if (j >= 0) {
                choose(slate[j]);
                out.add(user, slate[j], model.value(prefs[j]), time);
            }
            boolean done = shown + 1 >= maxSlates || chosen >= target || chosen >= numItems;
            StepResult result = result(user, shown + 1, n, j, done);
            policy.observe(obs, slate, result);
            obs = result.next();
        }
        if (settings.sessionsPerUser() == 0 && chosen < target) {
            out.cutShort();
        }
    }

    private void choose(int item) {
        chosenMark[item] = userStamp;
        if (chosen == history.length) {
            history = Arrays.copyOf(history, chosen + (chosen >> 1) + 16);
        }
        history[chosen++] = item;
    }

    /** The observation after {@code shown} slates: the user's choices so far, each a click. */
    private Observation observation(int user, long shown) {
        int[] feedback = new int[chosen];
        Arrays.fill(feedback, KnownPreferenceEnvironment.CLICK);
        // Observation.step is an int; a user shown more than 2^31 slates sees it saturate.
        return new Observation(user, user, (int) Math.min(shown, Integer.MAX_VALUE), Arrays.copyOf(history, chosen),
                feedback, new float[0]);
    }

    /** The answer to a slate of {@code n} items of which position {@code clicked} (or -1: none) was chosen. */
    private StepResult result(int user, long shown, int n, int clicked, boolean done) {
        int[] feedback = new int[n];
        float[] values = new float[n];
        for (int j = 0; j < n; j++) {
            feedback[j] = j == clicked ? KnownPreferenceEnvironment.CLICK : KnownPreferenceEnvironment.SKIP;
            values[j] = (float) probs[j];
        }
        return new StepResult(observation(user, shown), feedback, values, clicked >= 0 ? 1 : 0, done);
    }

    /**
     * Checks a slate of the policy: not null, 1 to {@code slateSize} items, each in
     * {@code [0, numItems)} and none twice; the first problem in position order is reported. Items
     * the user already chose are allowed.
     *
     * @param user  the user
     * @param shown the slate's index among the user's slates (the step of its observation)
     * @param slate the slate
     * @throws IllegalArgumentException naming the generator, the slate, the user, the step and the rule
     */
    private void check(int user, long shown, int[] slate) {
        String where = "for user " + user + " at step " + shown;
        int max = settings.slateSize();
        if (slate == null || slate.length == 0) {
            throw new IllegalArgumentException(OWNER + ": policy slate " + (slate == null ? where + " is null"
                    : "[] " + where + " is empty") + "; Policy.act must return 1 to " + max
                    + " (slateSize) distinct items in [0, " + numItems + ")");
        }
        String which = OWNER + ": policy slate " + describe(slate) + " " + where;
        if (slate.length > max) {
            throw new IllegalArgumentException(which + " has " + slate.length + " items, more than slateSize " + max);
        }
        slateStamp = UserSampler.nextStamp(slateMark, slateStamp);
        for (int j = 0; j < slate.length; j++) {
            int item = slate[j];
            if (item < 0 || item >= numItems) {
                throw new IllegalArgumentException(which + " has item " + item + " at position " + j
                        + ", out of range [0, " + numItems + ")");
            }
            if (slateMark[item] == slateStamp) {
                int first = 0;
                while (slate[first] != item) {
                    first++;
                }
                throw new IllegalArgumentException(which + " shows item " + item + " twice (positions " + first
                        + " and " + j + "); a slate shows distinct items");
            }
            slateMark[item] = slateStamp;
        }
    }

    /** The slate as "[a, b, c]", its first {@value #SHOWN_ITEMS} items only when longer. */
    private static String describe(int[] slate) {
        if (slate.length <= SHOWN_ITEMS) {
            return Arrays.toString(slate);
        }
        String head = Arrays.toString(Arrays.copyOf(slate, SHOWN_ITEMS));
        return head.substring(0, head.length() - 1) + ", ... (" + slate.length + " items)]";
    }
}
