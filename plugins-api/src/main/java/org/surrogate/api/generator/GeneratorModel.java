package org.surrogate.api.generator;

import org.surrogate.api.data.Dataset;
import org.surrogate.api.run.RunContext;

/**
 * A fitted generator, ready to sample synthetic datasets.
 */
public interface GeneratorModel {

    /**
     * Samples one synthetic dataset. Randomness comes from the context, so the same context seed
     * gives the same dataset.
     *
     * @param ctx the run context
     * @return a new synthetic dataset
     */
    Dataset sample(RunContext ctx);
}
