package org.surrogate.bundles.casr;

import java.util.Map;
import java.util.Random;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.param.Params;
import org.surrogate.bundles.sequential.anchor.AnchorRecommender;
import org.surrogate.bundles.sequential.anchor.SequenceAnchor;
import org.surrogate.bundles.sequential.anchor.SequenceAnchors;
import org.surrogate.testkit.RecordingRunContext;

/** Small sequence data with a planted successor chain, and quickly trained sampler and anchor networks. */
final class SamplerFixtures {

    /** 200 users walking 40 items, 10 steps, 80 % strong successor; no timestamps (stored order). */
    static final Dataset WALKS = walks(200, 40, 10, 0.8, 5);

    private static SequenceAnchor sampler;
    private static SequenceAnchor anchor;

    private SamplerFixtures() {
    }

    static Dataset walks(int users, int items, int length, double p, long seed) {
        Random rng = new Random(seed);
        int[] next = new int[items];
        for (int i = 0; i < items; i++) {
            next[i] = rng.nextInt(items);
        }
        DatasetBuilder b = Dataset.builder("walks", users, items);
        for (int u = 0; u < users; u++) {
            int item = rng.nextInt(items);
            for (int t = 0; t < length; t++) {
                b.add(u, item, 1f);
                item = rng.nextDouble() < p ? next[item] : rng.nextInt(items);
            }
        }
        return b.build();
    }

    /** A NARM sampler network trained on {@link #WALKS} (once per test JVM). */
    static synchronized SequenceAnchor sampler() {
        if (sampler == null) {
            sampler = train("narm", 1);
        }
        return sampler;
    }

    /** A SASRec anchor trained on {@link #WALKS} (once per test JVM). */
    static synchronized SequenceAnchor anchor() {
        if (anchor == null) {
            anchor = train("sasrec", 2);
        }
        return anchor;
    }

    private static SequenceAnchor train(String id, long seed) {
        AnchorRecommender rec = SequenceAnchors.create(id);
        Params p = rec.descriptor().params().validate(Map.of("embeddingSize", 16, "hiddenSize", 16, "epochs", 8,
                "learningRate", 0.01, "order", "position", "logEvery", 0), "");
        return rec.fit(WALKS, p, new RecordingRunContext(seed));
    }

    static Params params(CounterfactualSampler s, Map<String, ?> values) {
        return s.descriptor().params().validate(values, "");
    }
}
