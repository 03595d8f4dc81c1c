package org.surrogate.bundles.s2r;

import org.surrogate.api.plugin.PaperReference;

/** The paper this bundle implements. */
final class S2rPaper {

    static final PaperReference REFERENCE = new PaperReference("Wu, Xie, Yu, Li, Li: Sim-to-Real Interactive "
            + "Recommendation via Off-Dynamics Reinforcement Learning (S2R-Rec)", null);

    private S2rPaper() {
    }
}
