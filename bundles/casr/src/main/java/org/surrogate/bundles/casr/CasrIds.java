package org.surrogate.bundles.casr;

/** The plugin ids of this bundle, in one place. */
final class CasrIds {

    /** The heuristic sampler (random replacement). */
    static final String HEURISTIC = "casr-heuristic";
    /** The data-oriented sampler (Eq. 4-5). */
    static final String DATA = "casr-data";
    /** The model-oriented sampler (Eq. 7). */
    static final String MODEL = "casr-model";
    /** The protocol. */
    static final String PROTOCOL = "casr";

    private CasrIds() {
    }
}
