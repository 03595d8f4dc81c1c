package org.surrogate.benchmarks.peers;

import org.surrogate.api.recommender.Model;

/**
 * A dense users x items score matrix wrapped as our {@link Model}, so that any library's scores go
 * through our evaluator unchanged. Items a library did not score hold {@code -Infinity}, which the
 * evaluator never ranks.
 */
final class ScoreMatrix implements Model {

    private final int numUsers;
    private final int numItems;
    private final float[] scores;

    ScoreMatrix(int numUsers, int numItems, float[] scores) {
        if ((long) numUsers * numItems != scores.length) {
            throw new IllegalArgumentException("score matrix of " + scores.length + " values is not " + numUsers
                    + " users x " + numItems + " items");
        }
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.scores = scores;
    }

    /** Scores every user with a model, in batches, into one matrix. */
    static ScoreMatrix of(Model model, int numUsers) {
        int n = model.numItems();
        float[] all = new float[numUsers * n];
        int batch = 256;
        for (int from = 0; from < numUsers; from += batch) {
            int to = Math.min(numUsers, from + batch);
            int[] users = new int[to - from];
            for (int u = from; u < to; u++) {
                users[u - from] = u;
            }
            float[] out = new float[users.length * n];
            model.score(users, out);
            System.arraycopy(out, 0, all, from * n, out.length);
        }
        return new ScoreMatrix(numUsers, n, all);
    }

    @Override
    public int numItems() {
        return numItems;
    }

    @Override
    public void score(int[] users, float[] out) {
        for (int k = 0; k < users.length; k++) {
            if (users[k] < 0 || users[k] >= numUsers) {
                throw new IndexOutOfBoundsException("user " + users[k] + " not in [0, " + numUsers + ")");
            }
            System.arraycopy(scores, users[k] * numItems, out, k * numItems, numItems);
        }
    }

    /** Dot products of row-major factor matrices, users x items, in plain Java. */
    static ScoreMatrix ofFactors(float[] x, float[] y, int numUsers, int numItems, int f) {
        float[] s = new float[numUsers * numItems];
        for (int u = 0; u < numUsers; u++) {
            int ub = u * f;
            for (int i = 0; i < numItems; i++) {
                int ib = i * f;
                float d = 0;
                for (int k = 0; k < f; k++) {
                    d += x[ub + k] * y[ib + k];
                }
                s[u * numItems + i] = d;
            }
        }
        return new ScoreMatrix(numUsers, numItems, s);
    }
}
