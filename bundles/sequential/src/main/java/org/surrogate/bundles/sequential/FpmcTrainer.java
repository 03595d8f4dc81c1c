package org.surrogate.bundles.sequential;

import java.util.Arrays;
import java.util.Random;
import org.surrogate.api.data.Dataset;

/**
 * The S-BPR stochastic gradient steps of FPMC on row-major float factor matrices. A sample is a
 * transition (u, l, i) of consecutive items l then i of user u, drawn uniformly among all training
 * transitions, and a negative item j drawn uniformly among the items u has not interacted with; the
 * step ascends {@code ln sigmoid(x(u,l,i) - x(u,l,j))} minus the L2 penalty on the rows touched, with
 * {@code x(u,l,i) = <VUI_u, VIU_i> + <VIL_i, VLI_l>}.
 */
final class FpmcTrainer {

    /** Draws of a negative item before a sample is skipped (users who have almost every item). */
    static final int NEGATIVE_TRIES = 100;

    private final int factors;
    private final float learningRate;
    private final float regularization;
    private final int numItems;
    private final int[] userOf;
    private final int[] lastOf;
    private final int[] nextOf;
    private final int[] sortedItems;
    private final int[] userBegin;
    private final int[] userEnd;
    /** User factors V^{UI}, numUsers x factors. */
    final float[] vui;
    /** Item factors V^{IU} of the user-item term, numItems x factors. */
    final float[] viu;
    /** Item factors V^{IL} of the next item in the transition term, numItems x factors. */
    final float[] vil;
    /** Item factors V^{LI} of the last item in the transition term, numItems x factors. */
    final float[] vli;

    /**
     * Collects the transitions and wraps the factors (updated in place).
     *
     * @param train          the data, each user's interactions in sequence order
     * @param factors        the number of factors
     * @param learningRate   the SGD step
     * @param regularization the L2 weight
     * @param factorArrays   vui, viu, vil, vli as described on the fields
     */
    FpmcTrainer(Dataset train, int factors, double learningRate, double regularization, float[][] factorArrays) {
        this.factors = factors;
        this.learningRate = (float) learningRate;
        this.regularization = (float) regularization;
        this.numItems = train.numItems();
        this.vui = factorArrays[0];
        this.viu = factorArrays[1];
        this.vil = factorArrays[2];
        this.vli = factorArrays[3];
        int transitions = countTransitions(train);
        userOf = new int[transitions];
        lastOf = new int[transitions];
        nextOf = new int[transitions];
        int t = 0;
        for (int u = 0; u < train.numUsers(); u++) {
            for (int k = train.begin(u) + 1; k < train.end(u); k++) {
                userOf[t] = u;
                lastOf[t] = train.item(k - 1);
                nextOf[t++] = train.item(k);
            }
        }
        sortedItems = new int[train.size()];
        userBegin = new int[train.numUsers()];
        userEnd = new int[train.numUsers()];
        for (int u = 0; u < train.numUsers(); u++) {
            userBegin[u] = train.begin(u);
            userEnd[u] = train.end(u);
            for (int k = train.begin(u); k < train.end(u); k++) {
                sortedItems[k] = train.item(k);
            }
            Arrays.sort(sortedItems, train.begin(u), train.end(u));
        }
    }

    /**
     * The number of transitions (pairs of consecutive interactions of a user) in a dataset.
     *
     * @param train the data
     * @return the count
     */
    static int countTransitions(Dataset train) {
        long n = 0;
        for (int u = 0; u < train.numUsers(); u++) {
            n += Math.max(0, train.degree(u) - 1);
        }
        return (int) n;
    }

    /**
     * The number of transitions sampled from.
     *
     * @return the count
     */
    int transitions() {
        return userOf.length;
    }

    /**
     * Runs {@code samples} SGD steps.
     *
     * @param rng     the generator
     * @param samples the number of steps
     * @return {sum of the losses -ln sigmoid(x_uli - x_ulj) before each step, number of steps taken}
     */
    double[] run(Random rng, long samples) {
        int f = factors;
        float lr = learningRate;
        float reg = regularization;
        float[] user = new float[f];
        float[] last = new float[f];
        double loss = 0;
        long taken = 0;
        for (long s = 0; s < samples; s++) {
            int t = rng.nextInt(userOf.length);
            int u = userOf[t];
            int j = negative(rng, u);
            if (j < 0) {
                continue;
            }
            int ub = u * f;
            int lb = lastOf[t] * f;
            int ib = nextOf[t] * f;
            int jb = j * f;
            float diff = 0;
            for (int a = 0; a < f; a++) {
                user[a] = vui[ub + a];
                last[a] = vli[lb + a];
                diff += user[a] * (viu[ib + a] - viu[jb + a]) + last[a] * (vil[ib + a] - vil[jb + a]);
            }
            // ln(1 + e^-d) without overflow for large |d|
            loss += diff > 0 ? Math.log1p(Math.exp(-diff)) : -diff + Math.log1p(Math.exp(diff));
            float g = (float) (1 / (1 + Math.exp(diff)));
            for (int a = 0; a < f; a++) {
                float iuI = viu[ib + a];
                float iuJ = viu[jb + a];
                float ilI = vil[ib + a];
                float ilJ = vil[jb + a];
                vui[ub + a] += lr * (g * (iuI - iuJ) - reg * user[a]);
                vli[lb + a] += lr * (g * (ilI - ilJ) - reg * last[a]);
                viu[ib + a] += lr * (g * user[a] - reg * iuI);
                viu[jb + a] += lr * (-g * user[a] - reg * iuJ);
                vil[ib + a] += lr * (g * last[a] - reg * ilI);
                vil[jb + a] += lr * (-g * last[a] - reg * ilJ);
            }
            taken++;
        }
        return new double[] {loss, taken};
    }

    /** A uniform item the user has not interacted with, or -1 after {@value #NEGATIVE_TRIES} draws. */
    private int negative(Random rng, int u) {
        for (int t = 0; t < NEGATIVE_TRIES; t++) {
            int j = rng.nextInt(numItems);
            if (Arrays.binarySearch(sortedItems, userBegin[u], userEnd[u], j) < 0) {
                return j;
            }
        }
        return -1;
    }
}
