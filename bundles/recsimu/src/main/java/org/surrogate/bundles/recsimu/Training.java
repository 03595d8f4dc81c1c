package org.surrogate.bundles.recsimu;

import java.util.Random;
import org.surrogate.api.run.RunContext;

/** Helpers shared by the training loops: batches, loss checks. */
final class Training {

    private Training() {
    }

    /**
     * The tuple indices in a random order, cut into batches (the last may be smaller).
     *
     * @param n         the number of tuples
     * @param batchSize the batch size
     * @param rng       the generator
     * @return the batches
     */
    static int[][] batches(int n, int batchSize, Random rng) {
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        for (int k = n - 1; k > 0; k--) {
            int j = rng.nextInt(k + 1);
            int tmp = order[k];
            order[k] = order[j];
            order[j] = tmp;
        }
        int count = (n + batchSize - 1) / batchSize;
        int[][] out = new int[count][];
        for (int b = 0; b < count; b++) {
            int from = b * batchSize;
            out[b] = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + batchSize));
        }
        return out;
    }

    /**
     * Stops training on a NaN or infinite loss, before the step that would spread it.
     *
     * @param id    the simulator id
     * @param what  which loss
     * @param loss  its value
     * @param epoch the epoch (0 for pre-training)
     * @param step  the step within training
     * @param lr    the learning rate
     * @throws IllegalStateException naming the loss, epoch, step and learning rate
     */
    static void checkLoss(String id, String what, double loss, int epoch, long step, double lr) {
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("simulator '" + id + "': " + what + " became " + loss + " at epoch "
                    + epoch + ", step " + step + " (learningRate " + lr + "); training stopped: lower "
                    + "learningRate or check the logs for extreme values");
        }
    }

    /**
     * Logs a per-step loss every {@code logEvery} steps.
     *
     * @param ctx      the run context
     * @param name     the metric name
     * @param step     the step
     * @param value    the loss
     * @param logEvery the interval, 0 for never
     */
    static void metric(RunContext ctx, String name, long step, double value, int logEvery) {
        if (logEvery > 0 && step % logEvery == 0) {
            ctx.metric(name, step, value);
        }
    }
}
