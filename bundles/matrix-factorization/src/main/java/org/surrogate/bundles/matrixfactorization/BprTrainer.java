package org.surrogate.bundles.matrixfactorization;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.surrogate.api.data.Dataset;

/**
 * The SGD epochs of BPR-MF on row-major float factor matrices. A sample is a user u and an item i
 * u interacted with, drawn either as a uniform training interaction ({@link Sampling#INTERACTION}:
 * active users are drawn more often) or as a uniform user among those with at least one and not
 * every item, then a uniform item of theirs ({@link Sampling#USER}); then an item j drawn uniformly
 * among the items u has not interacted with. The step ascends {@code ln sigmoid(x_u . (y_i - y_j))}
 * minus the L2 penalty. With several threads each draws its own disjoint share of the samples from
 * its own stream and updates the shared factors without locks (Hogwild).
 *
 * <p>Each call of {@link #run} draws one long from the given {@link Random} and takes its samples
 * from a {@link SplittableRandom} seeded with it: no shared atomic seed on the hot path.
 */
final class BprTrainer {

    /** Draws of a negative item before a sample is skipped (for users who have almost every item). */
    static final int NEGATIVE_TRIES = 100;

    private final Dataset train;
    private final int factors;
    private final float learningRate;
    private final float regularization;
    private final int[] userOf;
    private final int[] sortedItems;
    private final Sampling sampling;
    /** Users with at least one item and not every item: those a sample can be drawn for. */
    private final int[] activeUsers;
    /** Bit (u * numItems + i) set when u has item i; null for catalogues too large to hold it. */
    private final long[] seen;
    final float[] x;
    final float[] y;

    /**
     * Prepares the sampler.
     *
     * @param train          the data
     * @param factors        the number of factors
     * @param learningRate   the SGD step
     * @param regularization the L2 weight
     * @param x              initial user factors, updated in place
     * @param y              initial item factors, updated in place
     * @param sampling       how the (user, item) pair of a sample is drawn
     */
    BprTrainer(Dataset train, int factors, double learningRate, double regularization, float[] x, float[] y,
               Sampling sampling) {
        this.train = train;
        this.sampling = sampling;
        this.factors = factors;
        this.learningRate = (float) learningRate;
        this.regularization = (float) regularization;
        this.x = x;
        this.y = y;
        this.userOf = new int[train.size()];
        this.sortedItems = new int[train.size()];
        for (int u = 0; u < train.numUsers(); u++) {
            for (int k = train.begin(u); k < train.end(u); k++) {
                userOf[k] = u;
                sortedItems[k] = train.item(k);
            }
            Arrays.sort(sortedItems, train.begin(u), train.end(u));
        }
        int active = 0;
        int[] users = new int[train.numUsers()];
        for (int u = 0; u < train.numUsers(); u++) {
            int d = distinct(train.begin(u), train.end(u));
            if (d > 0 && d < train.numItems()) {
                users[active++] = u;
            }
        }
        this.activeUsers = Arrays.copyOf(users, active);
        long bits = (long) train.numUsers() * train.numItems();
        if (bits <= MAX_SEEN_BITS) {
            seen = new long[(int) ((bits + 63) >>> 6)];
            for (int u = 0; u < train.numUsers(); u++) {
                for (int k = train.begin(u); k < train.end(u); k++) {
                    long b = (long) u * train.numItems() + train.item(k);
                    seen[(int) (b >>> 6)] |= 1L << b;
                }
            }
        } else {
            seen = null;
        }
    }

    /** The largest users x items bit matrix kept for the negative test (64 MB); above, binary search. */
    static final long MAX_SEEN_BITS = 512L * 1024 * 1024;

    /** How a sample's (user, item) pair is drawn. */
    enum Sampling {
        /** A uniform training interaction (Rendle et al.'s LearnBPR draws from D_S this way). */
        INTERACTION,
        /** A uniform user with at least one and not every item, then a uniform item of theirs. */
        USER
    }

    private int distinct(int from, int to) {
        int d = 0;
        for (int k = from; k < to; k++) {
            d += k == from || sortedItems[k] != sortedItems[k - 1] ? 1 : 0;
        }
        return d;
    }

    /**
     * Runs {@code samples} SGD steps.
     *
     * @param rng     the generator of this share of the epoch
     * @param samples the number of steps
     * @return {sum of the BPR losses -ln sigmoid(x_uij) before each step, number of steps taken}
     */
    double[] run(Random rng, long samples) {
        SplittableRandom r = new SplittableRandom(rng.nextLong());
        int f = factors;
        int n = train.numItems();
        float lr = learningRate;
        float reg = regularization;
        float[] xs = x;
        float[] ys = y;
        float[] xu = new float[f];
        double loss = 0;
        long taken = 0;
        boolean byUser = sampling == Sampling.USER;
        if (byUser && activeUsers.length == 0) {
            return new double[] {0, 0};
        }
        for (long s = 0; s < samples; s++) {
            int u;
            int i;
            if (byUser) {
                u = activeUsers[r.nextInt(activeUsers.length)];
                i = train.item(train.begin(u) + r.nextInt(train.degree(u)));
            } else {
                int k = r.nextInt(userOf.length);
                u = userOf[k];
                i = train.item(k);
            }
            int j = negative(r, u, n);
            if (j < 0) {
                continue;
            }
            int ub = u * f;
            int ib = i * f;
            int jb = j * f;
            // Four partial sums: the dot product is latency-bound with one.
            float d0 = 0;
            float d1 = 0;
            float d2 = 0;
            float d3 = 0;
            int a = 0;
            for (; a + 3 < f; a += 4) {
                d0 += xs[ub + a] * (ys[ib + a] - ys[jb + a]);
                d1 += xs[ub + a + 1] * (ys[ib + a + 1] - ys[jb + a + 1]);
                d2 += xs[ub + a + 2] * (ys[ib + a + 2] - ys[jb + a + 2]);
                d3 += xs[ub + a + 3] * (ys[ib + a + 3] - ys[jb + a + 3]);
            }
            for (; a < f; a++) {
                d0 += xs[ub + a] * (ys[ib + a] - ys[jb + a]);
            }
            float diff = (d0 + d1) + (d2 + d3);
            System.arraycopy(xs, ub, xu, 0, f);
            // loss ln(1 + e^-d) and gradient weight sigmoid(-d) from one exp, without overflow
            double e = Math.exp(-Math.abs(diff));
            loss += (diff > 0 ? 0 : -diff) + Math.log1p(e);
            float g = (float) (diff > 0 ? e / (1 + e) : 1 / (1 + e));
            for (a = 0; a < f; a++) {
                float yi = ys[ib + a];
                float yj = ys[jb + a];
                float xa = xu[a];
                xs[ub + a] += lr * (g * (yi - yj) - reg * xa);
                ys[ib + a] += lr * (g * xa - reg * yi);
                ys[jb + a] += lr * (-g * xa - reg * yj);
            }
            taken++;
        }
        return new double[] {loss, taken};
    }

    /** A uniform item the user has not interacted with, or -1 after {@value #NEGATIVE_TRIES} draws. */
    private int negative(SplittableRandom rng, int u, int n) {
        for (int t = 0; t < NEGATIVE_TRIES; t++) {
            int j = rng.nextInt(n);
            if (seen != null) {
                long b = (long) u * n + j;
                if ((seen[(int) (b >>> 6)] & (1L << b)) == 0) {
                    return j;
                }
            } else if (Arrays.binarySearch(sortedItems, train.begin(u), train.end(u), j) < 0) {
                return j;
            }
        }
        return -1;
    }
}
