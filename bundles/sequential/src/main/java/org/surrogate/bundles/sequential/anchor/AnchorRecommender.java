package org.surrogate.bundles.sequential.anchor;

import java.util.List;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;

/**
 * A recommender whose models are {@link SequenceAnchor}s, and that can be trained on real
 * sequences plus extra samples, CASR's counterfactual data: Algorithm 1's last line, "train the
 * anchor on T united with T_c".
 * <pre>{@code
 * List<int[]> extra = List.of(new int[] {3, 42, 5, 9});    // history 3, 42, 5; next item 9
 * SequenceAnchor a = anchor.fit(train, extra, params, ctx);
 * }</pre>
 */
public interface AnchorRecommender extends Recommender {

    /**
     * Fits on the users' sequences of {@code train} (every step predicts its successor, as
     * {@link #fit(Dataset, Params, RunContext)} does) plus extra samples, each a history followed by
     * its next item, whose loss is taken at that last step only. The extra samples join the same
     * shuffled mini-batches; users for scoring are those of {@code train}.
     *
     * @param train  the training interactions
     * @param extra  extra samples, each at least two items (history, then next item), items in the
     *               catalogue of {@code train}; empty for plain training
     * @param params validated parameters
     * @param ctx    the run context
     * @return the fitted model
     * @throws IllegalArgumentException if a sample is shorter than two items or names an item outside
     *                                  the catalogue, naming the sample
     */
    SequenceAnchor fit(Dataset train, List<int[]> extra, Params params, RunContext ctx);

    /**
     * Fits on the users' sequences alone.
     *
     * @param train  the training interactions
     * @param params validated parameters
     * @param ctx    the run context
     * @return the fitted model
     */
    @Override
    SequenceAnchor fit(Dataset train, Params params, RunContext ctx);
}
