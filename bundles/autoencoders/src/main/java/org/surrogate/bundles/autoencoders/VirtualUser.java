package org.surrogate.bundles.autoencoders;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The virtual user of a trained CF-SFL network on its own: the reward estimator
 * {@code R(x, a) = sigmoid(g(h(x, a)))} and the feedback generator {@code v = F(h(x, a), R)} for a
 * user's history {@code x} and a list of recommended items {@code a}, with the paper's fusion function
 * (appendix A.1, Eq. 16) on item sets: {@code h(x, a) = mean of B over x's distinct items + mean of B
 * over a's distinct items}, B being the learned lookup table. During training {@code a} is the
 * recommender's softmax over all items; a list of recommended items is the uniform distribution over
 * them, which is what Eq. 16 averages. An empty history or list contributes zero.
 *
 * <p>Read-only; it shares the net's arrays, so it is safe from several threads as long as the net is
 * not trained further.
 */
final class VirtualUser {

    private final CfSflNet net;
    private final float[] table;
    private final int dim;

    /**
     * Wraps a trained net.
     *
     * @param net the net (its reward estimator and feedback generator)
     */
    VirtualUser(CfSflNet net) {
        this.net = net;
        this.dim = net.fusionDim();
        this.table = net.arrays.get("fuse_B").dup('c').data().asFloat();
    }

    /**
     * The number of items.
     *
     * @return the count
     */
    int numItems() {
        return net.numItems;
    }

    /**
     * The feedback embedding width.
     *
     * @return the width
     */
    int feedbackWidth() {
        return (int) net.arrays.get("gen2_w").size(1);
    }

    /**
     * The reward estimator's score of whole lists: {@code R(x_k, uniform over lists[k])}.
     *
     * @param histories the users' histories (items; repeats count once)
     * @param lists     one recommended list per history
     * @return one reward in (0, 1) per list
     * @throws IllegalArgumentException if the arrays differ in length or an item is out of range
     */
    float[] listRewards(int[][] histories, int[][] lists) {
        if (histories.length == 0 && lists.length == 0) {
            return new float[0];
        }
        return sigmoid(net.rewardLogit(fused(histories, lists)));
    }

    /**
     * The reward estimator's score of each item alone: {@code R(x_k, e_j)} for every item j of
     * {@code items[k]}.
     *
     * @param histories the users' histories
     * @param items     the items to score for each history
     * @return {@code [k][j]} rewards in (0, 1)
     * @throws IllegalArgumentException if the arrays differ in length or an item is out of range
     */
    float[][] itemRewards(int[][] histories, int[][] items) {
        if (histories.length != items.length) {
            throw new IllegalArgumentException(histories.length + " histories but " + items.length + " item lists");
        }
        int total = 0;
        for (int[] list : items) {
            total += list.length;
        }
        int[][] h = new int[total][];
        int[][] single = new int[total][];
        int r = 0;
        for (int k = 0; k < items.length; k++) {
            for (int item : items[k]) {
                h[r] = histories[k];
                single[r++] = new int[] {item};
            }
        }
        float[] flat = total == 0 ? new float[0] : listRewards(h, single);
        float[][] out = new float[items.length][];
        r = 0;
        for (int k = 0; k < items.length; k++) {
            out[k] = Arrays.copyOfRange(flat, r, r + items[k].length);
            r += items[k].length;
        }
        return out;
    }

    /**
     * The synthetic feedback the generator gives to lists: {@code v = F(h(x, a), R(x, a))}, normalised
     * to unit L2 norm, the embedding the recommender reads at its next step.
     *
     * @param histories the users' histories
     * @param lists     one recommended list per history
     * @return {@code [k]} feedback vectors of {@link #feedbackWidth()} values
     * @throws IllegalArgumentException if the arrays differ in length or an item is out of range
     */
    float[][] feedback(int[][] histories, int[][] lists) {
        if (histories.length == 0 && lists.length == 0) {
            return new float[0][];
        }
        INDArray fused = fused(histories, lists);
        INDArray r = Transforms.sigmoid(net.rewardLogit(fused), false);
        INDArray v = net.feedback(fused, r).dup('c');
        float[][] out = new float[lists.length][];
        for (int k = 0; k < lists.length; k++) {
            out[k] = v.getRow(k).dup().data().asFloat();
        }
        return out;
    }

    private INDArray fused(int[][] histories, int[][] lists) {
        if (histories.length != lists.length) {
            throw new IllegalArgumentException(histories.length + " histories but " + lists.length + " lists");
        }
        float[] out = new float[histories.length * dim];
        for (int k = 0; k < histories.length; k++) {
            addMean(histories[k], out, k * dim);
            addMean(lists[k], out, k * dim);
        }
        return Nd4j.create(out, new long[] {histories.length, dim}, 'c');
    }

    /** Adds the mean of B's rows over the distinct items to out[at .. at + dim). */
    private void addMean(int[] items, float[] out, int at) {
        int[] distinct = Arrays.stream(items).distinct().toArray();
        for (int item : distinct) {
            if (item < 0 || item >= net.numItems) {
                throw new IllegalArgumentException("item " + item + " is out of range [0, " + net.numItems + ")");
            }
        }
        if (distinct.length == 0) {
            return;
        }
        float w = 1f / distinct.length;
        for (int item : distinct) {
            int row = item * dim;
            for (int d = 0; d < dim; d++) {
                out[at + d] += w * table[row + d];
            }
        }
    }

    private static float[] sigmoid(INDArray logits) {
        return Transforms.sigmoid(logits, true).dup('c').data().asFloat();
    }
}
