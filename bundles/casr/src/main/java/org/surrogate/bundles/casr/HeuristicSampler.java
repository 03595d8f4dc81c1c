package org.surrogate.bundles.casr;

import java.util.Random;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.generator.Generator;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.bundles.sequential.anchor.SequenceAnchor;

/**
 * CASR's heuristic sampler (section 2.2, Algorithm 1 lines 7-12): step d of the history is replaced by
 * an item drawn uniformly from the catalogue other than the original item, and the next item is the
 * sampler's argmax (Eq. 2), kept when its probability is above kappa.
 */
@Component(service = Generator.class)
public final class HeuristicSampler extends CounterfactualSampler {

    /** The plugin id. */
    public static final String ID = CasrIds.HEURISTIC;

    /** The paper. */
    static final PaperReference PAPER = new PaperReference("Wang, Zhang, Xu, Chen, Zhang, Zhao and Wen, "
            + "Counterfactual Data-Augmented Sequential Recommendation, SIGIR 2021",
            "https://doi.org/10.1145/3404835.3462855");

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.GENERATOR,
            "CASR heuristic sampler",
            "Counterfactual sequences: one history item (index d) replaced by a uniformly random item, the next "
                    + "item predicted by the sampler network, kept above confidence kappa.",
            PAPER, ParamSchema.of(CounterfactualSampler.commonParams().toArray(ParamSpec[]::new)));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    String prefix() {
        return "H";
    }

    @Override
    int[] replacements(Intervention batch, SequenceAnchor sampler, SequenceAnchor anchor, Params params, Random rng) {
        int n = sampler.numItems();
        int[] out = new int[batch.size()];
        for (int k = 0; k < out.length; k++) {
            int original = batch.histories()[k][batch.positions()[k]];
            int r = rng.nextInt(n - 1);
            out[k] = r >= original ? r + 1 : r;
        }
        return out;
    }
}
