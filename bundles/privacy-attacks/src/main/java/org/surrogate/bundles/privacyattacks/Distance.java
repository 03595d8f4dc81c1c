package org.surrogate.bundles.privacyattacks;

import org.surrogate.api.param.ParamSpec;

/**
 * The distance between two users' sets of distinct items A and B, from their overlap.
 */
enum Distance {
    /** {@code 1 - |A n B| / |A u B|}. */
    JACCARD("jaccard"),
    /** {@code 1 - |A n B| / sqrt(|A| |B|)}: one minus the cosine of the binary rows. */
    COSINE("cosine");

    /** Parameter: the distance. */
    static final String PARAM = "distance";

    private final String label;

    Distance(String label) {
        this.label = label;
    }

    /**
     * The distance parameter.
     *
     * @return jaccard (default) or cosine
     */
    static ParamSpec param() {
        return ParamSpec.choiceParam(PARAM, "jaccard", "cosine").defaultValue("jaccard")
                .help("Distance between two users' sets of distinct items: jaccard (1 - |A n B| / |A u B|) or cosine "
                        + "(1 - |A n B| / sqrt(|A| |B|)). Both are 0 for identical sets and 1 for disjoint ones.").build();
    }

    /**
     * The distance of a label.
     *
     * @param label "jaccard" or "cosine"
     * @return the distance
     */
    static Distance of(String label) {
        return "cosine".equals(label) ? COSINE : JACCARD;
    }

    /**
     * The label.
     *
     * @return as in the parameter
     */
    String label() {
        return label;
    }

    /**
     * The distance from the sizes and the overlap.
     *
     * @param a       |A| &gt; 0
     * @param b       |B| &gt; 0
     * @param overlap |A n B|
     * @return the distance in [0, 1]
     */
    double of(int a, int b, int overlap) {
        return this == JACCARD ? 1 - (double) overlap / (a + b - overlap) : 1 - overlap / Math.sqrt((double) a * b);
    }
}
