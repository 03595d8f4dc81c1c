package org.surrogate.bundles.knownpreference;

import java.util.Arrays;
import org.surrogate.api.recommender.TopK;

/**
 * Samples the interactions of one user at a time: the logging policy shows slates, the choice model
 * picks at most one item of each, until the user made their target number of choices (or had their
 * sessions). One per worker thread: it keeps buffers sized to the catalogue and reuses them; not
 * thread-safe.
 *
 * <p>Everything a user gets is drawn from that user's own generator, so the result does not depend
 * on the thread or on the other users. Time: a user starts at a uniform time within a year after
 * {@link #ORIGIN}; slates of a session are 1 to 60 seconds apart; sessions of {@code sessionLength}
 * slates are 1 hour to 7 days apart; an interaction has the time of its slate.
 */
final class UserSampler {

    /** 2020-09-13T12:26:40Z: a fixed origin so that timestamps look like epoch seconds. */
    static final long ORIGIN = 1_600_000_000L;

    private static final int YEAR = 365 * 86_400;
    private static final int STEP_SECONDS = 60;
    private static final int SESSION_GAP_MIN = 3_600;
    private static final int SESSION_GAP_RANGE = 7 * 86_400 - SESSION_GAP_MIN;

    private final KnownPreferenceModel model;
    private final World world;
    private final ChoiceModel choice;
    private final SamplingSettings settings;
    private final AliasTable popularity;
    private final int numItems;
    private final int[] slate;
    private final float[] prefs;
    private final double[] probs;
    private final int[] chosenMark;
    private final int[] slateMark;
    private int userStamp;
    private int slateStamp;
    private float[] row;
    private float[] keys;
    private double[] weights;
    private AliasTable preferenceTable;
    private int rowUser = -1;

    /**
     * Creates a sampler for a model.
     *
     * @param model the fitted generator
     */
    UserSampler(KnownPreferenceModel model) {
        this.model = model;
        this.world = model.world();
        this.choice = model.choiceModel();
        this.settings = model.sampling();
        this.popularity = model.popularityTable();
        this.numItems = world.numItems();
        int s = settings.slateSize();
        this.slate = new int[s];
        this.prefs = new float[s];
        this.probs = new double[s];
        this.chosenMark = new int[numItems];
        this.slateMark = new int[numItems];
    }

    /**
     * Samples one user's interactions into a buffer.
     *
     * @param user the user
     * @param seed the user's seed
     * @param out  receives the interactions, in time order
     */
    void sample(int user, long seed, InteractionBuffer out) {
        SplitMixRandom rng = new SplitMixRandom(seed);
        userStamp = nextStamp(chosenMark, userStamp);
        int target = model.choiceTarget(user);
        long maxSlates = model.slateBudget(user);
        long time = startTime(rng);
        int chosen = 0;
        for (long shown = 0; shown < maxSlates && chosen < target; shown++) {
            time = slateTime(time, shown, settings.sessionLength(), rng);
            int want = Math.min(settings.slateSize(), numItems - chosen);
            if (want == 0) {
                break;
            }
            fillSlate(user, rng, want);
            choice.probabilities(user, slate, want, prefs, probs);
            int j = ChoiceModel.draw(probs, want, rng.nextDouble());
            if (j >= 0) {
                chosenMark[slate[j]] = userStamp;
                chosen++;
                out.add(user, slate[j], model.value(prefs[j]), time);
            }
        }
        if (settings.sessionsPerUser() == 0 && chosen < target) {
            out.cutShort();
        }
    }

    /**
     * A user's first timestamp, uniform within a year after {@link #ORIGIN}: the first draw from the
     * user's generator.
     *
     * @param rng the user's generator
     * @return the time of the user's first slate
     */
    static long startTime(SplitMixRandom rng) {
        return ORIGIN + rng.nextInt(YEAR);
    }

    /**
     * The timestamp of a slate: the previous slate's time plus 1 to 60 seconds within a session, or
     * 1 hour to 7 days when a session of {@code sessionLength} slates starts. The first slate
     * ({@code shown == 0}) keeps the start time and draws nothing.
     *
     * @param time          the previous slate's time (the start time for the first slate)
     * @param shown         how many slates the user was shown before this one
     * @param sessionLength slates per session
     * @param rng           the user's generator
     * @return the time of this slate
     */
    static long slateTime(long time, long shown, int sessionLength, SplitMixRandom rng) {
        if (shown == 0) {
            return time;
        }
        return time + (shown % sessionLength == 0 ? SESSION_GAP_MIN + rng.nextInt(SESSION_GAP_RANGE)
                : 1 + rng.nextInt(STEP_SECONDS));
    }

    /**
     * The next stamp of a mark array, so that membership marks need no clearing between users and
     * slates: an entry is marked when it equals the current stamp. Clears the array when the stamps
     * run out.
     *
     * @param marks the mark array
     * @param stamp the current stamp
     * @return the new stamp
     */
    static int nextStamp(int[] marks, int stamp) {
        if (stamp == Integer.MAX_VALUE) {
            Arrays.fill(marks, 0);
            return 1;
        }
        return stamp + 1;
    }

    private void fillSlate(int user, SplitMixRandom rng, int want) {
        slateStamp = nextStamp(slateMark, slateStamp);
        AliasTable table = popularity;
        if (settings.loggingPolicy() == LoggingPolicy.ORACLE_NOISY) {
            if (settings.policyTemperature() == 0) {
                fillByKeys(user, rng, 0, want);
                return;
            }
            table = oracleTable(user);
        }
        // Rejection: redraw items already chosen or already on the slate. This is a draw without
        // replacement in proportion to the weights (for the oracle exp(pref / temperature), the same
        // Plackett-Luce law as Gumbel top-k); when rejections pile up (a small catalogue mostly
        // chosen, or a cold oracle that used up its favourites), the same law is drawn exactly with
        // Gumbel keys.
        int limit = 8 * want + 64;
        int n = 0;
        for (int tries = 0; n < want; tries++) {
            if (tries == limit) {
                fillByKeys(user, rng, n, want);
                return;
            }
            int item = table == null ? rng.nextInt(numItems) : table.draw(rng);
            if (chosenMark[item] != userStamp && slateMark[item] != slateStamp) {
                slateMark[item] = slateStamp;
                slate[n++] = item;
            }
        }
    }

    /** The user's preference row and an alias table over exp(pref / policyTemperature), once per user. */
    private AliasTable oracleTable(int user) {
        if (rowUser != user) {
            preferenceRow(user);
            if (preferenceTable == null) {
                preferenceTable = new AliasTable(numItems);
                weights = new double[numItems];
            }
            float max = Float.NEGATIVE_INFINITY;
            for (float p : row) {
                max = Math.max(max, p);
            }
            double inverse = 1 / settings.policyTemperature();
            for (int i = 0; i < numItems; i++) {
                weights[i] = Math.exp((row[i] - max) * inverse);
            }
            preferenceTable.build(weights);
        }
        return preferenceTable;
    }

    private void preferenceRow(int user) {
        if (row == null) {
            row = new float[numItems];
        }
        world.preferences(user, row, 0);
        rowUser = user;
    }

    /** Fills slate[n..want) with the eligible items of largest base + noise (Gumbel top-k). */
    private void fillByKeys(int user, SplitMixRandom rng, int n, int want) {
        if (keys == null) {
            keys = new float[numItems];
        }
        boolean oracle = settings.loggingPolicy() == LoggingPolicy.ORACLE_NOISY;
        double noise = oracle ? settings.policyTemperature() : 1;
        if (oracle && rowUser != user) {
            preferenceRow(user);
        }
        for (int i = 0; i < numItems; i++) {
            if (chosenMark[i] == userStamp || slateMark[i] == slateStamp) {
                keys[i] = Float.NEGATIVE_INFINITY;
                continue;
            }
            double base = oracle ? row[i] : popularity == null ? 0 : world.logWeight(i);
            keys[i] = (float) (noise == 0 ? base : base + noise * rng.nextGumbel());
        }
        for (int item : TopK.select(keys, 0, numItems, want - n)) {
            slateMark[item] = slateStamp;
            slate[n++] = item;
        }
    }
}
