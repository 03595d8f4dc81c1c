package org.surrogate.api.privacy;

import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.api.run.RunContext;

/**
 * A plugin that transforms a dataset under a stated privacy guarantee, such as Laplace input
 * perturbation of ratings or randomized response on implicit feedback.
 */
public interface PrivacyMechanism extends Plugin {

    /**
     * The guarantee the mechanism gives with these parameters.
     *
     * @param params validated parameters (such as the budget epsilon)
     * @return the guarantee
     */
    PrivacyGuarantee guarantee(Params params);

    /**
     * Applies the mechanism.
     *
     * @param data   the dataset to protect
     * @param params validated parameters
     * @param ctx    the run context; the noise comes from its seed
     * @return the protected dataset
     */
    Dataset apply(Dataset data, Params params, RunContext ctx);
}
