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
 * The GAN and GAN-s baselines of the paper. The generator takes a state and an action (a GRU over
 * the state, the classifier head of the GRU baseline) and outputs a feedback distribution q over the
 * K types; the discriminator takes (state, action, feedback vector) (its own GRU, the action through
 * a tanh layer, the feedback vector concatenated) and outputs the logit of "real". Real tuples carry
 * the logged one-hot feedback, fake ones the generator's q. Losses (non-saturating GAN):
 * <pre>
 *   L_D = mean softplus(-d(s,a,r)) + mean softplus(d(s,a,q))
 *   L_G = mean softplus(-d(s,a,q)) + w * CE(q, r)
 * </pre>
 * with {@code w = 0} for GAN and {@code w = supervisedWeight} for GAN-s (the supervised component on
 * the generator's output, after Luc et al. 2016). Rounds of {@code dSteps} and {@code gSteps} as for
 * RecSimu, no pre-training. Prediction: q. Metrics per step: {@code d_loss}, {@code g_loss}.
 */
final class GanModel implements FeedbackModel {

    private final String id;
    private final NetSettings s;
    private final ItemEmbeddings emb;
    private final NetParams gen;
    private final NetParams disc;
    private final SameDiff dGraph = SameDiff.create();
    private final SameDiff gGraph = SameDiff.create();
    /**
     * Every parameter of the generator's graph (the generator's and the discriminator's): SameDiff
     * 1.0.0-M2.1 rebuilt the gradient function at every call asked for a subset of them (seen as
     * "Added differentiated op" lines at every step and native memory growing without bound), so
     * the gradient of all is computed and the optimiser applies the generator's.
     */
    private final List<String> generatorGraphParams = new java.util.ArrayList<>();

    /**
     * Builds an untrained model.
     *
     * @param id         the simulator id, for messages
     * @param s          the settings
     * @param emb        the item embeddings
     * @param supervised the weight w of the generator's supervised term (0 for plain GAN)
     * @param rng        the initialisation generator
     */
    GanModel(String id, NetSettings s, ItemEmbeddings emb, double supervised, Random rng) {
        this.id = id;
        this.s = s;
        this.emb = emb;
        this.gen = new NetParams("g_", rng);
        this.disc = new NetParams("d_", rng);
        int k = s.types();
        SameDiff sd = dGraph;
        SDVariable[] in = NetParams.stateInputs(sd, s);
        SDVariable a = sd.placeHolder("ae", DataType.FLOAT, -1, s.embedding());
        SDVariable real = sd.placeHolder("rr", DataType.FLOAT, -1, k);
        SDVariable fake = sd.placeHolder("rf", DataType.FLOAT, -1, k);
        SDVariable p = disc.encoder(sd, in[0], in[1], in[2], s);
        SDVariable dReal = disc.classifier(sd, p, a, real, k, s, 1);
        SDVariable dFake = disc.classifier(sd, p, a, fake, k, s, 1);
        sd.mean(sd.nn().softplus(dReal.neg())).add("loss", sd.mean(sd.nn().softplus(dFake)));
        sd.setLossVariables("loss");

        sd = gGraph;
        in = NetParams.stateInputs(sd, s);
        a = sd.placeHolder("ae", DataType.FLOAT, -1, s.embedding());
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, k);
        SDVariable logits = gen.classifier(sd, gen.encoder(sd, in[0], in[1], in[2], s), a, null, 0, s, k);
        SDVariable q = sd.nn().softmax("probs", logits);
        SDVariable judged = disc.classifier(sd, disc.encoder(sd, in[0], in[1], in[2], s), a, q, k, s, 1);
        SDVariable adversarial = sd.mean(sd.nn().softplus(judged.neg()));
        SDVariable ce = sd.math().neg(sd.mean(sd.sum(y.mul(sd.nn().logSoftmax(logits)), 1)));
        adversarial.add("loss", ce.mul(supervised));
        sd.setLossVariables("loss");
        generatorGraphParams.addAll(gen.names());
        generatorGraphParams.addAll(disc.names());
    }

    /**
     * Trains in alternating rounds.
     *
     * @param train the training tuples
     * @param ctx   the run context
     * @param rng   the batch order generator
     */
    synchronized void train(Tuples train, RunContext ctx, Random rng) {
        Adam gAdam = new Adam(s.learningRate());
        Adam dAdam = new Adam(s.learningRate());
        long dStep = 0;
        long gStep = 0;
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            int[][] dBatches = Training.batches(train.size, s.batchSize(), rng);
            int[][] gBatches = Training.batches(train.size, s.batchSize(), rng);
            int gNext = 0;
            for (int k = 0; k < dBatches.length; k++) {
                ctx.checkCancelled();
                Batch b = Batch.of(train, dBatches[k], emb, s.types());
                Map<String, INDArray> gph = NetParams.feed(gGraph, b, s);
                gph.put("ae", b.actions());
                gph.put("y", b.labels());
                INDArray q = gGraph.output(gph, "probs").get("probs").dup();
                GraphMemory.noCache(gGraph);
                Map<String, INDArray> ph = NetParams.feed(dGraph, b, s);
                ph.put("ae", b.actions());
                ph.put("rr", b.labels());
                ph.put("rf", q);
                OutAndGrad og = dGraph.calculateGradientsAndOutputs(ph, List.of("loss"), disc.names());
                GraphMemory.noCache(dGraph);
                double dl = og.getOutputs().get("loss").getDouble(0);
                Training.checkLoss(id, "discriminator loss", dl, epoch, ++dStep, s.learningRate());
                dAdam.step(disc.arrays(), og.getGradients());
                Training.metric(ctx, "d_loss", dStep, dl, s.logEvery());
                GraphMemory.collect(dStep);
                if ((k + 1) % s.dSteps() == 0 || k + 1 == dBatches.length) {
                    for (int j = 0; j < s.gSteps(); j++) {
                        Batch gb = Batch.of(train, gBatches[gNext++ % gBatches.length], emb, s.types());
                        Map<String, INDArray> p2 = NetParams.feed(gGraph, gb, s);
                        p2.put("ae", gb.actions());
                        p2.put("y", gb.labels());
                        OutAndGrad g = gGraph.calculateGradientsAndOutputs(p2, List.of("loss"), generatorGraphParams);
                        GraphMemory.noCache(gGraph);
                        double gl = g.getOutputs().get("loss").getDouble(0);
                        Training.checkLoss(id, "generator loss", gl, epoch, ++gStep, s.learningRate());
                        gAdam.step(gen.arrays(), g.getGradients());
                        Training.metric(ctx, "g_loss", gStep, gl, s.logEvery());
                    }
                }
                ctx.progress((epoch - 1 + (k + 1.0) / dBatches.length) / s.epochs(), "epoch " + epoch + " of "
                        + s.epochs());
            }
        }
    }

    @Override
    public synchronized float[][] predict(Tuples tuples) {
        return Predictions.run(tuples, s.batchSize(), rows -> {
            Batch b = Batch.of(tuples, rows, emb, s.types());
            Map<String, INDArray> ph = NetParams.feed(gGraph, b, s);
            ph.put("ae", b.actions());
            ph.put("y", b.labels());
            float[][] result = NetParams.rows(gGraph.output(ph, "probs").get("probs"), s.types());
            GraphMemory.noCache(gGraph);
            return result;
        });
    }

    @Override
    public synchronized void close() {
        GraphMemory.close(gGraph);
        GraphMemory.close(dGraph);
    }
}
