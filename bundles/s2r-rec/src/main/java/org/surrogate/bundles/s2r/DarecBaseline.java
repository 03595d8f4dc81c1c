package org.surrogate.bundles.s2r;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Policy;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.simulator.Environment;

/**
 * The paper's DARec baseline, as its implementation details describe it: the MF representations
 * mapped by linear projections learned adversarially (domain classifiers on users and items with a
 * reversed gradient) while predicting the observed ratings of both domains ({@link
 * RepresentationAligner}); greedy by {@code <F_U^S(u), F_V^R(v)>}. This is that reading, not a port
 * of the original DARec code (which uses autoencoders over rating vectors).
 */
@Component(service = Recommender.class)
public final class DarecBaseline implements Recommender {

    /** The plugin id. */
    public static final String ID = "s2r-darec";

    /** The descriptor. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.RECOMMENDER,
            "S2R-Rec baseline: DARec (adversarially aligned linear maps of the SVD features)",
            "Linear maps of both domains' SVD user and item features, trained to predict the ratings while "
                    + "domain classifiers cannot tell the domains apart (gradient reversal); ranks real items by "
                    + "the mapped dot product. A simplified DARec (linear projections, as the S2R-Rec paper's "
                    + "implementation details say), not the original autoencoder model.",
            S2rPaper.REFERENCE, ParamSchema.of(
                    ParamSpec.intParam("alignSteps").defaultValue(300).range(1, 1_000_000).help("Adversarial steps.").build(),
                    ParamSpec.intParam("dim").defaultValue(16).range(1, 1024).help("Mapped representation size.").build(),
                    ParamSpec.doubleParam("lambdaDom").defaultValue(0.1).range(0, 100)
                            .help("Weight of the reversed domain loss.").build(),
                    ParamSpec.doubleParam("learningRate").defaultValue(1e-3).openRange(0, 1).help("Adam step size.")
                            .build()));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Not supported: the baseline needs the two-domain task of a sim-to-real environment.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Model fit(Dataset train, Params params, RunContext ctx) {
        throw new UnsupportedOperationException("recommender '" + ID + "' needs a sim-to-real environment: use "
                + "learn(Environment) (protocol 'sim-to-real')");
    }

    @Override
    public Policy learn(Environment env, Params params, RunContext ctx) {
        SimToRealTask task = SimToRealEnvironment.taskOf(env, ID);
        Map<String, INDArray> weights = new HashMap<>();
        ItemFeatures pad = new ItemFeatures(task.features(), true);
        RepresentationAligner aligner = new RepresentationAligner(task, pad, params.getInt("dim"), 32,
                params.getDouble("lambdaDom"), params.getDouble("learningRate"), 256, weights, ctx.random("s2r-darec"));
        int steps = params.getInt("alignSteps");
        for (int i = 0; i < steps; i++) {
            ctx.checkCancelled();
            double[] l;
            try {
                l = aligner.step(true);
            } catch (IllegalStateException e) {
                throw new IllegalStateException("recommender '" + ID + "': " + e.getMessage() + " at step " + i
                        + "; training stopped (try a lower learningRate)", e);
            }
            if (i % 5 == 0 || i == steps - 1) {
                ctx.metric("loss/pred", i, l[0]);
                ctx.metric("loss/dom", i, l[1]);
            }
        }
        float[][] users = aligner.map("wu", pad.padded(task.realUserSimFeatures(), false));
        float[][] items = aligner.map("wv", pad.padded(task.realItemFeatures(), true));
        return new ScorePolicy(users, items);
    }
}
