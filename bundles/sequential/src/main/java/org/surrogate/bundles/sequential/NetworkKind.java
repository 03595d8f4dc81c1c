package org.surrogate.bundles.sequential;

/** The neural architectures of this bundle. */
enum NetworkKind {
    /** GRU4Rec: the GRU state at each step, times output item weights plus an item bias. */
    GRU4REC,
    /** NARM: the GRU state and an attention-weighted sum of the states so far, bilinear with the item embeddings. */
    NARM,
    /** STAMP: attention over the items so far (queried by the last item and their mean), gated by the last item. */
    STAMP,
    /** SASRec: one causal self-attention block with a feed-forward layer over item plus position embeddings. */
    SASREC
}
