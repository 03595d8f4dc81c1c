package org.surrogate.bundles.privacyattacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.testkit.RecordingRunContext;

class MiaDcrEvaluatorTest {

    private final MiaDcrEvaluator evaluator = new MiaDcrEvaluator();

    private Map<String, Double> attack(Dataset synthetic, Map<String, ?> params) {
        return evaluator.evaluate(AttackFixtures.input(synthetic), AttackFixtures.params(evaluator, params),
                new RecordingRunContext(1)).metrics();
    }

    @Test
    void descriptorDeclaresIdKindAndDefaults() {
        assertEquals("mia-dcr", evaluator.descriptor().id());
        assertEquals(PluginKind.EVALUATOR, evaluator.descriptor().kind());
        var p = AttackFixtures.params(evaluator, Map.of());
        assertEquals("jaccard", p.getString("distance"));
        assertEquals(1000, p.getInt("resamples"));
    }

    @Test
    void copyOfTheMembersIsCaughtAlmostPerfectly() {
        Map<String, Double> m = attack(AttackFixtures.MEMBERS, Map.of());
        assertTrue(m.get("auc") > 0.99, m.toString());
        assertTrue(m.get("auc.lower") > 0.98, m.toString());
        assertEquals(1.0, m.get("dcr.members.exact"));
        assertEquals(0.0, m.get("dcr.members.mean"));
        assertTrue(m.get("advantage") > 0.95, m.toString());
        assertEquals(600.0, m.get("members"));
        assertEquals(600.0, m.get("nonmembers"));
    }

    @Test
    void pureNoiseGivesNoMembershipSignal() {
        for (Dataset synthetic : new Dataset[] {AttackFixtures.noise(7), AttackFixtures.independent(99)}) {
            Map<String, Double> m = attack(synthetic, Map.of());
            assertEquals(0.5, m.get("auc"), 0.05, synthetic.name() + ": " + m);
            assertTrue(m.get("auc.lower") < 0.5 && m.get("auc.upper") > 0.5, synthetic.name() + ": " + m);
        }
    }

    @Test
    void aPartlyCopyingGeneratorLeaksLess() {
        double half = attack(AttackFixtures.perturbedMembers(0.5, 3), Map.of("resamples", 0)).get("auc");
        double most = attack(AttackFixtures.perturbedMembers(0.9, 3), Map.of("resamples", 0)).get("auc");
        assertTrue(half > 0.8 && half > most && most > 0.5, "auc at 50% replaced " + half + ", at 90% " + most);
    }

    @Test
    void cosineDistanceAlsoCatchesACopy() {
        assertTrue(attack(AttackFixtures.MEMBERS, Map.of("distance", "cosine", "resamples", 0)).get("auc") > 0.99);
    }

    @Test
    void writesEveryDistance() {
        RecordingRunContext ctx = new RecordingRunContext(1);
        evaluator.evaluate(AttackFixtures.input(AttackFixtures.MEMBERS),
                AttackFixtures.params(evaluator, Map.of("resamples", 0)), ctx);
        String csv = ctx.artifacts.get("mia-dcr-distances.csv").toString(StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("role,user,distance\nmember,0,0.0\n"), csv.substring(0, 60));
        assertTrue(csv.contains("\nnonmember,600,"));
        assertEquals(1 + 1_200, csv.split("\n").length);
    }

    @Test
    void isDeterministicGivenTheSeed() {
        Dataset syn = AttackFixtures.perturbedMembers(0.7, 4);
        assertEquals(attack(syn, Map.of()), attack(syn, Map.of()));
    }

    @Test
    void needsNonMembersInFoldIn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> evaluator.evaluate(
                new EvaluationInput(AttackFixtures.MEMBERS, AttackFixtures.MEMBERS, null, null),
                AttackFixtures.params(evaluator, Map.of()), new RecordingRunContext(1)));
        assertEquals("evaluator 'mia-dcr' needs the non-members as input foldIn (real users held out of the fit, from "
                + "the same population as the members in input test); none was given", e.getMessage());
    }

    @Test
    void needsOneItemIdSpace() {
        Dataset other = Dataset.builder("other", 1, 5).add(0, 1, 1f).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> evaluator.evaluate(
                AttackFixtures.input(other), AttackFixtures.params(evaluator, Map.of()), new RecordingRunContext(1)));
        assertEquals("evaluator 'mia-dcr': the synthetic (train, 5 items), member (test, 300) and non-member (foldIn, "
                + "300) datasets must share one item id space", e.getMessage());
    }
}
