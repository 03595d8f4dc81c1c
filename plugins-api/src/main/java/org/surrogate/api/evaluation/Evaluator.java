package org.surrogate.api.evaluation;

import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.api.run.RunContext;

/**
 * A plugin that computes metrics: of a model against held-out data (NDCG, recall, AUC...), or of a
 * dataset against another (fidelity, privacy attacks).
 */
public interface Evaluator extends Plugin {

    /**
     * Computes the metrics.
     *
     * @param input  what to evaluate
     * @param params validated parameters (such as the cut-offs)
     * @param ctx    the run context
     * @return the metrics, with the protocol used named in the result
     * @throws IllegalArgumentException if the input lacks something the evaluator needs
     */
    EvaluationResult evaluate(EvaluationInput input, Params params, RunContext ctx);
}
