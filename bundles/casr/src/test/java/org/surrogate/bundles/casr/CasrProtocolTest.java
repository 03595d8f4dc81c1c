package org.surrogate.bundles.casr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetSource;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.protocol.Configured;
import org.surrogate.api.protocol.Trial;
import org.surrogate.api.run.RunContext;
import org.surrogate.bundles.rankingmetrics.RankingMetricsEvaluator;
import org.surrogate.bundles.sequential.anchor.SequenceAnchors;
import org.surrogate.bundles.splitters.LeaveOneOutSplitter;
import org.surrogate.testkit.RecordingRunContext;

/** The protocol end to end on a small planted-chain dataset with tiny networks. */
class CasrProtocolTest {

    /** Loads {@link SamplerFixtures#WALKS}. */
    static final class WalksSource implements DatasetSource {
        @Override
        public PluginDescriptor descriptor() {
            return new PluginDescriptor("walks", PluginKind.DATASET_SOURCE, "walks", "planted chain", null,
                    ParamSchema.EMPTY);
        }

        @Override
        public Dataset load(Params params, RunContext ctx) {
            return SamplerFixtures.walks(120, 30, 8, 0.8, 9);
        }
    }

    /** A trial over fixed slots. */
    static final class FakeTrial implements Trial {
        private final Params params;
        private final Map<String, List<Configured<?>>> slots = new LinkedHashMap<>();

        FakeTrial(Map<String, ?> params) {
            this.params = CasrProtocol.DESCRIPTOR.params().validate(params, "params");
        }

        FakeTrial with(String slot, Plugin plugin, Map<String, ?> values, String label) {
            slots.computeIfAbsent(slot, k -> new ArrayList<>()).add(new Configured<>(plugin,
                    plugin.descriptor().params().validate(values, slot), label));
            return this;
        }

        @Override
        public Params params() {
            return params;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends Plugin> List<Configured<T>> slot(String slot, Class<T> type) {
            List<Configured<T>> out = new ArrayList<>();
            for (Configured<?> c : slots.getOrDefault(slot, List.of())) {
                out.add((Configured<T>) c);
            }
            return out;
        }
    }

    private static final Map<String, Object> NET = Map.of("embeddingSize", 8, "hiddenSize", 8, "epochs", 2,
            "order", "position", "logEvery", 0);

    private static FakeTrial trial() {
        return new FakeTrial(Map.of("resamples", 100, "metrics", "f1@5, ndcg@5"))
                .with("dataset", new WalksSource(), Map.of(), "walks")
                .with("split", new LeaveOneOutSplitter(), Map.of("order", "position"), "loo")
                .with("sampler", SequenceAnchors.create("narm"), NET, "s-narm")
                .with("anchors", SequenceAnchors.create("stamp"), NET, "stamp")
                .with("samplers", new HeuristicSampler(), Map.of(), "h")
                .with("samplers", new DataSampler(), Map.of("steps", 2), "d")
                .with("samplers", new ModelSampler(), Map.of("steps", 2), "m")
                .with("baselines", new NaisRecommender(), Map.of("epochs", 1, "embeddingSize", 4,
                        "attentionSize", 4), "nais")
                .with("evaluators", new RankingMetricsEvaluator(), Map.of("ks", List.of(5)), "rm");
    }

    @Test
    void comparesEachVariantWithThePlainAnchorOverTheSameUsers() throws Exception {
        RecordingRunContext ctx = new RecordingRunContext(1);
        new CasrProtocol().run(trial(), ctx);
        for (String v : List.of("stamp", "H-stamp", "D-stamp", "M-stamp", "baseline/nais")) {
            assertTrue(ctx.results.containsKey(v + "/ndcg@5"), v + " in " + ctx.results.keySet());
        }
        for (String v : List.of("H-stamp", "D-stamp", "M-stamp")) {
            double delta = ctx.results.get(v + "/ndcg@5.delta");
            assertEquals(ctx.results.get(v + "/ndcg@5") - ctx.results.get("stamp/ndcg@5"), delta, 1e-9,
                    "paired over the same users, the mean difference is the difference of the means");
            assertTrue(ctx.results.get(v + "/ndcg@5.delta.lower") <= delta
                    && delta <= ctx.results.get(v + "/ndcg@5.delta.upper"));
            assertTrue(ctx.results.get(v + "/generated") > 0);
        }
        String csv = ctx.artifacts.get("casr.csv").toString(StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("model,anchor,variant,metric,mean,delta"), csv);
        assertEquals(1 + 2 * 5, csv.lines().count(), csv);
        assertEquals(1.0, ctx.progress.get(ctx.progress.size() - 1), 1e-9);
        assertTrue(ctx.facts.containsKey("dataset.checksum") && ctx.facts.containsKey("split"), ctx.facts.toString());
    }

    @Test
    void theSameSamplerTwiceIsNamedByItsLabels() throws Exception {
        FakeTrial t = new FakeTrial(Map.of("resamples", 0, "metrics", "ndcg@5"))
                .with("dataset", new WalksSource(), Map.of(), "walks")
                .with("split", new LeaveOneOutSplitter(), Map.of("order", "position"), "loo")
                .with("sampler", SequenceAnchors.create("narm"), NET, "s-narm")
                .with("anchors", SequenceAnchors.create("stamp"), NET, "stamp")
                .with("samplers", new HeuristicSampler(), Map.of("kappa", 0.0), "H-k0")
                .with("samplers", new HeuristicSampler(), Map.of("kappa", 0.999), "H-k0.999")
                .with("samplers", new DataSampler(), Map.of("steps", 1), "d")
                .with("evaluators", new RankingMetricsEvaluator(), Map.of("ks", List.of(5)), "rm");
        RecordingRunContext ctx = new RecordingRunContext(1);
        new CasrProtocol().run(t, ctx);
        assertTrue(ctx.results.containsKey("H-k0-stamp/ndcg@5") && ctx.results.containsKey("H-k0.999-stamp/ndcg@5")
                && ctx.results.containsKey("D-stamp/ndcg@5"), ctx.results.keySet().toString());
        assertTrue(ctx.results.get("H-k0-stamp/generated") > 0);
        assertEquals(0.0, (double) ctx.results.get("H-k0.999-stamp/generated"), 0.0,
                "a 2-epoch sampler is never that confident");
    }

    @Test
    void sameSeedSameResults() throws Exception {
        RecordingRunContext a = new RecordingRunContext(3);
        RecordingRunContext b = new RecordingRunContext(3);
        new CasrProtocol().run(trial(), a);
        new CasrProtocol().run(trial(), b);
        assertEquals(a.results, b.results);
    }

    @Test
    void refusesANonSequenceAnchorNamingTheSlot() {
        FakeTrial t = trial().with("anchors", new NaisRecommender(), Map.of(), "nais-anchor");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CasrProtocol().run(t, new RecordingRunContext(1)));
        assertEquals("protocol 'casr': slot 'anchors' needs a sequence model that can be probed and trained on "
                + "counterfactual samples (narm, sasrec, stamp, gru4rec); 'nais' is not one", e.getMessage());
    }

    @Test
    void rejectsBadProtocolParametersNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CasrProtocol.DESCRIPTOR.params().validate(Map.of("resamples", -1), "params"));
        assertEquals("params.resamples: expected an integer in [0, 100000], found -1", e.getMessage());
    }
}
