package org.surrogate.bundles.sequential;

import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;

/** The parameter schema shared by GRU4Rec, NARM, STAMP and SASRec, with each model's defaults. */
final class NetworkParams {

    private NetworkParams() {
    }

    /**
     * The schema.
     *
     * @param epochs           the default number of epochs
     * @param embeddingDropout the default input dropout
     * @param hiddenDropout    the default dropout before the output layer
     * @param outputHelp       what the output layer is, for the help of hiddenDropout
     * @return the schema
     */
    static ParamSchema schema(int epochs, double embeddingDropout, double hiddenDropout, String outputHelp) {
        return schema(epochs, embeddingDropout, hiddenDropout, outputHelp, "Size H of the GRU state.");
    }

    /**
     * The schema, with the meaning of hiddenSize for the architecture.
     *
     * @param epochs           the default number of epochs
     * @param embeddingDropout the default input dropout
     * @param hiddenDropout    the default dropout before the output layer
     * @param outputHelp       what the output layer is, for the help of hiddenDropout
     * @param hiddenHelp       what hiddenSize sets
     * @return the schema
     */
    static ParamSchema schema(int epochs, double embeddingDropout, double hiddenDropout, String outputHelp,
                              String hiddenHelp) {
        return ParamSchema.of(
                ParamSpec.intParam("embeddingSize").defaultValue(64).range(1, 4096)
                        .help("Size E of the item embeddings.").build(),
                ParamSpec.intParam("hiddenSize").defaultValue(100).range(1, 4096)
                        .help(hiddenHelp).build(),
                ParamSpec.intParam("epochs").defaultValue(epochs).range(1, 10_000)
                        .help("Passes over the users' sequences.").build(),
                ParamSpec.doubleParam("learningRate").defaultValue(0.005).range(0, 1).greaterThan(0)
                        .help("Adam step size, in (0, 1]. Gradients are clipped to a global norm of "
                                + AdamOptimizer.MAX_NORM + ". The default 0.005 suits small data (20 epochs of "
                                + "ML-100K: 0.001 leaves both networks under-trained).").build(),
                ParamSpec.intParam("batchSize").defaultValue(64).range(1, 65_536)
                        .help("Sequences per mini-batch (sequences of similar length are batched together).")
                        .build(),
                ParamSpec.intParam("maxLength").defaultValue(50).range(1, 1000)
                        .help("Only each user's last maxLength items are used, for training (plus the item they "
                                + "predict) and for scoring.").build(),
                ParamSpec.doubleParam("embeddingDropout").defaultValue(embeddingDropout).min(0).lessThan(1)
                        .help("Dropout rate of the input item embeddings while training, in [0, 1).").build(),
                ParamSpec.doubleParam("hiddenDropout").defaultValue(hiddenDropout).min(0).lessThan(1)
                        .help("Dropout rate of " + outputHelp + " while training, in [0, 1).").build(),
                ParamSpec.intParam("logEvery").defaultValue(10).range(0, 1_000_000)
                        .help("Log metric 'batch-loss' every this many mini-batches; 0 logs only the per-epoch "
                                + "'loss'.").build(),
                ParamSpec.choiceParam("order", "time", "position").defaultValue("time")
                        .help(Sequences.ORDER_HELP).build());
    }
}
