package org.surrogate.api.simulator;

import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.api.run.RunContext;

/**
 * A plugin that builds interactive user environments, usually by learning from logged data (a GAN
 * user simulator, a choice model fitted to ratings).
 */
public interface Simulator extends Plugin {

    /**
     * Builds (and, where needed, trains) an environment.
     *
     * @param logs   the logged data to learn users from, or {@code null} for a simulator that works
     *               from its parameters alone
     * @param params validated parameters
     * @param ctx    the run context; the environment keeps it for its own randomness
     * @return the environment; the caller closes it
     * @throws IllegalArgumentException if the simulator needs logs and none are given
     */
    Environment create(Dataset logs, Params params, RunContext ctx);
}
