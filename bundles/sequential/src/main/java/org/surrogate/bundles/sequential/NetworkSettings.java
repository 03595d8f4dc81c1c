package org.surrogate.bundles.sequential;

import org.surrogate.api.param.Params;

/**
 * The shape and regularisation of a recurrent sequence network.
 *
 * @param kind             the architecture
 * @param numItems         the number of items (inputs and outputs)
 * @param embedding        the item embedding size E
 * @param hidden           the GRU state size H (also NARM's attention size); STAMP's attention size;
 *                         SASRec's feed-forward inner size
 * @param maxLength        the longest history fed to the network; older items are dropped
 * @param embeddingDropout the dropout rate of the input embeddings during training, in [0, 1)
 * @param hiddenDropout    the dropout rate of the representation fed to the output layer, in [0, 1)
 */
record NetworkSettings(NetworkKind kind, int numItems, int embedding, int hidden, int maxLength,
                       double embeddingDropout, double hiddenDropout) {

    /**
     * Checks the sizes.
     *
     * @throws IllegalArgumentException if a size is below 1 or a rate outside [0, 1)
     */
    NetworkSettings {
        if (numItems < 1 || embedding < 1 || hidden < 1 || maxLength < 1) {
            throw new IllegalArgumentException("network sizes must be >= 1, found items " + numItems + ", embedding "
                    + embedding + ", hidden " + hidden + ", maxLength " + maxLength);
        }
        if (!(embeddingDropout >= 0 && embeddingDropout < 1 && hiddenDropout >= 0 && hiddenDropout < 1)) {
            throw new IllegalArgumentException("dropout rates must be in [0, 1), found " + embeddingDropout + ", "
                    + hiddenDropout);
        }
    }

    /**
     * Reads the settings from validated parameters.
     *
     * @param kind     the architecture
     * @param numItems the number of items
     * @param p        parameters embeddingSize, hiddenSize, maxLength, embeddingDropout, hiddenDropout
     * @return the settings
     */
    static NetworkSettings of(NetworkKind kind, int numItems, Params p) {
        return new NetworkSettings(kind, numItems, p.getInt("embeddingSize"), p.getInt("hiddenSize"),
                p.getInt("maxLength"), p.getDouble("embeddingDropout"), p.getDouble("hiddenDropout"));
    }

    /**
     * The width K of the representation of a step fed to the output layer: H for GRU4Rec, 2H for NARM, E for
     * STAMP and SASRec (scored against the item embeddings).
     *
     * @return the width
     */
    int featureWidth() {
        return switch (kind) {
            case NARM -> 2 * hidden;
            case GRU4REC -> hidden;
            case STAMP, SASREC -> embedding;
        };
    }
}
