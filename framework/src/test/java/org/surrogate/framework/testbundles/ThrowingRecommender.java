package org.surrogate.framework.testbundles;

import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;

/** A DS component whose constructor throws, packed into a test bundle. */
public final class ThrowingRecommender implements Recommender {

    /** Always throws. */
    public ThrowingRecommender() {
        throw new IllegalStateException("component refuses to activate");
    }

    @Override
    public PluginDescriptor descriptor() {
        throw new AssertionError("unreachable");
    }

    @Override
    public Model fit(Dataset train, Params params, RunContext ctx) {
        throw new AssertionError("unreachable");
    }
}
