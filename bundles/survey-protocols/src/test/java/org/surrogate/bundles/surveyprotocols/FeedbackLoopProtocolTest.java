package org.surrogate.bundles.surveyprotocols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.generator.Generator;
import org.surrogate.api.generator.GeneratorModel;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;
import org.surrogate.bundles.knownpreference.KnownPreferenceGenerator;
import org.surrogate.bundles.neighborhood.RandomRecommender;
import org.surrogate.bundles.popularity.PopularityRecommender;
import org.surrogate.bundles.surveyprotocols.RankingFidelityProtocolTest.FakeTrial;
import org.surrogate.testkit.RecordingRunContext;

/**
 * The feedback loop in a real known-preference world: an oracle that recommends by the true
 * preferences gives users more true utility than random slates; popularity shows a narrower part
 * of the catalogue than random and concentrates the logged data.
 */
class FeedbackLoopProtocolTest {

    private static final Map<String, Object> WORLD = Map.of("numUsers", 150, "numItems", 120, "sessionLength", 5);

    /** Recommends by the world's true preferences (the same world: same parameters and seed). */
    static final class Oracle implements Recommender {
        @Override
        public PluginDescriptor descriptor() {
            return new PluginDescriptor("oracle", PluginKind.RECOMMENDER, "Oracle", "Scores by the truth.", null,
                    ParamSchema.EMPTY);
        }

        @Override
        public Model fit(Dataset train, Params params, RunContext ctx) {
            Generator g = new KnownPreferenceGenerator();
            return g.fit(null, g.descriptor().params().validate(WORLD, "world"), ctx).truePreferences()
                    .orElseThrow();
        }
    }

    private static FakeTrial trial(int rounds) {
        return trial(rounds, "session");
    }

    private static FakeTrial trial(int rounds, String policy) {
        Generator world = new KnownPreferenceGenerator();
        return new FakeTrial(FeedbackLoopProtocol.DESCRIPTOR, Map.of("rounds", rounds, "policy", policy))
                .with("world", world, WORLD, "world")
                .with("recommenders", new Oracle(), Map.of(), "oracle")
                .with("recommenders", new RandomRecommender(), Map.of(), "random")
                .with("recommenders", new PopularityRecommender(), Map.of(), "popularity");
    }

    @Test
    void theOracleGivesMoreTrueUtilityAndPopularityNarrowsTheCatalogue() throws Exception {
        RecordingRunContext ctx = new RecordingRunContext(11);
        new FeedbackLoopProtocol().run(trial(3), ctx);
        Map<String, Double> r = ctx.results;
        assertTrue(r.get("oracle/true-utility") > r.get("random/true-utility") + 0.1, r.toString());
        assertTrue(r.get("oracle/true-utility-chosen") > r.get("random/true-utility-chosen"), r.toString());
        assertTrue(r.get("popularity/coverage") < r.get("random/coverage"), r.toString());
        assertTrue(r.get("popularity/entropy") < r.get("random/entropy"), r.toString());
        assertTrue(r.get("random/coverage") > 0.9, r.toString());
        assertEquals(3, ctx.metrics.get("oracle/true-utility").size(), "one point per round");
        assertTrue(ctx.artifacts.containsKey("feedback-loop.csv"));
        for (String curve : List.of("true-utility", "gini", "coverage")) {
            String svg = ctx.artifacts.get("feedback-loop-" + curve + ".svg").toString(StandardCharsets.UTF_8);
            assertEquals(9, svg.split("class=\"point\"").length - 1, curve + ": 3 recommenders x 3 rounds");
            assertTrue(svg.contains(">oracle</text>"), "legend");
        }
    }

    @Test
    void theBatchPolicyKeepsTheKnownAnswers() throws Exception {
        RecordingRunContext ctx = new RecordingRunContext(11);
        new FeedbackLoopProtocol().run(trial(3, "batch"), ctx);
        Map<String, Double> r = ctx.results;
        assertTrue(r.get("oracle/true-utility") > r.get("random/true-utility") + 0.1, r.toString());
        assertTrue(r.get("popularity/coverage") < r.get("random/coverage"), r.toString());
        assertEquals("batch", ctx.facts.get("policy"));
    }

    @Test
    void sameSeedSameCurves() throws Exception {
        RecordingRunContext a = new RecordingRunContext(4);
        RecordingRunContext b = new RecordingRunContext(4);
        new FeedbackLoopProtocol().run(trial(2), a);
        new FeedbackLoopProtocol().run(trial(2), b);
        assertEquals(a.results, b.results);
    }

    @Test
    void aWorldWithoutGroundTruthIsRefusedByName() {
        Generator blind = new Generator() {
            @Override
            public PluginDescriptor descriptor() {
                return new PluginDescriptor("blind", PluginKind.GENERATOR, "Blind", "No ground truth.", null,
                        ParamSchema.EMPTY);
            }

            @Override
            public GeneratorModel fit(Dataset reference, Params params, RunContext ctx) {
                return c -> Dataset.builder("x", 1, 1).add(0, 0, 1f).build();
            }
        };
        FakeTrial t = new FakeTrial(FeedbackLoopProtocol.DESCRIPTOR, Map.of())
                .with("world", blind, Map.of(), "blind")
                .with("recommenders", new RandomRecommender(), Map.of(), "random");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FeedbackLoopProtocol().run(t, new RecordingRunContext(1)));
        assertTrue(e.getMessage().contains("'blind' does not know its true preferences"), e.getMessage());
    }
}
