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
            int[] users = java.util.stream.IntStream.range(0, input.test().numUsers())
                    .filter(u -> input.test().degree(u) > 0).toArray();
            double[] values = new double[users.length];
            java.util.Arrays.fill(values, v);
            return new EvaluationResult("fake", Map.of("m", v), users, Map.of("m", values));
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

    /** A population with latent preferences: 600 users, 300 items, 20 interactions each. */
    static final class LatentSource implements org.surrogate.api.data.DatasetSource {
        @Override
        public PluginDescriptor descriptor() {
            return new PluginDescriptor("latent-source", PluginKind.DATASET_SOURCE, "Latent", "Latent data.", null,
                    ParamSchema.EMPTY);
        }

        @Override
        public Dataset load(Params params, RunContext ctx) {
            return new org.surrogate.testkit.LatentData(600, 300, 20, 0, 0.8, 2.0, 5).train;
        }
    }

    /**
     * The sanity test of the attacks in the protocol, with the real randomized-response mechanism and the
     * real attacks: against the members' data released as is, membership is plain (AUC near 1); under
     * strong noise (epsilon 0.1: almost half of every row is random) it is close to a coin flip.
     */
    @Test
    void attacksWinWithoutProtectionAndFailUnderStrongNoise() throws Exception {
        FakeTrial t = new FakeTrial(PrivacyFidelityProtocol.DESCRIPTOR, Map.of("budgets", List.of(0.1, 10.0),
                "resamples", 200, "nonMemberFraction", 0.3))
                .with("dataset", new LatentSource(), Map.of(), "latent")
                .with("privacy", new org.surrogate.bundles.privacy.RandomizedResponse(), Map.of(), "rr")
                .with("split", new AugmentationProtocolTest.HalfSplitter(), Map.of(), "half")
                .with("evaluators", new TrainNameEvaluator(), Map.of(), "eval")
                .with("attacks", new org.surrogate.bundles.privacyattacks.MiaDcrEvaluator(), Map.of("resamples", 200),
                        "dcr")
                .with("attacks", new org.surrogate.bundles.privacyattacks.MiaShadowEvaluator(),
                        Map.of("resamples", 200), "shadow");
        t.with("recommenders", new Quality(), Map.of("q", 0.1), "a").with("recommenders", new Quality(),
                Map.of("q", 0.2), "b");
        RecordingRunContext ctx = new RecordingRunContext(11);
        new PrivacyFidelityProtocol().run(t, ctx);
        assertEquals(420.0, ctx.results.get("members"), 1e-12);
        assertEquals(180.0, ctx.results.get("nonmembers"), 1e-12);
        for (String attack : List.of("dcr", "shadow")) {
            double open = ctx.results.get("none/attack/" + attack + "/auc");
            double noisy = ctx.results.get("eps0.1/attack/" + attack + "/auc");
            assertTrue(open > 0.9 && ctx.results.get("none/attack/" + attack + "/auc.lower") > 0.85,
                    attack + " unprotected: " + open);
            assertEquals(0.5, noisy, 0.08, attack + " at epsilon 0.1");
            assertTrue(ctx.results.get("eps0.1/attack/" + attack + "/auc.lower") < 0.5 + 0.02
                    && ctx.results.get("eps0.1/attack/" + attack + "/auc.upper") > 0.5 - 0.02, attack + " interval");
            assertTrue(ctx.results.get("eps10/attack/" + attack + "/auc") > noisy, attack + ": more leak at eps 10");
        }
        String summary = ctx.artifacts.get("privacy-summary.csv").toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(summary.startsWith("point,budget,epsilon,delta,kendall/m,kendall/m.lower,"), summary);
        assertTrue(summary.contains("attack/dcr/auc,attack/dcr/auc.lower,attack/dcr/auc.upper"), summary);
        String auc = ctx.artifacts.get("privacy-attack-auc.svg").toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(4, auc.split("class=\"point\"").length - 1, "2 attacks x 2 budgets");
        assertTrue(ctx.artifacts.containsKey("privacy-frontier-fidelity.svg")
                && ctx.artifacts.containsKey("privacy-frontier-accuracy.svg"), ctx.artifacts.keySet().toString());
        assertTrue(ctx.facts.get("membership").startsWith("user-level"), ctx.facts.toString());
    }

    @Test
    void membersAndNonMembersAreDisjointSeededAndCoverTheUsers() {
        Dataset train = RankingFidelityProtocolTest.FakeData.of("train", 50, 10, 3);
        Dataset test = RankingFidelityProtocolTest.FakeData.of("test", 50, 10, 1);
        MembershipSplit a = MembershipSplit.holdOut(train, test, 0.2, new java.util.Random(3), "f");
        MembershipSplit b = MembershipSplit.holdOut(train, test, 0.2, new java.util.Random(3), "f");
        assertEquals(40, a.members());
        assertEquals(10, a.nonMembers());
        assertTrue(java.util.Arrays.equals(a.isMember(), b.isMember()), "same seed, same split");
        for (int u = 0; u < 50; u++) {
            boolean m = a.isMember()[u];
            assertEquals(m ? 3 : 0, a.memberTrain().degree(u));
            assertEquals(m ? 0 : 3, a.nonMemberTrain().degree(u));
            assertEquals(m ? 1 : 0, a.memberTest().degree(u));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MembershipSplit.holdOut(
                RankingFidelityProtocolTest.FakeData.of("one", 1, 10, 3), test, 0.2, new java.util.Random(1),
                "params.nonMemberFraction"));
        assertEquals("params.nonMemberFraction: a membership split needs at least 2 users with training "
                + "interactions, found 1", e.getMessage());
    }

    @Test
    void rankingFidelityHasAPairedIntervalOverUsers() throws Exception {
        RecordingRunContext ctx = new RecordingRunContext(2);
        new PrivacyFidelityProtocol().run(trial(Map.of("budgets", List.of(0.5, 2.0), "resamples", 100)), ctx);
        // Every user gives the same value, so every replicate orders the recommenders alike.
        assertEquals(1.0, ctx.results.get("eps2/kendall/m.lower"), 1e-12);
        assertEquals(-1.0, ctx.results.get("eps0.5/kendall/m.upper"), 1e-12);
    }

    @Test
    void anUnknownBudgetParameterIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PrivacyFidelityProtocol()
                .run(trial(Map.of("budgetParam", "rho")), new RecordingRunContext(1)));
        assertTrue(e.getMessage().contains("params.budgetParam") && e.getMessage().contains("'rho'"), e.getMessage());
    }
}
