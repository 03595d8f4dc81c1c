package org.surrogate.framework.testbundles;

import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;

/**
 * A recommender that takes its process down ({@code mode: halt}, as a native crash would) or hangs
 * without ever checking for cancellation ({@code mode: hang}): only a worker process contains it.
 */
public final class MisbehavingRecommender implements Recommender {

    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor("test-misbehaving",
            PluginKind.RECOMMENDER, "Misbehaving", "Halts the JVM or hangs in fit.", null,
            ParamSchema.of(ParamSpec.stringParam("mode").defaultValue("halt").build()));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Model fit(Dataset train, Params params, RunContext ctx) {
        if ("halt".equals(params.getString("mode"))) {
            Runtime.getRuntime().halt(42);
        }
        while (true) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                // ignores interruption, as a stuck native call would
            }
        }
    }
}
