package org.surrogate.bundles.sequential;

/** The two recurrent architectures of this bundle. */
enum NetworkKind {
    /** GRU4Rec: the GRU state at each step, times output item weights plus an item bias. */
    GRU4REC,
    /** NARM: the GRU state and an attention-weighted sum of the states so far, bilinear with the item embeddings. */
    NARM
}
