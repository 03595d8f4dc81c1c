package org.surrogate.bundles.recsimu;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.surrogate.api.run.RunContext;

/**
 * The GRU baseline of the paper: a GRU over the state items {@code (e_n, F_n)} gives the user's
 * preference u, concatenated with the recommended item's embedding, and a softmax over the K
 * feedback types; trained by cross-entropy with Adam. Metric {@code loss} per step.
 */
final class GruModel implements FeedbackModel {

    private final String id;
    private final NetSettings s;
    private final ItemEmbeddings emb;
    private final NetParams net;
    private final SameDiff sd = SameDiff.create();

    /**
     * Builds an untrained model.
     *
     * @param id  the simulator id, for messages
     * @param s   the settings
     * @param emb the item embeddings
     * @param rng the initialisation generator
     */
    GruModel(String id, NetSettings s, ItemEmbeddings emb, Random rng) {
        this.id = id;
        this.s = s;
        this.emb = emb;
        this.net = new NetParams("c_", rng);
        SDVariable[] in = NetParams.stateInputs(sd, s);
        SDVariable action = sd.placeHolder("ae", DataType.FLOAT, -1, s.embedding());
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, s.types());
        SDVariable p = net.encoder(sd, in[0], in[1], in[2], s);
        SDVariable logits = net.classifier(sd, p, action, null, 0, s, s.types());
        sd.nn().softmax("probs", logits);
        sd.math().neg("loss", sd.mean(sd.sum(y.mul(sd.nn().logSoftmax(logits)), 1)));
        sd.setLossVariables("loss");
    }

    /**
     * Trains on tuples.
     *
     * @param train the training tuples
     * @param ctx   the run context (progress, cancellation, metric {@code loss})
     * @param rng   the batch order generator
     */
    synchronized void train(Tuples train, RunContext ctx, Random rng) {
        Adam adam = new Adam(s.learningRate());
        long step = 0;
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            int[][] batches = Training.batches(train.size, s.batchSize(), rng);
            for (int k = 0; k < batches.length; k++) {
                ctx.checkCancelled();
                Batch b = Batch.of(train, batches[k], emb, s.types());
                Map<String, INDArray> ph = NetParams.feed(sd, b, s);
                ph.put("ae", b.actions());
                ph.put("y", b.labels());
                OutAndGrad og = sd.calculateGradientsAndOutputs(ph, List.of("loss"), net.names());
                GraphMemory.noCache(sd);
                double loss = og.getOutputs().get("loss").getDouble(0);
                step++;
                Training.checkLoss(id, "loss", loss, epoch, step, s.learningRate());
                adam.step(net.arrays(), og.getGradients());
                Training.metric(ctx, "loss", step, loss, s.logEvery());
                GraphMemory.collect(step);
                ctx.progress((epoch - 1 + (k + 1.0) / batches.length) / s.epochs(), "epoch " + epoch + " of "
                        + s.epochs());
            }
        }
    }

    @Override
    public synchronized float[][] predict(Tuples tuples) {
        return Predictions.run(tuples, s.batchSize(), rows -> {
            Batch b = Batch.of(tuples, rows, emb, s.types());
            Map<String, INDArray> ph = NetParams.feed(sd, b, s);
            ph.put("ae", b.actions());
            float[][] result = NetParams.rows(sd.output(ph, "probs").get("probs"), s.types());
            GraphMemory.noCache(sd);
            return result;
        });
    }

    @Override
    public synchronized void close() {
        GraphMemory.close(sd);
    }
}
