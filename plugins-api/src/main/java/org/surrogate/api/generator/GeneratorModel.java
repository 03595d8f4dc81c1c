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

    /**
     * Samples a dataset whose exposure comes from a given logging policy (say a recommender's
     * {@code Model.asPolicy()}) instead of the generator's own, for generators that simulate
     * exposure and choice. The policy is called from one thread, user after user. The default says
     * this generator cannot.
     *
     * @param ctx    the run context
     * @param policy chooses the slates shown to each simulated user
     * @return a new synthetic dataset of the users' responses to the policy's slates
     * @throws UnsupportedOperationException if this generator does not simulate exposure
     */
    default Dataset sample(RunContext ctx, org.surrogate.api.recommender.Policy policy) {
        throw new UnsupportedOperationException(getClass().getName()
                + " has no exposure model, so it cannot log with a given policy");
    }

    /**
     * The ground truth of a generator that knows it: the true preference of every user for every
     * item, as a model that scores them (higher is preferred), for protocols that evaluate against
     * true preferences rather than observed data. The default says it is not known.
     *
     * @return the true preferences, if this generator knows them
     */
    default java.util.Optional<org.surrogate.api.recommender.Model> truePreferences() {
        return java.util.Optional.empty();
    }
}
