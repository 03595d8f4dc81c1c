package org.surrogate.framework.testbundles;

import java.util.List;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.protocol.Configured;
import org.surrogate.api.protocol.Protocol;
import org.surrogate.api.protocol.SlotSpec;
import org.surrogate.api.protocol.Trial;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;

/** A protocol packed into a test bundle: fits each recommender on a tiny dataset, reports item 0's score. */
public final class ScoreProtocol implements Protocol {

    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor("test-score", PluginKind.PROTOCOL,
            "Score", "Fits recommenders on a 2x3 dataset and reports the score of item 0.", null, ParamSchema.EMPTY);

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<SlotSpec> slots() {
        return List.of(SlotSpec.oneOrMore("recommenders", PluginKind.RECOMMENDER, "what to score"));
    }

    @Override
    public void run(Trial trial, RunContext ctx) {
        Dataset data = Dataset.builder("tiny", 2, 3).add(0, 0, 1f).add(1, 2, 1f).build();
        for (Configured<Recommender> r : trial.slot("recommenders", Recommender.class)) {
            Model m = r.plugin().fit(data, r.params(), ctx);
            float[] out = new float[m.numItems()];
            m.score(new int[] {0}, out);
            ctx.result(r.label() + "/score0", out[0]);
            ctx.metric(r.label() + "/curve", 0, out[0]);
        }
    }
}
