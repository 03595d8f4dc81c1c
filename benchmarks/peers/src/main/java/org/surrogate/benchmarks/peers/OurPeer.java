package org.surrogate.benchmarks.peers;

import java.util.Map;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.testkit.RecordingRunContext;

/** One of our recommenders, called directly as a Java object (no OSGi). */
final class OurPeer implements Peer {

    private final Recommender recommender;
    private final String family;
    private final Map<String, ?> values;
    private final long seed;
    private final String label;

    OurPeer(Recommender recommender, String family, Map<String, ?> values, long seed) {
        this(recommender, family, values, seed, null);
    }

    /** As the other constructor, with {@code label} shown as the algorithm instead of the plugin id. */
    OurPeer(Recommender recommender, String family, Map<String, ?> values, long seed, String label) {
        this.label = label;
        this.recommender = recommender;
        this.family = family;
        this.values = values;
        this.seed = seed;
    }

    @Override
    public String library() {
        return "Surrogate";
    }

    @Override
    public String algorithm() {
        return label != null ? label : recommender.descriptor().id();
    }

    @Override
    public String family() {
        return family;
    }

    @Override
    public String settings() {
        StringBuilder s = new StringBuilder();
        params().asMap().forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return s + "; run seed " + seed;
    }

    private Params params() {
        return recommender.descriptor().params().validate(values, "");
    }

    @Override
    public Trained train(Dataset train) {
        Model model = recommender.fit(train, params(), new RecordingRunContext(seed));
        return () -> ScoreMatrix.of(model, train.numUsers());
    }
}
