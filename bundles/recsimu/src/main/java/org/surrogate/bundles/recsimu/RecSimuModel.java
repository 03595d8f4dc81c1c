package org.surrogate.bundles.recsimu;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.surrogate.api.run.RunContext;

/**
 * RecSimu (the paper's simulator). Generator G: the state encoder (Eq. 1-2, a GRU) and a decoder of
 * two fully connected layers (ReLU, then tanh, since item embeddings lie in (-1, 1)) giving the next
 * item's representation G(s). Discriminator D: its own state encoder, the action through a tanh layer,
 * both concatenated, a ReLU layer and 2K logits, K real and K fake feedback classes (Eq. 3-4).
 *
 * <p>Losses, with {@code p} the softmax of D's logits:
 * <pre>
 *   D(s,a)          = sum_{k<=K} p_k(s,a)                                          (Eq. 5)
 *   D(s,G(s))       = sum_{k>K} p_k(s,G(s))                                        (Eq. 6)
 *   L_D^unsup       = -mean log D(s,a) - mean log D(s,G(s))                         (Eq. 7)
 *   L_D^sup         = -mean log p_r(s,a) - lambda mean log p_{K+r}(s,G(s))          (Eq. 8)
 *   L_D             = L_D^unsup + alpha L_D^sup                                    (Eq. 9)
 *   L_G^unsup       = mean log D(s,G(s))                                           (Eq. 10)
 *   L_G^sup         = mean ||a - G(s)||^2                                          (Eq. 11)
 *   L_G             = L_G^unsup + beta L_G^sup                                     (Eq. 12)
 * </pre>
 * where r is the logged feedback of the real pair (s, a); Eq. 6 in the paper's text says "real" but
 * sums the fake classes K+1..2K, which is what the loss needs and what is done here. Training follows
 * Algorithm 1: pre-train G on L_G^sup, pre-train D on L_D^sup (with fakes from the pre-trained G),
 * then rounds of {@code dSteps} discriminator steps on L_D (a fresh batch of real pairs and as many
 * fakes G(s) for the same states) and {@code gSteps} generator steps on L_G, for {@code epochs} passes
 * of the discriminator over the training tuples. The paper's "until the simulator converges" is a
 * fixed number of epochs here.
 *
 * <p>Prediction: the feedback distribution of a real pair is D's real classes renormalised,
 * {@code p_k / sum_{j<=K} p_j}. Metrics, per step: {@code pretrain/g_sup}, {@code pretrain/d_sup},
 * {@code d_loss}, {@code d_unsup}, {@code d_sup}, {@code g_loss}, {@code g_unsup}, {@code g_sup}.
 */
final class RecSimuModel implements FeedbackModel {

    private static final double EPS = 1e-7;

    private final String id;
    private final NetSettings s;
    private final ItemEmbeddings emb;
    private final NetParams gen;
    private final NetParams disc;
    private final SameDiff dGraph = SameDiff.create();
    private final SameDiff gGraph = SameDiff.create();
    /**
     * Every parameter of the generator's graph (G's and D's copy): SameDiff 1.0.0-M2.1 rebuilt the
     * gradient function at every call asked for a subset (native memory grew without bound, measured),
     * so the gradient of all is computed and only G's are applied.
     */
    private final List<String> generatorGraphParams = new java.util.ArrayList<>();

    /**
     * Builds an untrained simulator.
     *
     * @param id  the simulator id, for messages
     * @param s   the settings
     * @param emb the item embeddings
     * @param rng the initialisation generator
     */
    RecSimuModel(String id, NetSettings s, ItemEmbeddings emb, Random rng) {
        this.id = id;
        this.s = s;
        this.emb = emb;
        this.gen = new NetParams("g_", rng);
        this.disc = new NetParams("d_", rng);
        buildDiscriminatorGraph();
        buildGeneratorGraph();
        generatorGraphParams.addAll(gen.names());
        generatorGraphParams.addAll(disc.names());
    }

    private SDVariable classMask(SameDiff sd, String name, boolean fake) {
        int k = s.types();
        INDArray m = Nd4j.zeros(DataType.FLOAT, 2L * k, 1);
        for (int c = 0; c < k; c++) {
            m.putScalar(fake ? k + c : c, 0, 1f);
        }
        return sd.constant(name, m);
    }

    private void buildDiscriminatorGraph() {
        SameDiff sd = dGraph;
        SDVariable[] in = NetParams.stateInputs(sd, s);
        SDVariable real = sd.placeHolder("ae", DataType.FLOAT, -1, s.embedding());
        SDVariable fake = sd.placeHolder("ag", DataType.FLOAT, -1, s.embedding());
        SDVariable yReal = sd.placeHolder("yr", DataType.FLOAT, -1, 2L * s.types());
        SDVariable yFake = sd.placeHolder("yf", DataType.FLOAT, -1, 2L * s.types());
        SDVariable wu = sd.placeHolder("wu", DataType.FLOAT);
        SDVariable p = disc.encoder(sd, in[0], in[1], in[2], s);
        SDVariable lpReal = sd.nn().logSoftmax(disc.classifier(sd, p, real, null, 0, s, 2 * s.types()));
        SDVariable lpFake = sd.nn().logSoftmax(disc.classifier(sd, p, fake, null, 0, s, 2 * s.types()));
        sd.math().exp("probs", lpReal);
        SDVariable realOfReal = sd.mmul(sd.math().exp(lpReal), classMask(sd, "mask_real", false));
        SDVariable fakeOfFake = sd.mmul(sd.math().exp(lpFake), classMask(sd, "mask_fake", true));
        SDVariable unsup = sd.math().neg("d_unsup", sd.mean(sd.math().log(realOfReal.add(EPS)))
                .add(sd.mean(sd.math().log(fakeOfFake.add(EPS)))));
        SDVariable sup = sd.math().neg("d_sup", sd.mean(sd.sum(yReal.mul(lpReal), 1))
                .add(sd.mean(sd.sum(yFake.mul(lpFake), 1)).mul(s.lambda())));
        wu.mul(unsup).add("loss", sup.mul(s.alpha()));
        sd.setLossVariables("loss");
    }

    private void buildGeneratorGraph() {
        SameDiff sd = gGraph;
        SDVariable[] in = NetParams.stateInputs(sd, s);
        SDVariable real = sd.placeHolder("ae", DataType.FLOAT, -1, s.embedding());
        SDVariable wu = sd.placeHolder("wu", DataType.FLOAT);
        SDVariable pe = gen.encoder(sd, in[0], in[1], in[2], s);
        SDVariable hidden = sd.nn().relu(gen.dense(sd, "dec1", pe, s.hidden(), s.dense()), 0);
        SDVariable g = sd.math().tanh("gen", gen.dense(sd, "dec2", hidden, s.dense(), s.embedding()));
        SDVariable pd = disc.encoder(sd, in[0], in[1], in[2], s);
        SDVariable lpFake = sd.nn().logSoftmax(disc.classifier(sd, pd, g, null, 0, s, 2 * s.types()));
        SDVariable fakeOfFake = sd.mmul(sd.math().exp(lpFake), classMask(sd, "mask_fake", true));
        SDVariable unsup = sd.mean("g_unsup", sd.math().log(fakeOfFake.add(EPS)));
        SDVariable sup = sd.mean("g_sup", sd.sum(sd.math().square(real.sub(g)), 1));
        wu.mul(unsup).add("loss", sup.mul(s.beta()));
        sd.setLossVariables("loss");
    }

    /**
     * Trains by Algorithm 1.
     *
     * @param train the training tuples
     * @param ctx   the run context
     * @param rng   the batch order generator
     */
    synchronized void train(Tuples train, RunContext ctx, Random rng) {
        Adam gAdam = new Adam(s.learningRate());
        Adam dAdam = new Adam(s.learningRate());
        int perEpoch = (train.size + s.batchSize() - 1) / s.batchSize();
        double total = 2.0 * s.pretrainEpochs() + s.epochs() * (1.0 + (double) s.gSteps() / s.dSteps());
        double done = 0;
        long gStep = 0;
        long dStep = 0;
        for (int epoch = 1; epoch <= s.pretrainEpochs(); epoch++) {
            for (int[] rows : Training.batches(train.size, s.batchSize(), rng)) {
                double[] l = generatorStep(train, rows, gAdam, 0, ++gStep, 0);
                Training.metric(ctx, "pretrain/g_sup", gStep, l[2], s.logEvery());
                done = progress(ctx, done + 1.0 / perEpoch, total, "pre-training the generator");
            }
        }
        for (int epoch = 1; epoch <= s.pretrainEpochs(); epoch++) {
            for (int[] rows : Training.batches(train.size, s.batchSize(), rng)) {
                double[] l = discriminatorStep(train, rows, dAdam, 0, ++dStep, 0);
                Training.metric(ctx, "pretrain/d_sup", dStep, l[2], s.logEvery());
                done = progress(ctx, done + 1.0 / perEpoch, total, "pre-training the discriminator");
            }
        }
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            int[][] dBatches = Training.batches(train.size, s.batchSize(), rng);
            int[][] gBatches = Training.batches(train.size, s.batchSize(), rng);
            int gNext = 0;
            for (int k = 0; k < dBatches.length; k++) {
                double[] d = discriminatorStep(train, dBatches[k], dAdam, 1, ++dStep, epoch);
                Training.metric(ctx, "d_loss", dStep, d[0], s.logEvery());
                Training.metric(ctx, "d_unsup", dStep, d[1], s.logEvery());
                Training.metric(ctx, "d_sup", dStep, d[2], s.logEvery());
                done = progress(ctx, done + 1.0 / perEpoch, total, "epoch " + epoch + " of " + s.epochs());
                if ((k + 1) % s.dSteps() != 0 && k + 1 < dBatches.length) {
                    continue;
                }
                for (int j = 0; j < s.gSteps(); j++) {
                    double[] g = generatorStep(train, gBatches[gNext++ % gBatches.length], gAdam, 1, ++gStep, epoch);
                    Training.metric(ctx, "g_loss", gStep, g[0], s.logEvery());
                    Training.metric(ctx, "g_unsup", gStep, g[1], s.logEvery());
                    Training.metric(ctx, "g_sup", gStep, g[2], s.logEvery());
                    done = progress(ctx, done + 1.0 / perEpoch, total, "epoch " + epoch + " of " + s.epochs());
                }
            }
        }
    }

    private static double progress(RunContext ctx, double done, double total, String message) {
        ctx.checkCancelled();
        ctx.progress(Math.min(1, done / total), message);
        return done;
    }

    /** One generator step; returns {loss, unsup, sup}. */
    double[] generatorStep(Tuples train, int[] rows, Adam adam, float wu, long step, int epoch) {
        Batch b = Batch.of(train, rows, emb, s.types());
        Map<String, INDArray> ph = NetParams.feed(gGraph, b, s);
        ph.put("ae", b.actions());
        ph.put("wu", Nd4j.scalar(wu));
        OutAndGrad og = gGraph.calculateGradientsAndOutputs(ph, List.of("loss", "g_unsup", "g_sup"),
                generatorGraphParams);
        GraphMemory.noCache(gGraph);
        double loss = og.getOutputs().get("loss").getDouble(0);
        Training.checkLoss(id, wu == 0 ? "generator pre-training loss" : "generator loss L_G", loss, epoch, step,
                s.learningRate());
        adam.step(gen.arrays(), og.getGradients());
        GraphMemory.collect(step);
        return new double[] {loss, og.getOutputs().get("g_unsup").getDouble(0),
                og.getOutputs().get("g_sup").getDouble(0)};
    }

    /** One discriminator step with fakes from the current generator; returns {loss, unsup, sup}. */
    double[] discriminatorStep(Tuples train, int[] rows, Adam adam, float wu, long step, int epoch) {
        Batch b = Batch.of(train, rows, emb, s.types());
        INDArray fakes = generated(b);
        Map<String, INDArray> ph = NetParams.feed(dGraph, b, s);
        ph.put("ae", b.actions());
        ph.put("ag", fakes);
        ph.put("yr", b.doubled(false));
        ph.put("yf", b.doubled(true));
        ph.put("wu", Nd4j.scalar(wu));
        OutAndGrad og = dGraph.calculateGradientsAndOutputs(ph, List.of("loss", "d_unsup", "d_sup"), disc.names());
        GraphMemory.noCache(dGraph);
        double loss = og.getOutputs().get("loss").getDouble(0);
        Training.checkLoss(id, wu == 0 ? "discriminator pre-training loss" : "discriminator loss L_D", loss, epoch,
                step, s.learningRate());
        adam.step(disc.arrays(), og.getGradients());
        GraphMemory.collect(step);
        return new double[] {loss, og.getOutputs().get("d_unsup").getDouble(0),
                og.getOutputs().get("d_sup").getDouble(0)};
    }

    private INDArray generated(Batch b) {
        Map<String, INDArray> ph = NetParams.feed(gGraph, b, s);
        ph.put("ae", b.actions());
        ph.put("wu", Nd4j.scalar(0f));
        INDArray result = gGraph.output(ph, "gen").get("gen").dup();
        GraphMemory.noCache(gGraph);
        return result;
    }

    @Override
    public synchronized float[][] predict(Tuples tuples) {
        return Predictions.run(tuples, s.batchSize(), rows -> {
            Batch b = Batch.of(tuples, rows, emb, s.types());
            Map<String, INDArray> ph = NetParams.feed(dGraph, b, s);
            ph.put("ae", b.actions());
            ph.put("ag", b.actions());
            ph.put("yr", b.doubled(false));
            ph.put("yf", b.doubled(true));
            ph.put("wu", Nd4j.scalar(1f));
            float[][] result = NetParams.rows(dGraph.output(ph, "probs").get("probs"), s.types());
            GraphMemory.noCache(dGraph);
            return result;
        });
    }

    @Override
    public synchronized float[][] generate(Tuples tuples) {
        return Predictions.run(tuples, s.batchSize(), rows -> {
            INDArray g = generated(Batch.of(tuples, rows, emb, s.types()));
            return g.toFloatMatrix();
        });
    }

    /** @return the generator's parameters (live), for tests */
    Map<String, INDArray> generatorParams() {
        return gen.arrays();
    }

    /** @return the discriminator's parameters (live), for tests */
    Map<String, INDArray> discriminatorParams() {
        return disc.arrays();
    }

    @Override
    public ItemEmbeddings itemEmbeddings() {
        return emb;
    }

    @Override
    public boolean generatesItems() {
        return true;
    }

    @Override
    public synchronized void close() {
        GraphMemory.close(gGraph);
        GraphMemory.close(dGraph);
    }
}
