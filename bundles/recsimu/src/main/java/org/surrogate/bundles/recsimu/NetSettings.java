package org.surrogate.bundles.recsimu;

import org.surrogate.api.param.Params;

/**
 * Sizes and training settings of the neural simulators, read from validated parameters.
 *
 * @param historyLength     N, the items of a state
 * @param embedding         E, the item embedding width
 * @param feedbackEmbedding |F|, the feedback embedding width
 * @param hidden            the GRU width
 * @param dense             the width of the hidden fully connected layers
 * @param types             K
 * @param learningRate      Adam's step size
 * @param batchSize         tuples per batch
 * @param epochs            adversarial (or supervised) epochs
 * @param pretrainEpochs    supervised pre-training epochs of generator and discriminator (recsimu)
 * @param alpha             weight of the discriminator's supervised loss (Eq. 9)
 * @param beta              weight of the generator's supervised loss (Eq. 12)
 * @param lambda            weight of the fake-class term in the supervised loss (Eq. 8)
 * @param dSteps            discriminator steps per round (Algorithm 1)
 * @param gSteps            generator steps per round
 * @param supervisedWeight  weight of the supervised term of the gan-s baseline
 * @param logEvery          log the per-step losses every this many steps
 */
record NetSettings(int historyLength, int embedding, int feedbackEmbedding, int hidden, int dense, int types,
                   double learningRate, int batchSize, int epochs, int pretrainEpochs, double alpha, double beta,
                   double lambda, int dSteps, int gSteps, double supervisedWeight, int logEvery) {

    /**
     * Reads the settings.
     *
     * @param params validated simulator parameters
     * @param types  K
     * @return the settings
     */
    static NetSettings of(Params params, int types) {
        return new NetSettings(params.getInt("historyLength"), params.getInt("embeddingSize"),
                i(params, "feedbackEmbeddingSize", 10), i(params, "hiddenSize", 128), i(params, "denseSize", 64),
                types, d(params, "learningRate", 1e-3), i(params, "batchSize", 500), i(params, "epochs", 10),
                i(params, "pretrainEpochs", 0), d(params, "alpha", 1), d(params, "beta", 1), d(params, "lambda", 0),
                i(params, "dSteps", 1), i(params, "gSteps", 1), d(params, "supervisedWeight", 0),
                i(params, "logEvery", 1));
    }

    /** A parameter a variant may not declare (the random baseline has no network). */
    private static int i(Params p, String name, int fallback) {
        return p.has(name) ? p.getInt(name) : fallback;
    }

    private static double d(Params p, String name, double fallback) {
        return p.has(name) ? p.getDouble(name) : fallback;
    }
}
