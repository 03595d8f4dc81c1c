package org.surrogate.bundles.surveyprotocols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.evaluation.EvaluationResult;
import org.surrogate.api.evaluation.Evaluator;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.privacy.PrivacyGuarantee;
import org.surrogate.api.privacy.PrivacyMechanism;
import org.surrogate.api.run.RunContext;
import org.surrogate.bundles.surveyprotocols.RankingFidelityProtocolTest.FakeTrial;
import org.surrogate.bundles.surveyprotocols.RankingFidelityProtocolTest.Quality;
import org.surrogate.bundles.surveyprotocols.RankingFidelityProtocolTest.QualityModel;
import org.surrogate.bundles.surveyprotocols.RankingFidelityProtocolTest.Source;
import org.surrogate.testkit.RecordingRunContext;

/**
 * Fidelity against privacy on fakes with a known answer: a mechanism that keeps the data at a large
 * budget (the ordering survives: tau 1) and reverses what the recommenders learn at a small one
 * (tau -1).
 */
class PrivacyFidelityProtocolTest {

    /** Renames the training data by budget: "clean" from epsilon 1 up, "scrambled" below. */
    static final class FakeMechanism implements PrivacyMechanism {
        @Override
        public PluginDescriptor descriptor() {
            return new PluginDescriptor("fake-dp", PluginKind.PRIVACY_MECHANISM, "Fake", "Renames by budget.", null,
                    ParamSchema.of(ParamSpec.doubleParam("epsilon").defaultValue(1.0).greaterThan(0).build()));
        }

        @Override
        public PrivacyGuarantee guarantee(Params params) {
            return new PrivacyGuarantee(params.getDouble("epsilon"), 0, "fake: per interaction");
        }

        @Override
        public Dataset apply(Dataset data, Params params, RunContext ctx) {
            String name = params.getDouble("epsilon") >= 1 ? "clean" : "scrambled";
            DatasetBuilder b = Dataset.builder(name, data.numUsers(), data.numItems());
            for (int u = 0; u < data.numUsers(); u++) {
                for (int k = data.begin(u); k < data.end(u); k++) {
                    b.add(u, data.item(k), data.value(k));
                }
            }
            return b.build();
        }
    }

    /** The model's quality when trained on real or clean data, its reverse on scrambled data. */
    static final class TrainNameEvaluator implements Evaluator {
        @Override
        public PluginDescriptor descriptor() {
            return new PluginDescriptor("train-name", PluginKind.EVALUATOR, "TrainName", "By training data.", null,
                    ParamSchema.EMPTY);
        }

        @Override
        public EvaluationResult evaluate(EvaluationInput input, Params params, RunContext ctx) {
            double q = ((QualityModel) input.model()).q();
            double v = "scrambled".equals(input.train().name()) ? 1 - q : q;
            return new EvaluationResult("fake", Map.of("m", v), new int[0], Map.of());
        }
    }

    private static FakeTrial trial(Map<String, ?> params) {
        FakeTrial t = new FakeTrial(PrivacyFidelityProtocol.DESCRIPTOR, params)
                .with("dataset", new Source(), Map.of(), "real-source")
                .with("privacy", new FakeMechanism(), Map.of(), "dp")
                .with("split", new AugmentationProtocolTest.HalfSplitter(), Map.of(), "half")
                .with("evaluators", new TrainNameEvaluator(), Map.of(), "eval");
        double[] q = {0.1, 0.4, 0.2, 0.3};
        for (int i = 0; i < q.length; i++) {
            t.with("recommenders", new Quality(), Map.of("q", q[i]), "r" + i);
        }
        return t;
    }

    @Test
    void rankingFidelitySurvivesALargeBudgetAndNotASmallOne() throws Exception {
        RecordingRunContext ctx = new RecordingRunContext(2);
        new PrivacyFidelityProtocol().run(trial(Map.of("budgets", List.of(0.5, 2.0))), ctx);
        assertEquals(1.0, ctx.results.get("eps2/kendall/m"), 1e-12);
        assertEquals(-1.0, ctx.results.get("eps0.5/kendall/m"), 1e-12);
        assertEquals(0.5, ctx.results.get("eps0.5/epsilon"), 1e-12);
        assertEquals(0.4, ctx.results.get("none/r1/m"), 1e-12);
        assertEquals(0.6, ctx.results.get("eps0.5/r1/m"), 1e-12);
        assertTrue(ctx.artifacts.containsKey("privacy-frontier.csv"));
        assertEquals(2, ctx.metrics.get("kendall/m").size(), "a curve over the budgets");
    }

    @Test
    void anUnknownBudgetParameterIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PrivacyFidelityProtocol()
                .run(trial(Map.of("budgetParam", "rho")), new RecordingRunContext(1)));
        assertTrue(e.getMessage().contains("params.budgetParam") && e.getMessage().contains("'rho'"), e.getMessage());
    }
}
