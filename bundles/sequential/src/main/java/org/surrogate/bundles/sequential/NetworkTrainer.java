package org.surrogate.bundles.sequential;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.Params;
import org.surrogate.api.run.RunContext;

/**
 * Fits a {@link SequenceNetwork} on the users' sequences by next-item prediction: every user with at
 * least two items gives one training sequence, the last {@code maxLength + 1} items, whose steps
 * predict their successors (so every prefix is a training example, as in NARM's and CASR's sequence
 * augmentation). Each epoch sorts the sequences by length (ties in random order) and cuts them into
 * batches of {@code batchSize}, so a batch holds sequences of similar length and little padding; the
 * batches are then visited in random order. Adam, softmax cross-entropy over all items.
 *
 * <p>Random streams: {@code "<id>-init"} (parameters), {@code "<id>-batches"} (batch order),
 * {@code "<id>-dropout"} (dropout masks). Metrics: {@code loss} per epoch (mean over the epoch's
 * steps) and {@code batch-loss} every {@code logEvery} batches, with the global batch number as step.
 */
final class NetworkTrainer {

    private final String id;
    private final NetworkKind kind;

    /**
     * A trainer for one recommender.
     *
     * @param id   the recommender id, for messages and stream names
     * @param kind the architecture
     */
    NetworkTrainer(String id, NetworkKind kind) {
        this.id = id;
        this.kind = kind;
    }

    /**
     * Fits the network.
     *
     * @param train  the training data
     * @param params validated parameters of the recommender
     * @param ctx    the run context
     * @return the model
     * @throws IllegalArgumentException if order is 'time' without timestamps, or no user has two items
     * @throws IllegalStateException if the loss becomes NaN or infinite
     * @throws org.surrogate.api.run.TrialCancelledException if the trial is cancelled
     */
    SequenceModel fit(Dataset train, Params params, RunContext ctx) {
        return fit(train, List.of(), params, ctx);
    }

    /**
     * Fits the network on the users' sequences plus extra samples whose loss is at their last step.
     *
     * @param train  the training data
     * @param extra  samples, each a history followed by its next item (at least two items)
     * @param params validated parameters of the recommender
     * @param ctx    the run context
     * @return the model
     * @throws IllegalArgumentException if order is 'time' without timestamps, no user has two items,
     *                                  or a sample is too short or names an unknown item
     * @throws IllegalStateException if the loss becomes NaN or infinite
     * @throws org.surrogate.api.run.TrialCancelledException if the trial is cancelled
     */
    SequenceModel fit(Dataset train, List<int[]> extra, Params params, RunContext ctx) {
        Sequences.requireOrder(id, train, params.getString("order"));
        NetworkSettings settings = NetworkSettings.of(kind, train.numItems(), params);
        List<int[]> sequences = new ArrayList<>();
        for (int[] s : Sequences.suffixes(train, settings.maxLength() + 1)) {
            if (s.length >= 2) {
                sequences.add(s);
            }
        }
        int realCount = sequences.size();
        for (int k = 0; k < extra.size(); k++) {
            int[] s = extra.get(k);
            if (s.length < 2) {
                throw new IllegalArgumentException(id + ": extra sample " + k + " has " + s.length
                        + " items; a sample is a history of at least one item followed by its next item");
            }
            for (int item : s) {
                if (item < 0 || item >= train.numItems()) {
                    throw new IllegalArgumentException(id + ": extra sample " + k + " names item " + item
                            + ", outside the catalogue [0, " + train.numItems() + ")");
                }
            }
            sequences.add(s.length <= settings.maxLength() + 1 ? s
                    : java.util.Arrays.copyOfRange(s, s.length - settings.maxLength() - 1, s.length));
        }
        if (realCount == 0) {
            throw new IllegalArgumentException(id + ": dataset '" + train.name() + "' has no user with two or more "
                    + "interactions, so no next item to learn from");
        }
        int epochs = params.getInt("epochs");
        int batchSize = params.getInt("batchSize");
        int logEvery = params.getInt("logEvery");
        double lr = params.getDouble("learningRate");
        SequenceNetwork network = new SequenceNetwork(settings,
                SequenceNetwork.initialParams(settings, ctx.random(id + "-init")));
        AdamOptimizer adam = new AdamOptimizer(lr);
        Random order = ctx.random(id + "-batches");
        Random dropout = ctx.random(id + "-dropout");
        int batchesPerEpoch = (sequences.size() + batchSize - 1) / batchSize;
        long globalBatch = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            double lossSum = 0;
            long steps = 0;
            List<int[]> batches = batches(sequences.size(), batchSize, sequences, order);
            for (int k = 0; k < batches.size(); k++) {
                ctx.checkCancelled();
                SequenceBatch batch = batch(sequences, batches.get(k), realCount, dropout);
                Map<String, INDArray> grads = network.gradients(batch);
                double loss = grads.remove("loss").getDouble(0);
                checkLoss(id, loss, epoch, k + 1, lr);
                adam.step(network.params(), grads);
                ClosingMemoryManager.free(grads.values());
                lossSum += loss * batch.weightedSteps();
                steps += batch.weightedSteps();
                globalBatch++;
                if (logEvery > 0 && globalBatch % logEvery == 0) {
                    ctx.metric("batch-loss", globalBatch, loss);
                }
                ctx.progress((epoch - 1 + (k + 1.0) / batchesPerEpoch) / epochs, "epoch " + epoch + " of " + epochs
                        + ", batch " + (k + 1) + " of " + batchesPerEpoch);
            }
            double mean = lossSum / steps;
            ctx.metric("loss", epoch, mean);
            ctx.log(System.Logger.Level.INFO, String.format("%s: epoch %d of %d, loss %.5f, %.1f s", id, epoch, epochs,
                    mean, (System.nanoTime() - start) / 1e9));
        }
        return new SequenceModel(id, network, Sequences.suffixes(train, settings.maxLength()));
    }

    /**
     * Stops training on a NaN or infinite loss, before the step that would spread it.
     *
     * @param id    the recommender
     * @param loss  the batch loss
     * @param epoch the epoch, from 1
     * @param batch the batch of the epoch, from 1
     * @param lr    the learning rate
     * @throws IllegalStateException naming the epoch, the batch and the learning rate
     */
    static void checkLoss(String id, double loss, int epoch, int batch, double lr) {
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException(id + ": training diverged at epoch " + epoch + ", batch " + batch
                    + " (loss " + loss + ") with learningRate " + lr + "; lower learningRate");
        }
    }

    /**
     * Sorts the sequence indices by length with random ties, cuts them into batches, shuffles the
     * batches.
     */
    private static List<int[]> batches(int count, int batchSize, List<int[]> sequences, Random rng) {
        List<Integer> shuffled = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            shuffled.add(k);
        }
        Collections.shuffle(shuffled, rng);
        shuffled.sort((a, b) -> Integer.compare(sequences.get(a).length, sequences.get(b).length));
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < count; from += batchSize) {
            int to = Math.min(count, from + batchSize);
            out.add(shuffled.subList(from, to).stream().mapToInt(Integer::intValue).toArray());
        }
        Collections.shuffle(out, rng);
        return out;
    }

    /**
     * Inputs are all items but the last, targets all but the first; sequences from index
     * {@code realCount} on are extra samples, with a loss at their last step only.
     */
    private static SequenceBatch batch(List<int[]> sequences, int[] indices, int realCount, Random dropout) {
        int[][] inputs = new int[indices.length][];
        int[][] targets = new int[indices.length][];
        boolean[] lastOnly = new boolean[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int[] s = sequences.get(indices[k]);
            inputs[k] = java.util.Arrays.copyOfRange(s, 0, s.length - 1);
            targets[k] = java.util.Arrays.copyOfRange(s, 1, s.length);
            lastOnly[k] = indices[k] >= realCount;
        }
        return new SequenceBatch(inputs, targets, lastOnly, null, null, null, true, dropout);
    }
}
