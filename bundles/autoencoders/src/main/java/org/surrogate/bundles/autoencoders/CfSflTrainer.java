package org.surrogate.bundles.autoencoders;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.autodiff.loss.LossReduce;
import org.surrogate.api.run.RunContext;

/**
 * Stages 2 and 3 of CF-SFL's Algorithm 1 (Wang et al.), after the recommender was pretrained as
 * Mult-VAE (stage 1), with SameDiff graphs:
 *
 * <ul>
 *   <li>the <b>loop graph</b>: the recommender unrolled over T feedback steps (step 0 with no
 *       feedback, each later step reading the feedback the virtual user generated from the previous
 *       step's recommendation) and the loss (7),
 *       {@code L_C = nll(a_T) + beta KL_T + rewardWeight * mean(-log R(x, a_T)) + l2 |θ weights|^2},
 *       whose gradients update θ (recommender, with the feedback input weights) and ψ (feedback
 *       generator);</li>
 *   <li>the <b>reward graph</b>: the adversarial loss (8), read as the usual discriminator loss
 *       {@code L_A = mean(-log R(x, x / |x|_1)) + mean(-log(1 - R(x, a)))} (the observed row as the
 *       ground-truth recommendation), whose gradients update φ.</li>
 * </ul>
 *
 * <p>Stage 2 ({@code rewardPretrainEpochs}) updates φ only, with {@code a} the recommendation of
 * step 0 (feedback 0); stage 3 ({@code jointEpochs}) alternates per batch one θ,ψ step on
 * {@code L_C} and one φ step on {@code L_A} with {@code a = a_T} recomputed after the θ,ψ step on
 * the same batch. Adam (learning rate as stage 1) with fresh moments per stage; the KL weight keeps
 * annealing from where stage 1 stopped. Random streams: {@code cf-sfl-shuffle},
 * {@code cf-sfl-dropout}, {@code cf-sfl-noise}. Metrics per gradient step: stage 2
 * {@code reward_pretrain_loss}; stage 3 {@code sfl_loss}, {@code sfl_nll}, {@code sfl_kl},
 * {@code reward} (mean R of the recommendations), {@code reward_loss} (mean -log R),
 * {@code discriminator_loss}; per epoch {@code sfl_seconds}.
 */
final class CfSflTrainer {

    private final String id;
    private final AutoencoderSettings settings;
    private final int steps;
    private final double rewardWeight;
    private final CfSflNet net;
    private final SameDiff loop;
    private final SameDiff reward;
    private final List<String> loopTrained = new ArrayList<>();
    private final Map<String, GradientUpdater<?>> updaters = new HashMap<>();
    private final int latent;

    /**
     * Builds both graphs over the net's arrays.
     *
     * @param id           the recommender id, for messages
     * @param settings     the recommender's settings (dropout, batch size, learning rate, l2, beta)
     * @param net          the arrays, updated in place
     * @param steps        the feedback steps T, at least 1
     * @param rewardWeight the weight of the reward term in L_C
     */
    CfSflTrainer(String id, AutoencoderSettings settings, CfSflNet net, int steps, double rewardWeight) {
        this.id = id;
        this.settings = settings;
        this.net = net;
        this.steps = steps;
        this.rewardWeight = rewardWeight;
        List<Integer> dims = settings.encoderDims();
        this.latent = dims.get(dims.size() - 1);
        this.loop = buildLoop();
        this.reward = buildReward();
        for (String n : net.recommender) {
            loopTrained.add(n);
        }
        loopTrained.addAll(CfSflNet.GENERATOR);
    }

    private SameDiff buildLoop() {
        SameDiff sd = SameDiff.create();
        for (Map.Entry<String, INDArray> e : net.arrays.entrySet()) {
            sd.var(e.getKey(), e.getValue().dup('c'));
        }
        int items = net.numItems;
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, items);
        SDVariable target = sd.placeHolder("target", DataType.FLOAT, -1, items);
        SDVariable xmean = sd.placeHolder("xmean", DataType.FLOAT, -1, items);
        SDVariable beta = sd.placeHolder("beta", DataType.FLOAT);
        SDVariable feedback = null;
        SDVariable logits = null;
        SDVariable[] heads = new SDVariable[2];
        for (int t = 0; t <= steps; t++) {
            SDVariable noise = sd.placeHolder("noise" + t, DataType.FLOAT, -1, latent);
            logits = net.recommend(sd, x, feedback, noise, heads);
            SDVariable a = sd.nn().softmax(logits, 1);
            if (t == 0) {
                a = a.rename("a0");
            }
            if (t < steps) {
                SDVariable fused = net.fuse(sd, xmean, a);
                feedback = net.feedback(sd, fused, net.rewardLogit(sd, fused));
            } else {
                a = a.rename("aT");
                SDVariable logit = net.rewardLogit(sd, net.fuse(sd, xmean, a));
                sd.nn().sigmoid(logit).mean().rename("reward");
                SDVariable rewardLoss = sd.nn().softplus(logit.neg()).mean().rename("reward_loss");
                SDVariable mu = heads[0];
                SDVariable logvar = heads[1];
                SDVariable kl = sd.math().exp(logvar).add(mu.mul(mu)).sub(logvar).sub(1.0).mul(0.5).sum(1).mean("kl");
                SDVariable nll = sd.loss().softmaxCrossEntropy("nll", target, logits, null,
                        LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0);
                SDVariable loss = nll.add(beta.mul(kl)).add(rewardLoss.mul(rewardWeight));
                if (settings.l2() > 0) {
                    for (String n : net.recommender) {
                        if (n.endsWith("_w")) {
                            loss = loss.add(sd.getVariable(n).mul(sd.getVariable(n)).sum().mul(settings.l2()));
                        }
                    }
                }
                loss.rename("sfl_loss");
            }
        }
        sd.setLossVariables("sfl_loss");
        return sd;
    }

    private SameDiff buildReward() {
        SameDiff sd = SameDiff.create();
        for (String n : CfSflNet.REWARD) {
            sd.var(n, net.arrays.get(n).dup('c'));
        }
        int items = net.numItems;
        SDVariable xmean = sd.placeHolder("xmean", DataType.FLOAT, -1, items);
        SDVariable fake = sd.placeHolder("afake", DataType.FLOAT, -1, items);
        SDVariable real = net.rewardLogit(sd, net.fuse(sd, xmean, xmean));
        SDVariable generated = net.rewardLogit(sd, net.fuse(sd, xmean, fake));
        sd.nn().softplus(real.neg()).mean().add(sd.nn().softplus(generated).mean()).rename("discriminator_loss");
        sd.setLossVariables("discriminator_loss");
        return sd;
    }

    /**
     * Runs stages 2 and 3, then copies the trained arrays back into the net.
     *
     * @param rows                 the training rows
     * @param users                the users with at least one interaction
     * @param rewardPretrainEpochs epochs of stage 2
     * @param jointEpochs          epochs of stage 3
     * @param stepOffset           gradient steps taken in stage 1 (for the KL annealing)
     * @param ctx                  the run context (progress 0..1 over both stages)
     * @throws IllegalStateException if a loss becomes NaN or infinite
     * @throws org.surrogate.api.run.TrialCancelledException if the trial is cancelled
     */
    void train(InteractionRows rows, int[] users, int rewardPretrainEpochs, int jointEpochs, long stepOffset,
               RunContext ctx) {
        int[] order = users.clone();
        Random shuffle = ctx.random(id + "-shuffle");
        Random dropout = ctx.random(id + "-dropout");
        Random noise = ctx.random(id + "-noise");
        Adam adam = new Adam(settings.learningRate());
        int batch = Math.min(settings.batchSize(), order.length);
        int totalEpochs = rewardPretrainEpochs + jointEpochs;
        long rewardStep = 0;
        long jointStep = 0;
        for (int epoch = 1; epoch <= totalEpochs; epoch++) {
            boolean joint = epoch > rewardPretrainEpochs;
            if (epoch == 1 || epoch == rewardPretrainEpochs + 1) {
                updaters.clear();
                for (String n : net.arrays.keySet()) {
                    long size = net.arrays.get(n).length();
                    updaters.put(n, adam.instantiate(Nd4j.zeros(DataType.FLOAT, 1, adam.stateSize(size)), true));
                }
            }
            long t0 = System.nanoTime();
            shuffle(order, shuffle);
            for (int from = 0; from < order.length; from += batch) {
                ctx.checkCancelled();
                int to = Math.min(order.length, from + batch);
                Map<String, INDArray> feed = feed(rows, order, from, to, dropout, noise,
                        settings.beta(stepOffset + jointStep));
                if (joint) {
                    OutAndGrad out = loop.calculateGradientsAndOutputs(feed,
                            List.of("sfl_loss", "nll", "kl", "reward", "reward_loss"), loopTrained);
                    Map<String, INDArray> o = out.getOutputs();
                    double loss = o.get("sfl_loss").getDouble(0);
                    check(loss, "sfl_loss", epoch, jointStep);
                    for (String n : loopTrained) {
                        INDArray g = out.getGradients().get(n);
                        updaters.get(n).applyUpdater(g, (int) jointStep, epoch - 1);
                        loop.getArrForVarName(n).subi(g);
                    }
                    jointStep++;
                    ctx.metric("sfl_loss", jointStep, loss);
                    ctx.metric("sfl_nll", jointStep, o.get("nll").getDouble(0));
                    ctx.metric("sfl_kl", jointStep, o.get("kl").getDouble(0));
                    ctx.metric("reward", jointStep, o.get("reward").getDouble(0));
                    ctx.metric("reward_loss", jointStep, o.get("reward_loss").getDouble(0));
                }
                INDArray fake = loop.output(feed, joint ? "aT" : "a0").get(joint ? "aT" : "a0");
                double d = rewardStep(feed.get("xmean"), fake, joint ? jointStep - 1 : rewardStep, epoch);
                rewardStep++;
                if (joint) {
                    ctx.metric("discriminator_loss", jointStep, d);
                } else {
                    ctx.metric("reward_pretrain_loss", rewardStep, d);
                }
                ctx.progress((epoch - 1 + (double) to / order.length) / totalEpochs, (joint ? "joint" : "reward "
                        + "pretraining") + " epoch " + epoch + " of " + totalEpochs + ", " + to + " of "
                        + order.length + " users");
            }
            if (joint) {
                ctx.metric("sfl_seconds", epoch - rewardPretrainEpochs, (System.nanoTime() - t0) / 1e9);
            }
        }
        for (String n : net.arrays.keySet()) {
            SameDiff owner = CfSflNet.REWARD.contains(n) ? reward : loop;
            net.arrays.get(n).assign(owner.getArrForVarName(n));
        }
    }

    /** One Adam step of φ on L_A; copies φ into the loop graph; returns L_A before the step. */
    private double rewardStep(INDArray xmean, INDArray fake, long step, int epoch) {
        Map<String, INDArray> feed = new HashMap<>();
        feed.put("xmean", xmean);
        feed.put("afake", fake);
        OutAndGrad out = reward.calculateGradientsAndOutputs(feed, List.of("discriminator_loss"), CfSflNet.REWARD);
        double loss = out.getOutputs().get("discriminator_loss").getDouble(0);
        check(loss, "discriminator_loss", epoch, step);
        for (String n : CfSflNet.REWARD) {
            INDArray g = out.getGradients().get(n);
            updaters.get(n).applyUpdater(g, (int) step, epoch - 1);
            reward.getArrForVarName(n).subi(g);
            loop.getArrForVarName(n).assign(reward.getArrForVarName(n));
        }
        return loss;
    }

    private void check(double loss, String name, int epoch, long step) {
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException(id + ": training diverged at CF-SFL epoch " + epoch + " (" + name + " "
                    + loss + " at step " + (step + 1) + "); lower learningRate (now " + settings.learningRate()
                    + ") or rewardWeight");
        }
    }

    private Map<String, INDArray> feed(InteractionRows rows, int[] order, int from, int to, Random dropout,
                                       Random noise, double beta) {
        int n = to - from;
        int items = net.numItems;
        float[] x = new float[n * items];
        rows.normalised(order, from, to, settings.dropout(), dropout, x);
        float[] target = new float[n * items];
        rows.binary(order, from, to, target);
        float[] xmean = new float[n * items];
        for (int r = 0; r < n; r++) {
            float count = 0;
            for (int i = 0; i < items; i++) {
                count += target[r * items + i];
            }
            for (int i = 0; i < items; i++) {
                xmean[r * items + i] = target[r * items + i] / count;
            }
        }
        Map<String, INDArray> feed = new HashMap<>();
        feed.put("x", Nd4j.create(x, new long[] {n, items}, 'c'));
        feed.put("target", Nd4j.create(target, new long[] {n, items}, 'c'));
        feed.put("xmean", Nd4j.create(xmean, new long[] {n, items}, 'c'));
        feed.put("beta", Nd4j.scalar((float) beta));
        for (int t = 0; t <= steps; t++) {
            SplittableRandom g = new SplittableRandom(noise.nextLong());
            float[] eps = new float[n * latent];
            for (int k = 0; k < eps.length; k++) {
                eps[k] = (float) g.nextGaussian();
            }
            feed.put("noise" + t, Nd4j.create(eps, new long[] {n, latent}, 'c'));
        }
        return feed;
    }

    private static void shuffle(int[] a, Random rng) {
        for (int k = a.length - 1; k > 0; k--) {
            int j = rng.nextInt(k + 1);
            int t = a[k];
            a[k] = a[j];
            a[j] = t;
        }
    }
}
