package org.surrogate.bundles.s2r;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Builds a {@link SimToRealTask} from per-user ratings in two domains: picks the real users with at
 * least {@code minRatings} real ratings, shuffles them with a seeded generator, takes
 * {@code trainUsers} for training, {@code validationFraction} of the rest for validation and the
 * rest for test; the simulation users are all users with at least {@code minRatings} simulation
 * ratings, except validation and test users when {@code disjointSim} (the paper's Table 1 keeps them
 * apart on MovieLens-25M; on a small dataset that leaves the simulator with fewer ratings than the real
 * task, so the default replays every user's simulation-genre ratings: no real-genre rating of a
 * held-out user is used either way).
 */
final class TaskBuilder {

    /** Per-user ratings of one domain, indexed by a user index shared by both domains. */
    record Domain(String genre, String[] itemIds, int[][] items, float[][] ratings) {
    }

    /**
     * How users are split.
     *
     * @param disjointSim whether real validation and test users are kept out of the simulator (their
     *                    simulation-genre ratings unused); otherwise the simulator replays every user's
     *                    simulation-genre ratings (never a real-genre rating of a held-out user)
     */
    record Split(int trainUsers, double validationFraction, int minRatings, boolean disjointSim) {
    }

    private TaskBuilder() {
    }

    static SimToRealTask build(String name, String[] userIds, Domain sim, Domain real, Split split,
                               SessionRules rules, int k, Random rng) {
        return build(name, userIds, sim, real, split, rules, k, false, rng);
    }

    /**
     * Builds the task.
     *
     * @param simBasis false: one SVD per domain (simulation ratings; real training users' ratings),
     *                 so the two feature bases are unrelated, as in the paper; true: real items are
     *                 folded into the simulation SVD through the real training users (see
     *                 {@link #simBasisTask}), so both domains' items are coordinates in one basis
     */
    static SimToRealTask build(String name, String[] userIds, Domain sim, Domain real, Split split,
                               SessionRules rules, int k, boolean simBasis, Random rng) {
        int users = userIds.length;
        for (Domain d : new Domain[] {sim, real}) {
            if (d.itemIds().length < rules.horizon()) {
                throw new IllegalArgumentException("horizon: sessions of " + rules.horizon() + " steps need at least as "
                        + "many items, genre '" + d.genre() + "' has " + d.itemIds().length);
            }
        }
        List<Integer> eligible = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            if (real.items()[u].length >= split.minRatings()) {
                eligible.add(u);
            }
        }
        int needed = split.trainUsers() + 2;
        if (eligible.size() < needed) {
            throw new IllegalArgumentException("trainUsers: " + split.trainUsers() + " training users need at least "
                    + needed + " users with >= " + split.minRatings() + " ratings in real genre '" + real.genre()
                    + "', found " + eligible.size() + "; lower trainUsers or minRatings");
        }
        Collections.shuffle(eligible, rng);
        int rest = eligible.size() - split.trainUsers();
        int nVal = (int) Math.round(rest * split.validationFraction());
        nVal = Math.min(nVal, rest - 1);
        List<Integer> train = eligible.subList(0, split.trainUsers());
        List<Integer> val = eligible.subList(split.trainUsers(), split.trainUsers() + nVal);
        List<Integer> test = eligible.subList(split.trainUsers() + nVal, eligible.size());
        boolean[] heldOut = new boolean[users];
        val.forEach(u -> heldOut[u] = true);
        test.forEach(u -> heldOut[u] = true);
        List<Integer> simUsers = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            if (!(heldOut[u] && split.disjointSim()) && sim.items()[u].length >= split.minRatings()) {
                simUsers.add(u);
            }
        }
        if (simUsers.size() < 2) {
            throw new IllegalArgumentException("simGenre: genre '" + sim.genre() + "' has " + simUsers.size()
                    + " users with >= " + split.minRatings() + " ratings outside the real validation and test users");
        }
        RatingTable simTable = table(sim, simUsers, userIds, "simulation '" + sim.genre() + "'");
        List<Integer> realUsers = new ArrayList<>(eligible);
        RatingTable realTable = table(real, realUsers, userIds, "real '" + real.genre() + "'");
        int[] trainRows = range(0, train.size());
        int[] valRows = range(train.size(), train.size() + val.size());
        int[] testRows = range(train.size() + val.size(), eligible.size());
        RatingTable realTrainTable = realTable.subset("real training", toList(trainRows));

        long simSeed = rng.nextLong();
        long realSeed = rng.nextLong();
        TruncatedSvd simSvd = TruncatedSvd.of(simTable, k, new Random(simSeed));
        float[][] realUserSim = new float[realUsers.size()][];
        // the real users' simulation-genre ratings, folded into the simulation SVD
        for (int r = 0; r < realUsers.size(); r++) {
            int u = realUsers.get(r);
            realUserSim[r] = toFloat(simSvd.foldIn(sim.items()[u], sim.ratings()[u]), k);
        }
        float[][] simUsersF = scaled(simSvd.users, k);
        double scaleSimUsers = meanNorm(toFloat(simSvd.users, k));
        for (float[] row : realUserSim) {
            for (int c = 0; c < row.length; c++) {
                row[c] /= (float) scaleSimUsers;
            }
        }
        String desc = String.format(java.util.Locale.ROOT,
                "%s: sim '%s' %d users x %d items (%d ratings); real '%s' %d items, users train %d / validation %d"
                        + " / test %d (%d training ratings)", name, sim.genre(), simTable.numUsers(), simTable.numItems(),
                simTable.size(), real.genre(), realTable.numItems(), train.size(), val.size(), test.size(),
                realTrainTable.size());
        if (simBasis) {
            return simBasisTask(desc, rules, sim, realUsers, simSvd, simTable, realTable, k, trainRows, valRows,
                    testRows);
        }
        TruncatedSvd realSvd = TruncatedSvd.of(realTrainTable, k, new Random(realSeed));
        return new SimToRealTask(desc, rules, simTable, realTable, trainRows, valRows, testRows,
                scaled(simSvd.items, k), scaled(realSvd.items, k), simUsersF, scaled(realSvd.users, k), realUserSim);
    }

    /**
     * The task with every item in the simulation SVD's basis: simulation items and users as in the
     * default, and each real item folded into that basis through the real training users who rated
     * it, {@code v_i[c] = sum_u y_ui f_u[c] / s_c} with {@code f_u} the user's simulation-genre
     * ratings folded into the simulation SVD (for a simulation item this formula gives back its own
     * SVD factors). No validation or test user's real rating is used. Real training users' features
     * are their simulation-genre fold-ins, so user and item products stay in one space. Folding in
     * avoids a joint SVD of the block-missing matrix, whose leading factors separate the domains
     * (users with and without real ratings) rather than align them.
     */
    private static SimToRealTask simBasisTask(String desc, SessionRules rules, Domain sim, List<Integer> realUsers,
                                              TruncatedSvd simSvd, RatingTable simTable, RatingTable realTable, int k,
                                              int[] trainRows, int[] valRows, int[] testRows) {
        int rank = simSvd.singular.length;
        float[][] realUserSim = new float[realUsers.size()][];
        for (int r = 0; r < realUsers.size(); r++) {
            int u = realUsers.get(r);
            realUserSim[r] = toFloat(simSvd.foldIn(sim.items()[u], sim.ratings()[u]), k);
        }
        double[][] realItems = new double[realTable.numItems()][rank];
        for (int row : trainRows) {
            int[] items = realTable.itemsOf(row);
            float[] ratings = realTable.ratingsOf(row);
            for (int p = 0; p < items.length; p++) {
                for (int c = 0; c < rank; c++) {
                    if (simSvd.singular[c] > 1e-12) {
                        realItems[items[p]][c] += ratings[p] * realUserSim[row][c] / simSvd.singular[c];
                    }
                }
            }
        }
        double scaleSimUsers = meanNorm(toFloat(simSvd.users, k));
        for (float[] row : realUserSim) {
            for (int c = 0; c < row.length; c++) {
                row[c] /= (float) scaleSimUsers;
            }
        }
        float[][] realTrainF = new float[trainRows.length][];
        for (int t = 0; t < trainRows.length; t++) {
            realTrainF[t] = realUserSim[trainRows[t]].clone();
        }
        return new SimToRealTask(desc + "; real items in the simulation basis", rules, simTable, realTable, trainRows,
                valRows, testRows, scaled(simSvd.items, k), scaled(realItems, k), scaled(simSvd.users, k), realTrainF,
                realUserSim);
    }

    private static RatingTable table(Domain d, List<Integer> users, String[] userIds, String name) {
        int[][] it = new int[users.size()][];
        float[][] ra = new float[users.size()][];
        String[] ids = new String[users.size()];
        for (int k = 0; k < users.size(); k++) {
            it[k] = d.items()[users.get(k)];
            ra[k] = d.ratings()[users.get(k)];
            ids[k] = userIds[users.get(k)];
        }
        return new RatingTable(name, d.itemIds().length, it, ra, ids, d.itemIds());
    }

    private static int[] range(int from, int to) {
        int[] a = new int[to - from];
        for (int i = 0; i < a.length; i++) {
            a[i] = from + i;
        }
        return a;
    }

    private static List<Integer> toList(int[] a) {
        List<Integer> l = new ArrayList<>();
        for (int v : a) {
            l.add(v);
        }
        return l;
    }

    /** Pads with zeros when the SVD has fewer than k factors. */
    private static float[] toFloat(double[] v, int k) {
        float[] f = new float[k];
        for (int c = 0; c < Math.min(k, v.length); c++) {
            f[c] = (float) v[c];
        }
        return f;
    }

    private static float[][] toFloat(double[][] m, int k) {
        float[][] f = new float[m.length][];
        for (int i = 0; i < m.length; i++) {
            f[i] = toFloat(m[i], k);
        }
        return f;
    }

    private static double meanNorm(float[][] m) {
        double s = 0;
        for (float[] row : m) {
            double n = 0;
            for (float v : row) {
                n += v * v;
            }
            s += Math.sqrt(n);
        }
        double mean = s / Math.max(1, m.length);
        return mean > 1e-12 ? mean : 1;
    }

    /** Scaled to a mean row norm of 1. */
    private static float[][] scaled(double[][] m, int k) {
        float[][] f = toFloat(m, k);
        double norm = meanNorm(f);
        for (float[] row : f) {
            for (int c = 0; c < row.length; c++) {
                row[c] /= (float) norm;
            }
        }
        return f;
    }
}
