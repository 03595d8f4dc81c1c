package org.surrogate.api.split;

import java.util.List;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.api.run.RunContext;

/**
 * A plugin that divides a dataset for evaluation. Randomness comes only from the context, so the
 * same seed gives the same split.
 */
public interface Splitter extends Plugin {

    /**
     * Splits a dataset.
     *
     * @param data   the dataset
     * @param params validated parameters (such as the test fraction)
     * @param ctx    the run context
     * @return one split, or one per fold for k-fold splitters
     * @throws IllegalArgumentException if the dataset does not suit the splitter (say, no timestamps
     *                                  for a temporal split), naming what is missing
     */
    List<Split> split(Dataset data, Params params, RunContext ctx);
}
