package org.surrogate.bundles.casr;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.generator.Generator;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.bundles.sequential.anchor.ProbeResult;
import org.surrogate.bundles.sequential.anchor.SequenceAnchor;
import org.surrogate.bundles.sequential.anchor.SequenceAnchors;

/**
 * CASR's model-oriented sampler (Eq. 6-7, Algorithm 1 lines 19-22): {@code Delta} maximises the
 * anchor's expected loss under the sampler's softened next-item distribution,
 * {@code J = -sum_i softmax(tau S(. | E^S))_i log A(i | E^A) - beta ||Delta||^2}, where step d's input is
 * {@code e^S_{t^d} + Delta} for the sampler and {@code e^A_{t^d} + Delta} for the anchor (so both must
 * have the same embedding size), by {@code steps} of gradient ascent from 0. The gradient flows
 * through both networks: {@code dJ = sum_i p_i d(l_i) + tau sum_i p_i (l_i - l_bar) d(z_i) - 2 beta Delta},
 * the first term the anchor's cross-entropy gradient with soft target p, the second the sampler's
 * cross-entropy gradient with the zero-sum weights {@code p_i (l_i - l_bar)}, negated.
 *
 * <p><b>Departing from the paper:</b> the paper trains the anchor on the virtual item itself
 * ({@code e^A_{t^d} + Delta} "without approximation"); samples here are item sequences (a dataset, and the
 * anchor's ordinary training), so the virtual item is projected to the nearest real item in the
 * anchor's embedding space (as Eq. 5 does for the data-oriented sampler, original item excluded), and
 * the next item is derived by Eq. 2 from that projected item.
 */
@Component(service = Generator.class)
public final class ModelSampler extends CounterfactualSampler {

    /** The plugin id. */
    public static final String ID = CasrIds.MODEL;

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.GENERATOR,
            "CASR model-oriented sampler",
            "Counterfactual sequences that maximise the anchor model's expected loss under the sampler's "
                    + "next-item distribution (Eq. 7); the virtual item is projected to the nearest real item "
                    + "(departure from the paper); kept above confidence kappa.",
            HeuristicSampler.PAPER, schema());

    private static ParamSchema schema() {
        List<ParamSpec> specs = new ArrayList<>(CounterfactualSampler.commonParams());
        specs.add(ParamSpec.doubleParam("beta").defaultValue(1.0).range(1e-5, 1e5)
                .help("Weight beta of ||Delta||^2 in Eq. 7 (the paper searches 10^-5 .. 10^5).").build());
        specs.add(ParamSpec.doubleParam("tau").defaultValue(1.0).range(0, 1000).greaterThan(0)
                .help("Temperature tau of the sampler's softmax in Eq. 7: large concentrates on the argmax.")
                .build());
        specs.add(ParamSpec.choiceParam("anchorModel", SequenceAnchors.IDS.toArray(String[]::new))
                .defaultValue("narm")
                .help("Standalone use only (protocol 'casr' passes its anchor): the anchor fit trains.").build());
        specs.addAll(DataSampler.stepParams());
        return ParamSchema.of(specs.toArray(ParamSpec[]::new));
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    String prefix() {
        return "M";
    }

    @Override
    boolean needsAnchor() {
        return true;
    }

    @Override
    int[] replacements(Intervention batch, SequenceAnchor sampler, SequenceAnchor anchor, Params params, Random rng) {
        int b = batch.size();
        int e = sampler.embeddingSize();
        double beta = params.getDouble("beta");
        double tau = params.getDouble("tau");
        double eta = params.getDouble("stepSize");
        float[][] baseS = new float[b][];
        float[][] baseA = new float[b][];
        float[][] delta = new float[b][e];
        for (int k = 0; k < b; k++) {
            int original = batch.histories()[k][batch.positions()[k]];
            baseS[k] = sampler.itemEmbedding(original);
            baseA[k] = anchor.itemEmbedding(original);
        }
        for (int step = 0; step < params.getInt("steps"); step++) {
            float[][] rowsS = DataSampler.add(baseS, delta);
            float[][] rowsA = DataSampler.add(baseA, delta);
            float[][] zS = probeRows(sampler, batch, rowsS, null).logits();
            float[][] p = new float[b][];
            for (int k = 0; k < b; k++) {
                p[k] = Numerics.softmax(zS[k], tau);
            }
            ProbeResult ra = probeRows(anchor, batch, rowsA, p);
            float[][] weights = new float[b][];
            for (int k = 0; k < b; k++) {
                weights[k] = centredLossWeights(p[k], Numerics.softmax(ra.logits()[k], 1.0));
            }
            ProbeResult rs = probeRows(sampler, batch, rowsS, weights);
            for (int k = 0; k < b; k++) {
                float[] g1 = ra.rowGradients()[k];
                float[] g2 = rs.rowGradients()[k];
                for (int a = 0; a < e; a++) {
                    double grad = g1[a] - tau * g2[a] - 2 * beta * delta[k][a];
                    delta[k][a] += (float) (eta * grad);
                }
            }
        }
        float[] table = anchor.itemEmbeddings();
        float[][] virtual = DataSampler.add(baseA, delta);
        int[] out = new int[b];
        for (int k = 0; k < b; k++) {
            out[k] = Numerics.nearest(table, e, virtual[k], batch.histories()[k][batch.positions()[k]]);
        }
        return out;
    }

    /** {@code w_i = p_i (l_i - sum_j p_j l_j)} with {@code l_i = -log q_i}, the anchor's per-item losses. */
    static float[] centredLossWeights(float[] p, float[] q) {
        double[] loss = new double[p.length];
        double mean = 0;
        for (int i = 0; i < p.length; i++) {
            loss[i] = -Math.log(Math.max(q[i], 1e-30));
            mean += p[i] * loss[i];
        }
        float[] w = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            w[i] = (float) (p[i] * (loss[i] - mean));
        }
        return w;
    }
}
