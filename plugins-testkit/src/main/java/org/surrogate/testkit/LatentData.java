package org.surrogate.testkit;

import java.util.Random;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.TopK;

/**
 * Test data with demo-latent-style signal (users pick distinct items with probability proportional
 * to rank^-skew * exp(signal * u . v)), split into the first interactions of each user (train) and
 * the last ones (test), and a recall@k to compare models on it.
 */
public final class LatentData {

    /** The first interactions of each user. */
    public final Dataset train;
    /** The last {@code heldOut} interactions of each user. */
    public final Dataset test;

    /**
     * Generates the data.
     *
     * @param users   number of users
     * @param items   number of items
     * @param perUser interactions per user
     * @param heldOut of which the last ones go to test
     * @param skew    popularity exponent
     * @param signal  weight of the latent preference
     * @param seed    the seed
     */
    public LatentData(int users, int items, int perUser, int heldOut, double skew, double signal, long seed) {
        Random rng = new Random(seed);
        int f = 4;
        float[] u = new float[users * f];
        float[] v = new float[items * f];
        for (int k = 0; k < u.length; k++) {
            u[k] = (float) (rng.nextGaussian() / Math.sqrt(2));
        }
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) (rng.nextGaussian() / Math.sqrt(2));
        }
        DatasetBuilder tr = Dataset.builder("train", users, items);
        DatasetBuilder te = Dataset.builder("test", users, items);
        float[] keys = new float[items];
        for (int a = 0; a < users; a++) {
            for (int i = 0; i < items; i++) {
                double dot = 0;
                for (int k = 0; k < f; k++) {
                    dot += u[a * f + k] * v[i * f + k];
                }
                keys[i] = (float) (-skew * Math.log(i + 1.0) + signal * dot - Math.log(-Math.log(1 - rng.nextDouble())));
            }
            int[] chosen = TopK.select(keys, 0, items, perUser);
            for (int n = 0; n < chosen.length; n++) {
                (n < perUser - heldOut ? tr : te).add(a, chosen[n], 1f, n);
            }
        }
        train = tr.build();
        test = te.build();
    }

    /** Mean recall@k over users with test items, train items excluded from the ranking. */
    /**
     * Recall@k of a model on the test part, train items excluded.
     *
     * @param model the model
     * @param k     the cut-off
     * @return the mean recall over users
     */
    public double recall(Model model, int k) {
        int n = train.numItems();
        float[] scores = new float[train.numUsers() * n];
        int[] all = new int[train.numUsers()];
        for (int a = 0; a < all.length; a++) {
            all[a] = a;
        }
        model.score(all, scores);
        double sum = 0;
        int evaluated = 0;
        for (int a = 0; a < all.length; a++) {
            if (test.degree(a) == 0) {
                continue;
            }
            for (int i = train.begin(a); i < train.end(a); i++) {
                scores[a * n + train.item(i)] = Float.NEGATIVE_INFINITY;
            }
            int[] top = TopK.select(scores, a * n, a * n + n, k);
            int hits = 0;
            for (int item : top) {
                for (int i = test.begin(a); i < test.end(a); i++) {
                    hits += test.item(i) == item ? 1 : 0;
                }
            }
            sum += (double) hits / test.degree(a);
            evaluated++;
        }
        return sum / evaluated;
    }

    /** A model scoring every item at random, seeded. */
    /**
     * A model that scores items at random, the floor every real model must beat.
     *
     * @param numItems the number of items
     * @param seed     the seed
     * @return the model
     */
    public static Model randomModel(int numItems, long seed) {
        Random rng = new Random(seed);
        return new Model() {
            @Override
            public int numItems() {
                return numItems;
            }

            @Override
            public void score(int[] users, float[] out) {
                for (int k = 0; k < users.length * numItems; k++) {
                    out[k] = rng.nextFloat();
                }
            }
        };
    }
}
