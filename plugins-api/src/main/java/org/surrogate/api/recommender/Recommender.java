package org.surrogate.api.recommender;

import java.io.IOException;
import java.io.InputStream;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.simulator.Environment;

/**
 * A plugin that learns to recommend: it fits a {@link Model} on training interactions, and may
 * also learn a {@link Policy} by interacting with a simulated {@link Environment}.
 * <pre>{@code
 * @Component(service = Recommender.class)
 * public final class Popularity implements Recommender {
 *     public PluginDescriptor descriptor() { return DESCRIPTOR; }
 *     public Model fit(Dataset train, Params p, RunContext ctx) {
 *         float[] counts = ...;                 // one score per item
 *         return new MyModel(counts);
 *     }
 * }
 * }</pre>
 */
public interface Recommender extends Plugin {

    /**
     * Fits a model on training data.
     *
     * @param train  the training interactions
     * @param params validated parameters
     * @param ctx    the run context: seed, progress, cancellation, training curves
     * @return the fitted model
     */
    Model fit(Dataset train, Params params, RunContext ctx);

    /**
     * Loads a model written by {@link Model#save}. The default says this recommender cannot.
     *
     * @param in     the saved model
     * @param params the parameters it was fitted with
     * @return the model
     * @throws IOException if the stream cannot be read or is not a model of this recommender
     * @throws UnsupportedOperationException if this recommender cannot load models
     */
    default Model load(InputStream in, Params params) throws IOException {
        throw new UnsupportedOperationException("recommender '" + descriptor().id() + "' cannot load saved models");
    }

    /**
     * Learns a policy by interacting with an environment (reinforcement learning). The default says
     * this recommender cannot; such recommenders can still act through {@link Model#asPolicy()}.
     *
     * @param env    the environment to learn in
     * @param params validated parameters
     * @param ctx    the run context
     * @return the learned policy
     * @throws UnsupportedOperationException if this recommender cannot learn from an environment
     */
    default Policy learn(Environment env, Params params, RunContext ctx) {
        throw new UnsupportedOperationException("recommender '" + descriptor().id()
                + "' cannot learn from a simulated environment; fit it on data and use Model.asPolicy()");
    }
}
