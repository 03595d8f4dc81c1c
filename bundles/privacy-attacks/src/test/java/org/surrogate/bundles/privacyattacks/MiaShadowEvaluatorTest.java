package org.surrogate.bundles.privacyattacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.testkit.RecordingRunContext;

class MiaShadowEvaluatorTest {

    private final MiaShadowEvaluator evaluator = new MiaShadowEvaluator();

    private Map<String, Double> attack(Dataset synthetic, Map<String, ?> params) {
        return evaluator.evaluate(AttackFixtures.input(synthetic), AttackFixtures.params(evaluator, params),
                new RecordingRunContext(1)).metrics();
    }

    @Test
    void copyOfTheMembersIsCaught() {
        Map<String, Double> m = attack(AttackFixtures.MEMBERS, Map.of());
        assertTrue(m.get("auc") > 0.95 && m.get("auc.lower") > 0.9, m.toString());
        assertTrue(m.get("coef.dcr") < 0, "a small distance means member: " + m);
        assertEquals(300.0, m.get("members.target"));
        assertEquals(300.0, m.get("nonmembers.target"));
    }

    @Test
    void pureNoiseGivesNoMembershipSignal() {
        for (Dataset synthetic : new Dataset[] {AttackFixtures.noise(7), AttackFixtures.independent(99)}) {
            Map<String, Double> m = attack(synthetic, Map.of());
            assertEquals(0.5, m.get("auc"), 0.07, synthetic.name() + ": " + m);
            assertTrue(m.get("auc.lower") < 0.5 && m.get("auc.upper") > 0.5, synthetic.name() + ": " + m);
        }
    }

    @Test
    void aPartlyCopyingGeneratorIsCaughtInBetween() {
        double auc = attack(AttackFixtures.perturbedMembers(0.6, 3), Map.of("resamples", 0)).get("auc");
        assertTrue(auc > 0.7, "auc " + auc);
    }

    @Test
    void isDeterministicGivenTheSeed() {
        Dataset syn = AttackFixtures.perturbedMembers(0.7, 4);
        assertEquals(attack(syn, Map.of()), attack(syn, Map.of()));
    }

    @Test
    void refusesASplitLeavingTooFewRecords() {
        Dataset three = AttackFixtures.part(AttackFixtures.MEMBERS, 0, 3, "three");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> evaluator.evaluate(
                new EvaluationInput(AttackFixtures.MEMBERS, three, null, AttackFixtures.NON_MEMBERS),
                AttackFixtures.params(evaluator, Map.of()), new RecordingRunContext(1)));
        assertEquals("evaluator 'mia-shadow': shadowFraction 0.5 of 3 members (test) leaves 2 shadow and 1 target "
                + "records; at least 2 of each are needed", e.getMessage());
    }
}
