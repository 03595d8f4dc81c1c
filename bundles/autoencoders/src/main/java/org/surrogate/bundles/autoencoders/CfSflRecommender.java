package org.surrogate.bundles.autoencoders;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;

/**
 * CF-SFL, collaborative filtering with a synthetic feedback loop (Wang et al., ICLR 2020 submission):
 * a Mult-VAE recommender [I-600-200-600-I] and a virtual user (reward estimator and feedback
 * generator, {@link CfSflNet}) unrolled {@code feedbackSteps} (T) steps, trained as the paper's
 * Algorithm 1: stage 1 pretrains the recommender (exactly {@link MultVaeRecommender}'s training,
 * same parameters, same random streams {@code mult-vae-*}), stage 2 pretrains the reward estimator,
 * stage 3 alternates recommender + generator and reward estimator steps ({@link CfSflTrainer}).
 *
 * <p>With T = 0 there is no feedback loop: stages 2 and 3 are skipped (the paper's "T=0 is the base
 * recommender") and the model is the Mult-VAE of stage 1, so scores equal {@code mult-vae}'s with
 * the same seed and parameters. Note that with T &ge; 1 the recommender trains
 * {@code epochs + jointEpochs} epochs in all; compare with a Mult-VAE of that many epochs too.
 *
 * <p>Fitted models save and load: T &ge; 1 in {@link CfSflModel}'s format, T = 0 in Mult-VAE's. The
 * virtual user of a fitted model is also a Simulator on its own, {@link VirtualUserSimulator}
 * ({@value VirtualUserSimulator#ID}).
 *
 * <p><b>Not implemented</b>: the sparse input layer and the hand-written pass for stages 2-3 (they
 * use dense SameDiff graphs, batch x items, fine for MovieLens-100K, slow for ML-20M).
 */
@Component(service = Recommender.class)
public final class CfSflRecommender implements Recommender {

    /** The plugin id. */
    public static final String ID = "cf-sfl";

    /** The paper. */
    static final PaperReference PAPER = new PaperReference("Wang, Zhang, Zhong, Ding, Li, Carin, Collaborative "
            + "Filtering with A Synthetic Feedback Loop, ICLR 2020 submission (OpenReview)",
            "https://arxiv.org/abs/1910.12735");

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.RECOMMENDER, "CF-SFL",
            "Mult-VAE recommender trained jointly with a virtual user (reward estimator + feedback generator) whose "
                    + "synthetic feedback is fed back to the recommender for feedbackSteps unrolled steps; T = 0 is "
                    + "exactly Mult-VAE. Its virtual user alone is the simulator 'cf-sfl-user'. NOT IMPLEMENTED: a "
                    + "sparse/fast path for the joint stages (dense SameDiff, batch x items: fine for ML-100K, "
                    + "slow for ML-20M).",
            PAPER, schema());

    private static ParamSchema schema() {
        return new ParamSchema(specs(0));
    }

    /**
     * CF-SFL's parameter specs, in display order (the virtual-user simulator trains with them too).
     *
     * @param minSteps the least feedbackSteps allowed: 0 for the recommender, 1 where a virtual user
     *                 is needed
     * @return a new mutable list
     */
    static List<ParamSpec> specs(int minSteps) {
        List<ParamSpec> specs = MultVaeRecommender.specs();
        specs.add(ParamSpec.intParam("feedbackSteps").defaultValue(1).range(minSteps, 10)
                .help(minSteps == 0 ? "T, the unrolled recommender / virtual-user steps; 0 is plain Mult-VAE "
                        + "(stages 2 and 3 skipped)." : "T, the unrolled recommender / virtual-user steps CF-SFL "
                        + "is trained with (at least 1: T = 0 trains no virtual user).").build());
        specs.add(ParamSpec.intParam("rewardPretrainEpochs").defaultValue(10).range(0, 100_000)
                .help("Stage 2: epochs pretraining the reward estimator on the pretrained recommender's "
                        + "recommendations (T >= 1 only).").build());
        specs.add(ParamSpec.intParam("jointEpochs").defaultValue(50).range(1, 100_000)
                .help("Stage 3: epochs alternating recommender + feedback generator and reward estimator steps, "
                        + "after the 'epochs' of recommender pretraining (50 as the paper on ML-20M; T >= 1 "
                        + "only).").build());
        specs.add(ParamSpec.doubleParam("rewardWeight").defaultValue(1.0).min(0)
                .help("Weight of -log R(x, a_T) in the recommender's loss (7); 1 as the paper.").build());
        specs.add(ParamSpec.intParam("fusionDim").defaultValue(64).range(1, 10_000)
                .help("Width of the fusion lookup table (64 as the paper's Table 2).").build());
        specs.add(ParamSpec.intParam("virtualUserWidth").defaultValue(128).range(1, 10_000)
                .help("Hidden width of the reward estimator and feedback generator, and the feedback width "
                        + "(128 as Table 2).").build());
        return specs;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Trains CF-SFL.
     *
     * @param train  the training interactions (any interaction counts as 1)
     * @param params validated parameters
     * @param ctx    the run context: stage 1 as Mult-VAE (streams "mult-vae-*", its metrics, under the
     *               label "pretrain" when T &ge; 1), then streams "cf-sfl-init", "cf-sfl-shuffle",
     *               "cf-sfl-dropout", "cf-sfl-noise" and the metrics of {@link CfSflTrainer}
     * @return the model
     * @throws InvalidParamsException if encoderDims has fewer than two widths
     * @throws IllegalArgumentException if the training data has no interactions
     * @throws IllegalStateException if a loss becomes NaN or infinite
     * @throws org.surrogate.api.run.TrialCancelledException if the trial is cancelled
     */
    @Override
    public Model fit(Dataset train, Params params, RunContext ctx) {
        List<Integer> dims = params.getIntList("encoderDims");
        if (dims.size() < 2) {
            throw new InvalidParamsException(List.of("encoderDims: CF-SFL needs a hidden encoder layer before the "
                    + "latent one (at least two widths, such as [600, 200]), found " + dims));
        }
        int steps = params.getInt("feedbackSteps");
        AutoencoderSettings settings = AutoencoderSettings.from(MultVaeRecommender.ID, true, params);
        AutoencoderTrainer pretrain = new AutoencoderTrainer(settings);
        RunContext stage1 = steps == 0 ? ctx : ctx.scoped("pretrain", 0, 0.5);
        AutoencoderModel base;
        try {
            base = pretrain.fit(train, stage1);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(ID + " (stage 1, recommender pretraining): " + e.getMessage(), e);
        }
        if (steps == 0) {
            return base.withId(ID);
        }
        InteractionRows rows = InteractionRows.of(train);
        int[] users = rows.nonEmptyRows();
        CfSflNet net = new CfSflNet(pretrain.lastGraph(), settings, params.getInt("fusionDim"),
                params.getInt("virtualUserWidth"), ctx.random(ID + "-init"));
        long batches = (users.length + Math.min(settings.batchSize(), users.length) - 1)
                / Math.min(settings.batchSize(), users.length);
        ctx.log(System.Logger.Level.INFO, ID + ": T = " + steps + ", " + params.getInt("rewardPretrainEpochs")
                + " reward pretraining epochs, " + params.getInt("jointEpochs") + " joint epochs");
        new CfSflTrainer(ID, settings, net, steps, params.getDouble("rewardWeight")).train(rows, users,
                params.getInt("rewardPretrainEpochs"), params.getInt("jointEpochs"), batches * settings.epochs(),
                ctx.scoped("joint", 0.5, 1));
        return new CfSflModel(net, steps, rows);
    }

    /**
     * Reads a model saved by a CF-SFL model: with T &ge; 1 in {@link CfSflModel}'s format, with T = 0
     * in Mult-VAE's format under the id cf-sfl (told apart by the magic number).
     *
     * @param in     the saved model; not closed
     * @param params the parameters it was fitted with (not needed: the file holds T and the arrays)
     * @return the model
     * @throws IOException if the stream is unreadable, truncated or not a CF-SFL model
     */
    @Override
    public Model load(InputStream in, Params params) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int magic = data.readInt();
        if (magic == CfSflModel.MAGIC) {
            return CfSflModel.readAfterMagic(data);
        }
        byte[] head = ByteBuffer.allocate(4).putInt(magic).array();
        return AutoencoderModel.read(new SequenceInputStream(new ByteArrayInputStream(head), in), ID);
    }
}
