package org.surrogate.bundles.surveyprotocols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.evaluation.EvaluationResult;
import org.surrogate.api.evaluation.Evaluator;
import org.surrogate.api.generator.Generator;
import org.surrogate.api.generator.GeneratorModel;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;
import org.surrogate.bundles.surveyprotocols.RankingFidelityProtocolTest.FakeTrial;
import org.surrogate.bundles.surveyprotocols.RankingFidelityProtocolTest.Source;
import org.surrogate.bundles.surveyprotocols.RankingFidelityProtocolTest.WholeSplitter;
import org.surrogate.testkit.RecordingRunContext;

/**
 * The augmentation protocol on fakes with a known answer: a recommender that scores 0.5 per user on
 * real data alone and 0.5 + 0.1 × (synthetic share) with synthetic data gives that shift to every
 * user, so the paired tests find it; a generator that adds nothing gives a zero shift and p = 1.
 */
class AugmentationProtocolTest {

    private final AugmentationProtocol protocol = new AugmentationProtocol();

    private static PluginDescriptor describe(String id, PluginKind kind) {
        return new PluginDescriptor(id, kind, id, "A test " + kind.label() + ".", null, ParamSchema.EMPTY);
    }

    /** Copies its reference (the real training part) as the synthetic data. */
    static final class CopyGenerator implements Generator {
        Dataset fittedOn;

        @Override
        public PluginDescriptor descriptor() {
            return describe("copy", PluginKind.GENERATOR);
        }

        @Override
        public GeneratorModel fit(Dataset reference, Params params, RunContext ctx) {
            fittedOn = reference;
            return c -> reference;
        }
    }

    /** A model that remembers how much of its training data was synthetic. */
    record ShareModel(double syntheticShare, int numItems) implements Model {
        @Override
        public void score(int[] users, float[] out) {
        }
    }

    static final class ShareRecommender implements Recommender {
        private final int realUsers;

        ShareRecommender(int realUsers) {
            this.realUsers = realUsers;
        }

        @Override
        public PluginDescriptor descriptor() {
            return describe("share", PluginKind.RECOMMENDER);
        }

        @Override
        public Model fit(Dataset train, Params params, RunContext ctx) {
            int synthetic = 0;
            for (int u = realUsers; u < train.numUsers(); u++) {
                synthetic += train.degree(u);
            }
            return new ShareModel((double) synthetic / train.size(), train.numItems());
        }
    }

    /** Every real user with test items scores 0.5 + 0.1 × the model's synthetic share. */
    static final class ShareEvaluator implements Evaluator {
        @Override
        public PluginDescriptor descriptor() {
            return describe("share-metric", PluginKind.EVALUATOR);
        }

        @Override
        public EvaluationResult evaluate(EvaluationInput input, Params params, RunContext ctx) {
            double v = 0.5 + 0.1 * ((ShareModel) input.model()).syntheticShare();
            int n = 0;
            for (int u = 0; u < input.test().numUsers(); u++) {
                n += input.test().degree(u) > 0 ? 1 : 0;
            }
            int[] users = new int[n];
            double[] values = new double[n];
            int i = 0;
            for (int u = 0; u < input.test().numUsers(); u++) {
                if (input.test().degree(u) > 0) {
                    users[i] = u;
                    values[i++] = v;
                }
            }
            return new EvaluationResult("fake", Map.of("m", v), users, Map.of("m", values));
        }
    }

    @Test
    void aShiftForEveryUserIsFoundAndTheGeneratorNeverSeesTheTestPart() throws Exception {
        CopyGenerator copy = new CopyGenerator();
        FakeTrial t = new FakeTrial(AugmentationProtocol.DESCRIPTOR, Map.of("ratios", List.of(0.0, 1.0), "resamples", 200))
                .with("dataset", new Source(), Map.of(), "real-source")
                .with("split", new HalfSplitter(), Map.of(), "half")
                .with("generators", copy, Map.of(), "copy")
                .with("recommenders", new ShareRecommender(30), Map.of(), "share")
                .with("evaluators", new ShareEvaluator(), Map.of(), "share-metric");
        RecordingRunContext ctx = new RecordingRunContext(5);
        protocol.run(t, ctx);
        assertEquals("real/train", copy.fittedOn.name(), "fitted on the training part only");
        assertEquals(0.5, ctx.results.get("real/share/m"), 1e-12);
        // ratio 1: as many synthetic interactions as real training ones: share 0.5, value 0.55
        assertEquals(0.55, ctx.results.get("copy/share/r1/m"), 1e-9);
        assertEquals(0.05, ctx.results.get("copy/share/r1/m.delta"), 1e-9);
        assertEquals(0.05, ctx.results.get("copy/share/r1/m.delta.lower"), 1e-9);
        assertEquals(0.05, ctx.results.get("copy/share/r1/m.delta.upper"), 1e-9);
        assertTrue(ctx.results.get("copy/share/r1/m.p.wilcoxon") < 1e-4, ctx.results.toString());
        assertEquals(2 * 60, ctx.results.get("copy/r1/interactions"), 1e-9, "60 real training interactions doubled");
        String csv = ctx.artifacts.get("augmentation.csv").toString(StandardCharsets.UTF_8);
        assertTrue(csv.contains("copy,share,1,m,0.550000,0.050000"), csv);
        String values = ctx.artifacts.get("augmentation-copy-m.svg").toString(StandardCharsets.UTF_8);
        assertEquals(2, values.split("class=\"point\"").length - 1, "ratios 0 and 1");
        String deltas = ctx.artifacts.get("augmentation-copy-m-delta.svg").toString(StandardCharsets.UTF_8);
        assertEquals(1, deltas.split("class=\"errorbar\"").length - 1, "the interval of ratio 1 (0 has none)");
    }

    @Test
    void mixAddsWholeSyntheticUsersUntilTheRatioIsReached() {
        Dataset real = RankingFidelityProtocolTest.FakeData.of("real", 30, 10, 4);
        int[] order = new int[30];
        for (int i = 0; i < 30; i++) {
            order[i] = 29 - i;
        }
        Dataset mix = AugmentationProtocol.mix(real, real, order, 0.25, "g");
        assertEquals(30 + 8, mix.numUsers(), "30 interactions at 4 per user: 8 users");
        assertEquals(120 + 32, mix.size());
        assertEquals(real.degree(29), mix.degree(30), "synthetic users come in the given order");
        assertEquals("1", AugmentationProtocol.fmt(1.0));
        assertEquals("0.25", AugmentationProtocol.fmt(0.25));
    }

    /** Users' first half of interactions to train, the rest to test. */
    static final class HalfSplitter implements org.surrogate.api.split.Splitter {
        @Override
        public PluginDescriptor descriptor() {
            return describe("half", PluginKind.SPLITTER);
        }

        @Override
        public List<org.surrogate.api.split.Split> split(Dataset data, Params params, RunContext ctx) {
            var train = Dataset.builder("real/train", data.numUsers(), data.numItems());
            var test = Dataset.builder("real/test", data.numUsers(), data.numItems());
            for (int u = 0; u < data.numUsers(); u++) {
                for (int k = data.begin(u); k < data.end(u); k++) {
                    (k - data.begin(u) < data.degree(u) / 2 ? train : test).add(u, data.item(k), data.value(k));
                }
            }
            return List.of(new org.surrogate.api.split.Split("half", train.build(), null, test.build(), null));
        }
    }

    @Test
    void wilcoxonIgnoresZeroDifferences() {
        double[] d = new double[900];
        for (int i = 0; i < 10; i++) {
            d[i] = i % 2 == 0 ? 0.01 : -0.01; // 10 users change, in both directions; 890 ties
        }
        double p = AugmentationProtocol.wilcoxon(d);
        assertTrue(p > 0.5, "balanced changes among ties are not significant: p = " + p);
        double[] up = new double[900];
        for (int i = 0; i < 40; i++) {
            up[i] = 0.01 + i * 1e-4;
        }
        assertTrue(AugmentationProtocol.wilcoxon(up) < 1e-6, "40 users all better is significant");
        assertEquals(1.0, AugmentationProtocol.wilcoxon(new double[5]), 0);
    }
}
