package org.surrogate.api.generator;

import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.api.run.RunContext;

/**
 * A plugin that produces synthetic datasets. It is first fitted (to a real dataset, or to nothing
 * for generators that work from scratch), then sampled as often as needed:
 * <pre>{@code
 * GeneratorModel model = generator.fit(real, params, ctx);   // real may be null
 * Dataset synthetic = model.sample(ctx);
 * }</pre>
 */
public interface Generator extends Plugin {

    /**
     * Fits the generator.
     *
     * @param reference the real dataset to imitate, or {@code null} for a generator that works from
     *                  its parameters alone
     * @param params    validated parameters
     * @param ctx       the run context (seed, progress, cancellation)
     * @return the fitted generator
     * @throws IllegalArgumentException if the generator needs a reference and none is given, naming
     *                                  the generator
     */
    GeneratorModel fit(Dataset reference, Params params, RunContext ctx);
}
