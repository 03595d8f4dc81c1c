package org.surrogate.api.protocol;

import java.util.List;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.api.run.RunContext;

/**
 * A plugin that is the workflow of a trial: it declares the slots it needs and drives the plugins
 * in them, reporting results through the run context.
 * <pre>{@code
 * public List<SlotSpec> slots() {
 *     return List.of(SlotSpec.one("data", PluginKind.GENERATOR, "where the data comes from"),
 *                    SlotSpec.oneOrMore("recommenders", PluginKind.RECOMMENDER, "what is compared"));
 * }
 * public void run(Trial trial, RunContext ctx) {
 *     Configured<Generator> g = trial.single("data", Generator.class);
 *     Dataset data = g.plugin().fit(null, g.params(), ctx).sample(ctx);
 *     ...
 *     ctx.result(rec.label() + "/ndcg@10", value);
 * }
 * }</pre>
 */
public interface Protocol extends Plugin {

    /**
     * The slots this protocol needs, in display order.
     *
     * @return the slots
     */
    List<SlotSpec> slots();

    /**
     * Runs one trial.
     *
     * @param trial the filled slots and the protocol's parameters
     * @param ctx   the run context
     * @throws Exception if the trial fails; the server records the failure with its message
     */
    void run(Trial trial, RunContext ctx) throws Exception;
}
