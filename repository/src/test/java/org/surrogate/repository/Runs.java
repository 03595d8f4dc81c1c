package org.surrogate.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small, hand-made set of runs whose query answers and facet counts are worked out by hand. */
final class Runs {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private Runs() {
    }

    static RunRecord.Builder run(String id, String protocol, String status, String user, int day) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("protocol", protocol);
        spec.put("seed", 42);
        return RunRecord.builder(id)
                .experimentId("exp-" + protocol)
                .protocol(protocol)
                .status(RunStatus.valueOf(status))
                .user(user)
                .seed(42)
                .fingerprint("fp-" + protocol)
                .spec(spec)
                .environment(Map.of("java", "17"))
                .created(T0.plusSeconds(86_400L * day));
    }

    static PluginUse plugin(String slot, String id) {
        return new PluginUse(slot, id, "1.0.0", "org.surrogate." + id, null);
    }

    /**
     * Six runs:
     * <pre>
     * id  protocol          status     user   plugins (slot)                       tags               ndcg@10
     * r1  holdout           SUCCEEDED  alice  ml100k(dataset) als(recommenders)     nightly, baseline  0.35
     * r2  holdout           FAILED     bob    ml100k(dataset) bpr                   nightly            0.25
     * r3  holdout           SUCCEEDED  alice  ml1m(dataset) ease                    -                  0.41
     * r4  fidelity-privacy  SUCCEEDED  carol  known-preference(data) als            privacy            0.30
     * r5  holdout           RUNNING    bob    ml100k(dataset) als bpr               nightly            -
     * r6  sim-accuracy      CANCELLED  alice  lastfm(dataset) item-cosine           baseline           0.50
     * </pre>
     */
    static List<RunRecord> six() {
        List<RunRecord> runs = new ArrayList<>();
        runs.add(run("r1", "holdout", "SUCCEEDED", "alice", 1)
                .plugin(plugin("dataset", "ml100k")).plugin(plugin("recommenders", "als"))
                .tags(List.of("nightly", "baseline")).description("ALS on MovieLens 100K")
                .param("als.factors", 64).param("als.reg", 0.01).param("loss", "wals")
                .metric("ndcg@10", 0.35).metric("recall@20", 0.5)
                .ended(T0.plusSeconds(86_400L + 600)).build());
        runs.add(run("r2", "holdout", "FAILED", "bob", 2)
                .plugin(plugin("dataset", "ml100k")).plugin(plugin("recommenders", "bpr"))
                .tags(List.of("nightly")).description("BPR, diverged").message("loss became NaN at epoch 3")
                .param("bpr.factors", 32).param("loss", "bpr")
                .metric("ndcg@10", 0.25).build());
        runs.add(run("r3", "holdout", "SUCCEEDED", "alice", 3)
                .plugin(plugin("dataset", "ml1m")).plugin(plugin("recommenders", "ease"))
                .description("EASE on MovieLens 1M").param("ease.lambda", 500.0)
                .metric("ndcg@10", 0.41).build());
        runs.add(run("r4", "fidelity-privacy", "SUCCEEDED", "carol", 4)
                .plugin(plugin("data", "known-preference")).plugin(plugin("recommenders", "als"))
                .tags(List.of("privacy")).description("epsilon sweep").param("privacy.epsilon", 1.0)
                .param("als.factors", 128).metric("ndcg@10", 0.30).build());
        runs.add(run("r5", "holdout", "RUNNING", "bob", 5)
                .plugin(plugin("dataset", "ml100k")).plugin(plugin("recommenders", "als"))
                .plugin(plugin("recommenders", "bpr")).tags(List.of("nightly"))
                .description("two recommenders, still running").build());
        runs.add(run("r6", "sim-accuracy", "CANCELLED", "alice", 6)
                .plugin(plugin("dataset", "lastfm")).plugin(plugin("recommenders", "item-cosine"))
                .tags(List.of("baseline")).description("Cosine baseline on Last.fm")
                .metric("ndcg@10", 0.50).build());
        return runs;
    }

    static Map<String, List<double[]>> curve(String metric, double... values) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new double[] {i + 1, values[i]});
        }
        return Map.of(metric, points);
    }
}
