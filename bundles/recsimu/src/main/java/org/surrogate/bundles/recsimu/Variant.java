package org.surrogate.bundles.recsimu;

/** The simulators of this bundle: RecSimu and the paper's baselines. */
enum Variant {
    /** Random scores. */
    RANDOM("sim-random", "Random feedback (baseline)", "Predicts a uniformly random probability of each feedback type "
            + "(the paper's Random baseline)."),
    /** Logistic regression. */
    LR("sim-lr", "Logistic regression feedback (baseline)", "Multinomial logistic regression on the concatenated "
            + "state items (item embedding and one-hot feedback) and the recommended item's embedding (the paper's "
            + "LR baseline)."),
    /** Supervised GRU. */
    GRU("sim-gru", "GRU feedback classifier (baseline)", "A GRU over the state items and a softmax over feedback "
            + "types for the recommended item, trained by cross-entropy (the paper's GRU baseline)."),
    /** GAN over feedback. */
    GAN("sim-gan", "GAN feedback simulator (baseline)", "A GAN whose generator outputs a feedback distribution for "
            + "(state, action) and whose discriminator tells logged from generated feedback (the paper's GAN "
            + "baseline; no supervised term)."),
    /** GAN over feedback with a supervised term. */
    GAN_S("sim-gan-s", "Supervised GAN feedback simulator (baseline)", "The GAN baseline plus a cross-entropy term on "
            + "the generator's output (the paper's GAN-s baseline, after Luc et al. 2016)."),
    /** The paper's simulator. */
    RECSIMU("recsimu", "RecSimu GAN user simulator", "Zhao et al.'s RecSimu: a generator (GRU encoder, decoder to "
            + "the next item's embedding) and a 2K-class discriminator (K real, K fake feedback classes) trained "
            + "adversarially with supervised terms (Eq. 1-12, Algorithm 1); the discriminator predicts feedback.");

    private final String id;
    private final String title;
    private final String summary;

    Variant(String id, String title, String summary) {
        this.id = id;
        this.title = title;
        this.summary = summary;
    }

    /** @return the plugin id */
    String id() {
        return id;
    }

    /** @return the plugin title */
    String title() {
        return title;
    }

    /** @return what it does */
    String summary() {
        return summary;
    }

    /** @return whether it is a SameDiff network */
    boolean neural() {
        return this == GRU || this == GAN || this == GAN_S || this == RECSIMU;
    }

    /** @return whether it trains adversarially */
    boolean adversarial() {
        return this == GAN || this == GAN_S || this == RECSIMU;
    }
}
