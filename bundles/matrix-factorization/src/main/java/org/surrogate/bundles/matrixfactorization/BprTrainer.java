package org.surrogate.bundles.matrixfactorization;

import java.util.Arrays;
import java.util.Random;
import org.surrogate.api.data.Dataset;

/**
 * The SGD epochs of BPR-MF on row-major float factor matrices, single-threaded or stratified over
 * {@code T} threads (DSGD, Gemulla et al. 2011), deterministic in both cases.
 *
 * <p><b>Samples.</b> A sample is a user u and an item i u interacted with, drawn either as a uniform
 * training interaction ({@link Sampling#INTERACTION}: active users are drawn more often) or as a
 * uniform user among those with at least one and not every item, then a uniform item of theirs
 * ({@link Sampling#USER}); then an item j drawn uniformly among the items u has not interacted
 * with. The step ascends {@code ln sigmoid(x_u . (y_i - y_j))} minus the L2 penalty.
 *
 * <p><b>Blocks.</b> Users and items are split into {@code T} blocks each (greedy: heaviest first into
 * the lightest block, by sampling weight, so blocks weigh about the same). Stratum (b, c) holds the
 * samples whose user is in user block b and whose items i and j are both in item block c; an epoch
 * runs T sub-epochs, and sub-epoch s runs the strata (b, (b + s) mod T) for b = 0 .. T-1 at the same
 * time, one per thread: they touch disjoint user rows and disjoint item rows, so no update races with
 * another and the result does not depend on thread timing. Each stratum gets the share of the epoch's
 * samples equal to its share of the sampling weight, and within it (u, i) is drawn with the same
 * relative probabilities as without blocks (an alias table over the block's users, then a uniform
 * item of the user's in the item block). What changes with T is the negative item: j is uniform among
 * the items of i's block that u has not interacted with, not the whole catalogue. With {@code T = 1}
 * there is one stratum and this is plain BPR. Thread b draws from its own stream, seeded once from
 * {@code streams[b]}: the result is the same, bit for bit, for the same data, parameters, seed and
 * thread count (and differs between thread counts).
 *
 * <p><b>The step.</b> During training every factor row is its own {@code float[]} (copied back to
 * the flat arrays by {@link #publish}), so that every loop over factors reads and writes whole rows at
 * one index, which C2 vectorises: JDK 17's C2 does not vectorise a store to {@code y[jb + a]} next to
 * loads at other offsets of float arrays (it cannot rule out an overlap), and copying rows to scratch
 * arrays and back cost a third of a step; random numbers come from an inlined SplitMix64
 * with multiply-shift bounded draws (bias below 2^-32 · bound, no division); the loss's logarithm is
 * taken once per 512 steps of a product of {@code 1 + e^-|d|} factors.
 */
final class BprTrainer {

    /** Draws of a negative item before a sample is skipped (for users who have almost every item). */
    static final int NEGATIVE_TRIES = 100;

    /** The largest users x items bit matrix kept for the negative test (64 MB); above, binary search. */
    static final long MAX_SEEN_BITS = 512L * 1024 * 1024;

    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    /** How a sample's (user, item) pair is drawn. */
    enum Sampling {
        /** A uniform training interaction (Rendle et al.'s LearnBPR draws from D_S this way). */
        INTERACTION,
        /** A uniform user with at least one and not every item, then a uniform item of theirs. */
        USER
    }

    /** The samples of one (user block, item block) pair. */
    private static final class Stratum {
        /** The users with at least one item in the item block (and a non-zero weight). */
        int[] users;
        /** Per user of the stratum: the first position of its items of the block in {@link #posItems}. */
        int[] start;
        /** Per user of the stratum: the number of its items (positions) in the block. */
        int[] count;
        /** Alias table over the users: the probability of keeping the drawn user. */
        float[] keep;
        /** Alias table over the users: the user taken otherwise. */
        int[] alias;
        /** The sum of the users' sampling weights. */
        double weight;
    }

    private final Dataset train;
    private final int factors;
    private final float learningRate;
    private final float regularization;
    private final int blocks;
    /** Items of every user's training positions, grouped by user, then by item block. */
    private final int[] posItems;
    /** Items of every user, sorted, for the negative test when {@link #seen} is null. */
    private final int[] sortedItems;
    /** Item ids of each item block. */
    private final int[][] blockItems;
    /** strata[b][c]. */
    private final Stratum[][] strata;
    private final double totalWeight;
    /** Bit (u * numItems + i) set when u has item i; null for catalogues too large to hold it. */
    private final long[] seen;
    /** Each thread's generator state. */
    private final long[] state;
    private final float[] x;
    private final float[] y;
    /** The factors during training, one array per row (see the class comment); written back by {@link #publish}. */
    private final float[][] xRows;
    private final float[][] yRows;

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
     * @param streams        one generator per thread (T = streams.length, capped by the numbers of
     *                       users and items); each gives one long now
     */
    BprTrainer(Dataset train, int factors, double learningRate, double regularization, float[] x, float[] y,
               Sampling sampling, Random[] streams) {
        this.train = train;
        this.factors = factors;
        this.learningRate = (float) learningRate;
        this.regularization = (float) regularization;
        this.x = x;
        this.y = y;
        this.xRows = rows(x, factors);
        this.yRows = rows(y, factors);
        int numUsers = train.numUsers();
        int numItems = train.numItems();
        this.blocks = Math.max(1, Math.min(streams.length, Math.min(numUsers, numItems)));
        this.state = new long[blocks];
        for (int b = 0; b < blocks; b++) {
            state[b] = streams[b].nextLong();
        }
        int size = train.size();
        this.sortedItems = new int[size];
        for (int u = 0; u < numUsers; u++) {
            for (int k = train.begin(u); k < train.end(u); k++) {
                sortedItems[k] = train.item(k);
            }
            Arrays.sort(sortedItems, train.begin(u), train.end(u));
        }
        // Sampling weights: a user's weight w_u spread evenly over its positions.
        double[] userWeight = new double[numUsers];
        double[] itemWeight = new double[numItems];
        for (int u = 0; u < numUsers; u++) {
            int d = train.degree(u);
            int distinct = distinct(train.begin(u), train.end(u));
            boolean active = sampling == Sampling.USER ? distinct > 0 && distinct < numItems : d > 0;
            if (!active) {
                continue;
            }
            userWeight[u] = sampling == Sampling.USER ? 1 : d;
            for (int k = train.begin(u); k < train.end(u); k++) {
                itemWeight[train.item(k)] += userWeight[u] / d;
            }
        }
        int[] userBlock = balance(userWeight, blocks);
        int[] itemBlock = balance(itemWeight, blocks);
        int[] blockSize = new int[blocks];
        for (int i = 0; i < numItems; i++) {
            blockSize[itemBlock[i]]++;
        }
        this.blockItems = new int[blocks][];
        for (int c = 0; c < blocks; c++) {
            blockItems[c] = new int[blockSize[c]];
        }
        int[] fill = new int[blocks];
        for (int i = 0; i < numItems; i++) {
            blockItems[itemBlock[i]][fill[itemBlock[i]]++] = i;
        }
        // Positions grouped by user, then item block; per (user, block) start and count.
        this.posItems = new int[size];
        int[] uStart = new int[numUsers * blocks];
        int[] uCount = new int[numUsers * blocks];
        for (int u = 0; u < numUsers; u++) {
            int p = train.begin(u);
            for (int c = 0; c < blocks; c++) {
                uStart[u * blocks + c] = p;
                for (int k = train.begin(u); k < train.end(u); k++) {
                    int i = train.item(k);
                    if (itemBlock[i] == c) {
                        posItems[p++] = i;
                    }
                }
                uCount[u * blocks + c] = p - uStart[u * blocks + c];
            }
        }
        this.strata = new Stratum[blocks][blocks];
        double total = 0;
        for (int b = 0; b < blocks; b++) {
            for (int c = 0; c < blocks; c++) {
                Stratum st = new Stratum();
                int n = 0;
                for (int u = 0; u < numUsers; u++) {
                    n += userBlock[u] == b && userWeight[u] > 0 && uCount[u * blocks + c] > 0 ? 1 : 0;
                }
                st.users = new int[n];
                st.start = new int[n];
                st.count = new int[n];
                double[] w = new double[n];
                n = 0;
                for (int u = 0; u < numUsers; u++) {
                    if (userBlock[u] == b && userWeight[u] > 0 && uCount[u * blocks + c] > 0) {
                        st.users[n] = u;
                        st.start[n] = uStart[u * blocks + c];
                        st.count[n] = uCount[u * blocks + c];
                        w[n] = userWeight[u] * uCount[u * blocks + c] / train.degree(u);
                        st.weight += w[n];
                        n++;
                    }
                }
                aliasTable(st, w);
                strata[b][c] = st;
                total += st.weight;
            }
        }
        this.totalWeight = total;
        long bits = (long) numUsers * numItems;
        if (bits <= MAX_SEEN_BITS) {
            seen = new long[(int) ((bits + 63) >>> 6)];
            for (int u = 0; u < numUsers; u++) {
                for (int k = train.begin(u); k < train.end(u); k++) {
                    long b = (long) u * numItems + train.item(k);
                    seen[(int) (b >>> 6)] |= 1L << b;
                }
            }
        } else {
            seen = null;
        }
    }

    /**
     * The number of blocks (and threads) T.
     *
     * @return T
     */
    int blocks() {
        return blocks;
    }

    /**
     * Greedy balanced partition: ids by decreasing weight (ties by id), each into the currently lightest
     * block (ties: the lowest block), so the result depends on the weights only.
     */
    static int[] balance(double[] weight, int blocks) {
        int n = weight.length;
        int[] block = new int[n];
        if (blocks == 1) {
            return block;
        }
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> weight[a] != weight[b] ? Double.compare(weight[b], weight[a]) : Integer.compare(a, b));
        double[] load = new double[blocks];
        int[] members = new int[blocks];
        for (int id : order) {
            int best = 0;
            for (int c = 1; c < blocks; c++) {
                // weightless ids (inactive users) go by count, so every block gets some
                boolean lighter = weight[id] > 0 ? load[c] < load[best] : members[c] < members[best];
                best = lighter ? c : best;
            }
            block[id] = best;
            load[best] += weight[id];
            members[best]++;
        }
        return block;
    }

    /** Vose's alias method over the weights (deterministic: fixed order, double arithmetic). */
    private static void aliasTable(Stratum st, double[] w) {
        int n = w.length;
        st.keep = new float[n];
        st.alias = new int[n];
        if (n == 0) {
            return;
        }
        double[] p = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int ns = 0;
        int nl = 0;
        for (int k = 0; k < n; k++) {
            p[k] = w[k] * n / st.weight;
            if (p[k] < 1) {
                small[ns++] = k;
            } else {
                large[nl++] = k;
            }
        }
        while (ns > 0 && nl > 0) {
            int s = small[--ns];
            int l = large[--nl];
            st.keep[s] = (float) p[s];
            st.alias[s] = l;
            p[l] = (p[l] + p[s]) - 1;
            if (p[l] < 1) {
                small[ns++] = l;
            } else {
                large[nl++] = l;
            }
        }
        while (nl > 0) {
            int l = large[--nl];
            st.keep[l] = 1;
            st.alias[l] = l;
        }
        while (ns > 0) {
            int s = small[--ns];
            st.keep[s] = 1;
            st.alias[s] = s;
        }
    }

    private int distinct(int from, int to) {
        int d = 0;
        for (int k = from; k < to; k++) {
            d += k == from || sortedItems[k] != sortedItems[k - 1] ? 1 : 0;
        }
        return d;
    }

    /**
     * Runs one epoch of {@code samples} SGD steps.
     *
     * @param samples the number of steps
     * @param pool    the threads, one per block; null when there is one block
     * @return {sum of the BPR losses -ln sigmoid(x_uij) before each step, number of steps taken}
     */
    double[] epoch(long samples, WorkerPool pool) {
        int t = blocks;
        double[] loss = new double[t];
        long[] taken = new long[t];
        // each stratum's share: rounded cumulative weights, so the shares sum to samples
        long[][] share = new long[t][t];
        double cum = 0;
        long done = 0;
        for (int b = 0; b < t; b++) {
            for (int c = 0; c < t; c++) {
                cum += strata[b][c].weight;
                long upto = totalWeight == 0 ? 0 : Math.round(samples * Math.min(1.0, cum / totalWeight));
                share[b][c] = upto - done;
                done = upto;
            }
        }
        if (done < samples) {
            share[t - 1][t - 1] += samples - done;
        }
        for (int s = 0; s < t; s++) {
            int sub = s;
            if (pool == null) {
                for (int b = 0; b < t; b++) {
                    run(b, (b + sub) % t, share[b][(b + sub) % t], loss, taken);
                }
            } else {
                pool.each(t, b -> {
                    run(b, (b + sub) % t, share[b][(b + sub) % t], loss, taken);
                    return 0;
                });
            }
        }
        double lossSum = 0;
        long steps = 0;
        for (int b = 0; b < t; b++) {
            lossSum += loss[b];
            steps += taken[b];
        }
        return new double[] {lossSum, steps};
    }

    /** Runs {@code samples} steps of stratum (b, c) with thread b's stream; adds to loss[b], taken[b]. */
    private void run(int b, int c, long samples, double[] lossOut, long[] takenOut) {
        Stratum st = strata[b][c];
        int nu = st.users.length;
        if (nu == 0 || samples == 0) {
            return;
        }
        int[] users = st.users;
        int[] start = st.start;
        int[] count = st.count;
        float[] keep = st.keep;
        int[] alias = st.alias;
        int[] cand = blockItems[c];
        long nc = cand.length;
        int[] pos = posItems;
        long[] bits = seen;
        int f = factors;
        int n = train.numItems();
        float lr = learningRate;
        float decay = 1 - learningRate * regularization;
        float[][] xs = xRows;
        float[][] ys = yRows;
        float[] dy = new float[f];
        long s = state[b];
        double loss = 0;
        double product = 1;
        long taken = 0;
        for (long k = 0; k < samples; k++) {
            s += GOLDEN;
            long z = mix(s);
            int r = (int) (((z >>> 32) * nu) >>> 32);
            if ((z & 0xffffff) * 0x1.0p-24f >= keep[r]) {
                r = alias[r];
            }
            int u = users[r];
            s += GOLDEN;
            z = mix(s);
            int i = pos[start[r] + (int) (((z >>> 32) * count[r]) >>> 32)];
            int j = -1;
            long row = (long) u * n;
            for (int t = 0; t < NEGATIVE_TRIES; t++) {
                s += GOLDEN;
                z = mix(s);
                int cj = cand[(int) (((z >>> 32) * nc) >>> 32)];
                if (bits != null) {
                    long bit = row + cj;
                    if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                        j = cj;
                        break;
                    }
                } else if (Arrays.binarySearch(sortedItems, train.begin(u), train.end(u), cj) < 0) {
                    j = cj;
                    break;
                }
            }
            if (j < 0) {
                continue;
            }
            float[] xu = xs[u];
            float[] yi = ys[i];
            float[] yj = ys[j];
            for (int a = 0; a < f; a++) {
                dy[a] = yi[a] - yj[a];
            }
            // Four partial sums: the dot product is latency-bound with one.
            float d0 = 0;
            float d1 = 0;
            float d2 = 0;
            float d3 = 0;
            int a = 0;
            for (; a + 3 < f; a += 4) {
                d0 += xu[a] * dy[a];
                d1 += xu[a + 1] * dy[a + 1];
                d2 += xu[a + 2] * dy[a + 2];
                d3 += xu[a + 3] * dy[a + 3];
            }
            for (; a < f; a++) {
                d0 += xu[a] * dy[a];
            }
            float diff = (d0 + d1) + (d2 + d3);
            // loss ln(1 + e^-d) and gradient weight sigmoid(-d) from one exp, without overflow; the logarithms
            // are taken of products of up to 512 factors 1 + e in (1, 2], not per step
            double e = Math.exp(-Math.abs(diff));
            product *= 1 + e;
            if ((++taken & 511) == 0) {
                loss += Math.log(product);
                product = 1;
            }
            if (diff < 0) {
                loss -= diff;
            }
            float lg = lr * (float) (diff > 0 ? e / (1 + e) : 1 / (1 + e));
            // every loop reads and writes whole rows at one index (the item rows with the old user row, then the
            // user row with the old item difference), which C2 vectorises
            for (a = 0; a < f; a++) {
                yi[a] = decay * yi[a] + lg * xu[a];
            }
            for (a = 0; a < f; a++) {
                yj[a] = decay * yj[a] - lg * xu[a];
            }
            for (a = 0; a < f; a++) {
                xu[a] = decay * xu[a] + lg * dy[a];
            }
        }
        loss += Math.log(product);
        state[b] = s;
        lossOut[b] += loss;
        takenOut[b] += taken;
    }

    private static float[][] rows(float[] flat, int f) {
        float[][] rows = new float[flat.length / f][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.copyOfRange(flat, r * f, (r + 1) * f);
        }
        return rows;
    }

    /**
     * Whether every factor is finite.
     *
     * @return false if training diverged
     */
    boolean finite() {
        for (float[][] m : new float[][][] {xRows, yRows}) {
            for (float[] row : m) {
                if (!AlsSolver.allFinite(row)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Copies the trained factors into the arrays given to the constructor. */
    void publish() {
        for (int r = 0; r < xRows.length; r++) {
            System.arraycopy(xRows[r], 0, x, r * factors, factors);
        }
        for (int r = 0; r < yRows.length; r++) {
            System.arraycopy(yRows[r], 0, y, r * factors, factors);
        }
    }

    /** SplitMix64's output function. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
