package org.surrogate.bundles.surveyprotocols;

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
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.data.DatasetSource;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.evaluation.EvaluationResult;
import org.surrogate.api.evaluation.Evaluator;
import org.surrogate.api.generator.Generator;
import org.surrogate.api.generator.GeneratorModel;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.protocol.Configured;
import org.surrogate.api.protocol.Trial;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.split.Split;
import org.surrogate.api.split.Splitter;
import org.surrogate.testkit.RecordingRunContext;

/**
 * The protocol on fake plugins where the right answer is known: an evaluator whose score of a
 * recommender is its declared quality on real or copied data, the opposite on "reversed" data, and
 * an independent random number on "noise" data.
 */
class RankingFidelityProtocolTest {

    private final RankingFidelityProtocol protocol = new RankingFidelityProtocol();

    private static PluginDescriptor describe(String id, PluginKind kind, ParamSchema schema) {
        return new PluginDescriptor(id, kind, id, "A test " + kind.label() + ".", null, schema);
    }

    private static Dataset data(String name) {
        return FakeData.of(name, 30, 10, 4);
    }

    /** Small datasets: user u has items u, u+1, ... (mod the catalogue), with timestamps. */
    static final class FakeData {
        private FakeData() {
        }

        static Dataset of(String name, int users, int items, int perUser) {
            DatasetBuilder b = Dataset.builder(name, users, items);
            for (int u = 0; u < users; u++) {
                for (int k = 0; k < perUser; k++) {
                    b.add(u, (u + k) % items, 1f, 10L * u + k);
                }
            }
            return b.build();
        }
    }

    static final class Source implements DatasetSource {
        @Override
        public PluginDescriptor descriptor() {
            return describe("real-source", PluginKind.DATASET_SOURCE, ParamSchema.EMPTY);
        }

        @Override
        public Dataset load(Params params, RunContext ctx) {
            return data("real");
        }
    }

    /** Makes a dataset named after the generator: copy, reversed or noise. */
    static final class NamedGenerator implements Generator {
        private final String name;

        NamedGenerator(String name) {
            this.name = name;
        }

        @Override
        public PluginDescriptor descriptor() {
            return describe(name, PluginKind.GENERATOR, ParamSchema.EMPTY);
        }

        @Override
        public GeneratorModel fit(Dataset reference, Params params, RunContext ctx) {
            assertEquals("real", reference.name(), "generators are fitted on the real data");
            return c -> data(name);
        }
    }

    static final class WholeSplitter implements Splitter {
        @Override
        public PluginDescriptor descriptor() {
            return describe("whole", PluginKind.SPLITTER, ParamSchema.EMPTY);
        }

        @Override
        public List<Split> split(Dataset data, Params params, RunContext ctx) {
            return List.of(new Split("train = test = all", data, null, data, null));
        }
    }

    /** A recommender whose model carries its declared quality. */
    static final class Quality implements Recommender {
        @Override
        public PluginDescriptor descriptor() {
            return describe("quality", PluginKind.RECOMMENDER,
                    ParamSchema.of(ParamSpec.doubleParam("q").defaultValue(0.0).build()));
        }

        @Override
        public Model fit(Dataset train, Params params, RunContext ctx) {
            return new QualityModel(params.getDouble("q"), train.numItems());
        }
    }

    record QualityModel(double q, int numItems) implements Model {
        @Override
        public void score(int[] users, float[] out) {
        }
    }

    /** Scores the model's quality, reversed or random depending on the data, for every test user. */
    static final class QualityEvaluator implements Evaluator {
        @Override
        public PluginDescriptor descriptor() {
            return describe("quality-metric", PluginKind.EVALUATOR, ParamSchema.EMPTY);
        }

        @Override
        public EvaluationResult evaluate(EvaluationInput input, Params params, RunContext ctx) {
            double q = ((QualityModel) input.model()).q();
            String name = input.test().name();
            double v = switch (name) {
                case "reversed" -> 1 - q;
                case "noise" -> ctx.random("noise " + q).nextDouble();
                default -> q;
            };
            int n = input.test().numUsers();
            int[] users = new int[n];
            double[] values = new double[n];
            for (int u = 0; u < n; u++) {
                users[u] = u;
                values[u] = v;
            }
            return new EvaluationResult("fake: declared quality", Map.of("m", v), users, Map.of("m", values));
        }
    }

    /** A trial over fixed slots. */
    static final class FakeTrial implements Trial {
        private final Params params;
        private final Map<String, List<Configured<?>>> slots = new LinkedHashMap<>();

        FakeTrial(Map<String, ?> params) {
            this(RankingFidelityProtocol.DESCRIPTOR, params);
        }

        FakeTrial(PluginDescriptor protocol, Map<String, ?> params) {
            this.params = protocol.params().validate(params, "params");
        }

        FakeTrial with(String slot, Plugin plugin, Map<String, ?> params, String label) {
            slots.computeIfAbsent(slot, k -> new ArrayList<>()).add(new Configured<>(plugin,
                    plugin.descriptor().params().validate(params, slot), label));
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

    private static FakeTrial trial(String... generators) {
        FakeTrial t = new FakeTrial(Map.of("resamples", 200)).with("dataset", new Source(), Map.of(), "real-source")
                .with("split", new WholeSplitter(), Map.of(), "whole")
                .with("evaluators", new QualityEvaluator(), Map.of(), "quality");
        for (String g : generators) {
            t.with("generators", new NamedGenerator(g), Map.of(), g);
        }
        double[] qualities = {0.1, 0.4, 0.2, 0.3};
        for (int i = 0; i < qualities.length; i++) {
            t.with("recommenders", new Quality(), Map.of("q", qualities[i]), "r" + i);
        }
        return t;
    }

    @Test
    void aCopyOfTheRealDataKeepsTheRankingAndAReversalInvertsIt() throws Exception {
        RecordingRunContext ctx = new RecordingRunContext(7);
        protocol.run(trial("copy", "reversed"), ctx);
        assertEquals(1.0, ctx.results.get("copy/kendall/m"), 1e-12);
        assertEquals(1.0, ctx.results.get("copy/spearman/m"), 1e-12);
        assertEquals(1.0, ctx.results.get("copy/kendall/m.lower"), 1e-12);
        assertEquals(1.0, ctx.results.get("copy/kendall/m.upper"), 1e-12);
        assertEquals(-1.0, ctx.results.get("reversed/kendall/m"), 1e-12);
        assertEquals(-1.0, ctx.results.get("reversed/spearman/m"), 1e-12);
        assertEquals(0.4, ctx.results.get("real/r1/m"), 1e-12);
        assertEquals(0.6, ctx.results.get("reversed/r1/m"), 1e-12);
        String csv = ctx.artifacts.get("ranking-fidelity.csv").toString(StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("generator,recommender,metric,real,synthetic,replicate\n"), csv);
        assertTrue(csv.contains("reversed,r1,m,0.4,0.6,0"), csv);
        String svg = ctx.artifacts.get("ranking-fidelity-scores-m.svg").toString(StandardCharsets.UTF_8);
        assertEquals(8, svg.split("class=\"point\"").length - 1, "4 recommenders x 2 generators");
        String corr = ctx.artifacts.get("ranking-fidelity-correlation.svg").toString(StandardCharsets.UTF_8);
        assertEquals(4, corr.split("class=\"point\"").length - 1, "2 methods x 2 generators");
        String table = ctx.artifacts.get("ranking-fidelity-correlations.csv").toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("copy,m,kendall,1.000000,1.000000,1.000000,users,1"), table);
        assertTrue(ctx.facts.containsKey("dataset.checksum") && ctx.facts.containsKey("generator.copy"), ctx.facts.toString());
    }

    @Test
    void pureNoiseGivesTauNearZeroOnAverage() throws Exception {
        double sum = 0;
        int trials = 150;
        for (int seed = 0; seed < trials; seed++) {
            RecordingRunContext ctx = new RecordingRunContext(seed);
            protocol.run(new FakeTrial(Map.of("resamples", 0))
                    .with("dataset", new Source(), Map.of(), "real-source")
                    .with("split", new WholeSplitter(), Map.of(), "whole")
                    .with("evaluators", new QualityEvaluator(), Map.of(), "quality")
                    .with("generators", new NamedGenerator("noise"), Map.of(), "noise")
                    .with("recommenders", new Quality(), Map.of("q", 0.1), "a")
                    .with("recommenders", new Quality(), Map.of("q", 0.2), "b")
                    .with("recommenders", new Quality(), Map.of("q", 0.3), "c")
                    .with("recommenders", new Quality(), Map.of("q", 0.4), "d"), ctx);
            sum += ctx.results.get("noise/kendall/m");
        }
        // Kendall's tau of 4 items under independence has sd 0.41: the mean of 150 has sd 0.034.
        assertEquals(0.0, sum / trials, 0.12);
    }

    private static FakeTrial replicated(int replicates, String generator) {
        return new FakeTrial(Map.of("resamples", 300, "replicates", replicates))
                .with("dataset", new Source(), Map.of(), "real-source")
                .with("split", new WholeSplitter(), Map.of(), "whole")
                .with("evaluators", new QualityEvaluator(), Map.of(), "quality")
                .with("generators", new NamedGenerator(generator), Map.of(), generator)
                .with("recommenders", new Quality(), Map.of("q", 0.1), "a")
                .with("recommenders", new Quality(), Map.of("q", 0.2), "b")
                .with("recommenders", new Quality(), Map.of("q", 0.3), "c")
                .with("recommenders", new Quality(), Map.of("q", 0.4), "d");
    }

    @Test
    void aCopyGivesTauOneOverSeedsWithAnIntervalOfOne() throws Exception {
        RecordingRunContext ctx = new RecordingRunContext(5);
        protocol.run(replicated(3, "copy"), ctx);
        for (String method : List.of("kendall", "spearman")) {
            assertEquals(1.0, ctx.results.get("copy/" + method + "/m"), 1e-12);
            assertEquals(1.0, ctx.results.get("copy/" + method + "/m.lower"), 1e-12);
            assertEquals(1.0, ctx.results.get("copy/" + method + "/m.upper"), 1e-12);
            assertEquals(1.0, ctx.results.get("copy/" + method + "/m.rep2"), 1e-12);
            assertEquals(1.0, ctx.results.get("copy/" + method + "/m.users.lower"), 1e-12);
        }
        assertTrue(ctx.facts.get("replicates").startsWith("3 seeds"), ctx.facts.toString());
        String table = ctx.artifacts.get("ranking-fidelity-correlations.csv").toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("copy,m,kendall,1.000000,1.000000,1.000000,seeds,3"), table);
    }

    @Test
    void pureNoiseOverSeedsGivesTauNearZeroAndIntervalsThatCoverIt() throws Exception {
        double sum = 0;
        int covered = 0;
        int trials = 60;
        for (int seed = 0; seed < trials; seed++) {
            RecordingRunContext ctx = new RecordingRunContext(1000 + seed);
            protocol.run(replicated(5, "noise"), ctx);
            sum += ctx.results.get("noise/kendall/m");
            covered += ctx.results.get("noise/kendall/m.lower") <= 0 && ctx.results.get("noise/kendall/m.upper") >= 0
                    ? 1 : 0;
            if (seed == 0) {
                java.util.Set<Double> perSeed = new java.util.HashSet<>();
                for (int r = 0; r < 5; r++) {
                    perSeed.add(ctx.results.get("noise/kendall/m.rep" + r));
                }
                assertTrue(perSeed.size() > 1, "each replicate draws its own noise: " + perSeed);
            }
        }
        // Under independence the tau of 4 means has sd 0.41: the mean of 60 has sd 0.053.
        assertEquals(0.0, sum / trials, 0.16);
        // A bootstrap over only 5 seeds undercovers, but a noise ordering must not look like a stable one.
        assertTrue(covered >= trials * 0.6, covered + " of " + trials + " seed intervals contain 0");
    }

    @Test
    void replicatesAreDeterministic() throws Exception {
        RecordingRunContext a = new RecordingRunContext(8);
        RecordingRunContext b = new RecordingRunContext(8);
        protocol.run(replicated(3, "noise"), a);
        protocol.run(replicated(3, "noise"), b);
        assertEquals(a.results, b.results);
    }

    @Test
    void anUnknownMetricIsRefusedByName() {
        FakeTrial t = new FakeTrial(Map.of("metrics", "ndcg@10"))
                .with("dataset", new Source(), Map.of(), "real-source")
                .with("split", new WholeSplitter(), Map.of(), "whole")
                .with("evaluators", new QualityEvaluator(), Map.of(), "quality")
                .with("generators", new NamedGenerator("copy"), Map.of(), "copy")
                .with("recommenders", new Quality(), Map.of("q", 0.1), "a")
                .with("recommenders", new Quality(), Map.of("q", 0.2), "b");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> protocol.run(t, new RecordingRunContext(1)));
        assertTrue(e.getMessage().contains("params.metrics") && e.getMessage().contains("ndcg@10")
                && e.getMessage().contains("report: m"), e.getMessage());
    }

    @Test
    void sameSeedSameNumbers() throws Exception {
        RecordingRunContext a = new RecordingRunContext(3);
        RecordingRunContext b = new RecordingRunContext(3);
        protocol.run(trial("copy", "noise"), a);
        protocol.run(trial("copy", "noise"), b);
        assertEquals(a.results, b.results);
    }
}
