package org.surrogate.bundles.autoencoders;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.surrogate.api.recommender.Model;

/**
 * A fitted CF-SFL model with T &ge; 1 feedback steps: a user is scored by folding in their history
 * (as Mult-VAE: binary row normalised to unit L2 norm) and unrolling the recommender and the virtual
 * user T steps with the latent mean (no sampling); the scores are the last step's logits. Saving is
 * not implemented (the default {@link Model#save} throws). Read-only after construction.
 */
final class CfSflModel implements Model {

    private final CfSflNet net;
    private final int steps;
    private final InteractionRows trainRows;

    /**
     * Wraps a trained net.
     *
     * @param net       the trained arrays
     * @param steps     the feedback steps T
     * @param trainRows the training users' rows
     */
    CfSflModel(CfSflNet net, int steps, InteractionRows trainRows) {
        this.net = net;
        this.steps = steps;
        this.trainRows = trainRows;
    }

    @Override
    public int numItems() {
        return net.numItems;
    }

    /**
     * Scores training users from their training rows.
     *
     * @param users dense user ids of the training data
     * @param out   receives {@code users.length * numItems()} scores, row-major
     * @throws IndexOutOfBoundsException if a user is not in the training data
     */
    @Override
    public void score(int[] users, float[] out) {
        for (int u : users) {
            if (u < 0 || u >= trainRows.numRows()) {
                throw new IndexOutOfBoundsException("recommender '" + CfSflRecommender.ID + "': user " + u
                        + " is not in the training data; score new users with scoreHistories");
            }
        }
        forward(trainRows, users, out);
    }

    /**
     * Scores histories by folding them in.
     *
     * @param histories item ids of each history
     * @param out       receives {@code histories.length * numItems()} scores, row-major
     */
    @Override
    public void scoreHistories(int[][] histories, float[] out) {
        InteractionRows rows = InteractionRows.of(histories, net.numItems, CfSflRecommender.ID);
        int[] all = new int[histories.length];
        for (int r = 0; r < all.length; r++) {
            all[r] = r;
        }
        forward(rows, all, out);
    }

    private void forward(InteractionRows rows, int[] which, float[] out) {
        int items = net.numItems;
        if (out.length < (long) which.length * items) {
            throw new IllegalArgumentException("recommender '" + CfSflRecommender.ID + "': out holds " + out.length
                    + " scores, needs " + (long) which.length * items);
        }
        for (int from = 0; from < which.length; from += AutoencoderModel.BLOCK_ROWS) {
            int to = Math.min(which.length, from + AutoencoderModel.BLOCK_ROWS);
            int n = to - from;
            float[] x = new float[n * items];
            rows.normalised(which, from, to, 0, null, x);
            float[] binary = new float[n * items];
            rows.binary(which, from, to, binary);
            for (int r = 0; r < n; r++) {
                float count = 0;
                for (int i = 0; i < items; i++) {
                    count += binary[r * items + i];
                }
                for (int i = 0; count > 0 && i < items; i++) {
                    binary[r * items + i] /= count;
                }
            }
            INDArray logits = net.scoreLogits(Nd4j.create(x, new long[] {n, items}, 'c'),
                    Nd4j.create(binary, new long[] {n, items}, 'c'), steps);
            float[] values = logits.dup('c').data().asFloat();
            System.arraycopy(values, 0, out, from * items, n * items);
        }
    }
}
