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

/**
 * CASR's data-oriented sampler (Eq. 3-5, Algorithm 1 lines 13-18): a virtual item {@code e_{t^d} + Delta}
 * replaces step d, and {@code Delta} minimises {@code ||Delta||^2 + alpha log S(t^{l+1} | ..., e_{t^d} + Delta,
 * ...)} (the log of the probability of the true next item: the change should be small and yet move
 * the prediction away from it) by {@code steps} of gradient descent from 0 with step size
 * {@code stepSize}. The virtual item is projected to the nearest real item in the sampler's embedding
 * space (Eq. 5, C = all items but the original), the next item is derived by Eq. 2, and the sample is
 * kept only if that next item differs from the true one (line 17) and the confidence is above kappa.
 *
 * <p>The paper writes {@code alpha S(...)}; the log-probability is used here (same minimiser
 * direction, better scaled over a 10^4-item softmax).
 */
@Component(service = Generator.class)
public final class DataSampler extends CounterfactualSampler {

    /** The plugin id. */
    public static final String ID = CasrIds.DATA;

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.GENERATOR,
            "CASR data-oriented sampler",
            "Counterfactual sequences near the sampler's decision boundary: the smallest embedding change of one "
                    + "history item that moves the predicted next item (Eq. 4), projected to the nearest real item "
                    + "(Eq. 5); kept when the next item changed and the confidence is above kappa.",
            HeuristicSampler.PAPER, schema());

    private static ParamSchema schema() {
        List<ParamSpec> specs = new ArrayList<>(CounterfactualSampler.commonParams());
        specs.add(ParamSpec.doubleParam("alpha").defaultValue(1.0).range(1e-5, 1e5)
                .help("Weight alpha of the prediction term of Eq. 4 against ||Delta||^2 (the paper searches "
                        + "10^-5 .. 10^5).").build());
        specs.addAll(stepParams());
        return ParamSchema.of(specs.toArray(ParamSpec[]::new));
    }

    /** The optimisation parameters of the learned samplers. */
    static List<ParamSpec> stepParams() {
        return List.of(
                ParamSpec.intParam("steps").defaultValue(10).range(1, 1000)
                        .help("Gradient steps on Delta per sample.").build(),
                ParamSpec.doubleParam("stepSize").defaultValue(0.5).range(0, 100).greaterThan(0)
                        .help("Step size of the gradient steps on Delta.").build());
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    String prefix() {
        return "D";
    }

    @Override
    boolean requiresChangedNext() {
        return true;
    }

    @Override
    int[] replacements(Intervention batch, SequenceAnchor sampler, SequenceAnchor anchor, Params params, Random rng) {
        int b = batch.size();
        int e = sampler.embeddingSize();
        int n = sampler.numItems();
        double alpha = params.getDouble("alpha");
        double eta = params.getDouble("stepSize");
        float[][] base = new float[b][];
        float[][] delta = new float[b][e];
        float[][] targets = new float[b][];
        for (int k = 0; k < b; k++) {
            base[k] = sampler.itemEmbedding(batch.histories()[k][batch.positions()[k]]);
            targets[k] = new float[n];
            targets[k][batch.nexts()[k]] = 1f;
        }
        for (int step = 0; step < params.getInt("steps"); step++) {
            ProbeResult r = probeRows(sampler, batch, add(base, delta), targets);
            for (int k = 0; k < b; k++) {
                float[] g = r.rowGradients()[k];
                for (int a = 0; a < e; a++) {
                    // d/dDelta [||Delta||^2 + alpha log S(t^{l+1})] = 2 Delta - alpha dCE/dDelta
                    double grad = 2 * delta[k][a] - alpha * g[a];
                    delta[k][a] -= (float) (eta * grad);
                }
            }
        }
        float[] table = sampler.itemEmbeddings();
        float[][] virtual = add(base, delta);
        int[] out = new int[b];
        for (int k = 0; k < b; k++) {
            out[k] = Numerics.nearest(table, e, virtual[k], batch.histories()[k][batch.positions()[k]]);
        }
        return out;
    }

    static float[][] add(float[][] base, float[][] delta) {
        float[][] out = new float[base.length][];
        for (int k = 0; k < base.length; k++) {
            out[k] = base[k].clone();
            for (int a = 0; a < out[k].length; a++) {
                out[k][a] += delta[k][a];
            }
        }
        return out;
    }
}
