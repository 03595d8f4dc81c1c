package org.surrogate.framework.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.framework.trials.SlotBinding;
import org.surrogate.framework.trials.TrialRequest;

class ExperimentExpanderTest {

    private static final String BASE = """
            name: t
            protocol: {plugin: holdout}
            slots:
              dataset: [{plugin: movielens-100k, params: {path: u.data}}]
              split: [{plugin: random-holdout}]
              recommenders: [{plugin: popularity}, {plugin: als, params: {regularization: 0.5}}]
              evaluators: [{plugin: ranking-metrics}]
            """;

    private static List<TrialRequest> expand(String extra) {
        return ExperimentExpander.expand(ExperimentSpecs.parse(BASE + extra, "t.yaml"), FakeRegistry.standard());
    }

    @Test
    void expandsGridTimesSeedsInDocumentedOrder() {
        List<TrialRequest> trials = expand("""
                grid:
                  slots.recommenders[1].params.factors: [8, 16]
                  slots.split[0].params.testFraction: {from: 0.1, to: 0.3, step: 0.1}
                seeds: [7, 8]
                """);
        assertEquals(12, trials.size());
        StringBuilder order = new StringBuilder();
        for (TrialRequest t : trials) {
            order.append(t.slots().get("recommenders").get(1).params().get("factors")).append('/')
                    .append(t.slots().get("split").get(0).params().get("testFraction")).append('/')
                    .append(t.seed()).append(' ');
        }
        assertEquals("8/0.1/7 8/0.1/8 8/0.2/7 8/0.2/8 8/0.3/7 8/0.3/8 "
                + "16/0.1/7 16/0.1/8 16/0.2/7 16/0.2/8 16/0.3/7 16/0.3/8 ", order.toString());
    }

    @Test
    void substitutesIntoTheRightBindingOnly() {
        TrialRequest t = expand("grid:\n  slots.recommenders[1].params.factors: [32]\n").get(0);
        assertEquals(List.of(SlotBinding.of("popularity"),
                new SlotBinding("als", Map.of("regularization", 0.5, "factors", 32), null)),
                t.slots().get("recommenders"));
        assertEquals(List.of(new SlotBinding("random-holdout", Map.of(), null)), t.slots().get("split"));
        assertEquals("holdout", t.protocol());
        assertEquals(0L, t.seed());
    }

    @Test
    void samplingIsDeterministicPerSamplingSeed() {
        String grid = "grid:\n  slots.recommenders[1].params.regularization: {logUniform: [0.001, 10]}\n"
                + "  slots.recommenders[1].params.factors: {uniform: [8, 64]}\nsamples: 5\nsamplingSeed: ";
        List<TrialRequest> a = expand(grid + "3\n");
        List<TrialRequest> b = expand(grid + "3\n");
        List<TrialRequest> c = expand(grid + "4\n");
        assertEquals(5, a.size());
        assertEquals(a, b);
        assertNotEquals(a, c);
        for (TrialRequest t : a) {
            Map<String, Object> p = t.slots().get("recommenders").get(1).params();
            double reg = (Double) p.get("regularization");
            int factors = (Integer) p.get("factors");
            assertEquals(true, reg >= 0.001 && reg < 10, "regularization " + reg);
            assertEquals(true, factors >= 8 && factors <= 64, "factors " + factors);
        }
    }

    @Test
    void reportsEveryProblemAtOnce() {
        ExperimentSpec spec = ExperimentSpecs.parse("""
                name: bad
                protocol: {plugin: holdout}
                slots:
                  dataset: [{plugin: movielens-100k}]
                  split: [{plugin: als}]
                  recommenders: [{plugin: nope}, {plugin: als, versionRange: "[2.0,3.0)", params: {factorz: 3}}]
                  extra: [{plugin: popularity}]
                grid:
                  slots.recommenders[1].params.factors: [8, 16, -3]
                  slots.recommenders[5].params.factors: [1]
                  slots.evaluators[0].params.ks: [[10]]
                  params.x: [1]
                  foo: [1]
                seeds: []
                """, "bad.yaml");
        InvalidParamsException e = assertThrows(InvalidParamsException.class,
                () -> ExperimentExpander.expand(spec, FakeRegistry.standard()));
        assertEquals(List.of(
                "slots.evaluators: protocol 'holdout' needs at least 1 evaluators, found 0",
                "slots.dataset[0].params.path: required, expected a string",
                "slots.split[0].plugin: 'als' is a recommender, slot 'split' takes splitters",
                "slots.recommenders[0].plugin: no plugin 'nope' is installed; installed recommenders: "
                        + "als, bpr, ease, item-knn, popularity",
                "slots.recommenders[1].versionRange: plugin 'als' is installed in version 1.2.0, outside [2.0,3.0)",
                "slots.recommenders[1].params.factorz: unknown parameter; accepted: factors, regularization",
                "slots.extra: protocol 'holdout' has no such slot; it has: data, dataset, split, recommenders, "
                        + "evaluators",
                "grid.slots.recommenders[1].params.factors[2]: expected an integer in [1, 10000], found -3",
                "grid.slots.recommenders[5].params.factors: slot 'recommenders' has 2 plugins, index 5 is out of range",
                "grid.slots.evaluators[0].params.ks: the spec has no slot 'evaluators'; it has: dataset, split, "
                        + "recommenders, extra",
                "grid.params.x: plugin 'holdout' has no parameter 'x'; accepted: none",
                "grid.foo: not a parameter path; expected params.NAME or slots.SLOT[INDEX].params.NAME",
                "seeds: expected at least one seed, found an empty list; omit it for [0]"), e.problems());
    }

    @Test
    void reportsUnknownProtocol() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class, () -> ExperimentExpander.expand(
                ExperimentSpecs.parse("name: x\nprotocol: {plugin: als}\n", "p.yaml"), FakeRegistry.standard()));
        assertEquals(List.of("protocol.plugin: 'als' is a recommender, not a protocol; installed protocols: holdout"),
                e.problems());
    }

    @Test
    void refusesTooManyTrialsNamingTheCount() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class, () -> expand("""
                grid:
                  slots.recommenders[1].params.factors: {from: 1, to: 10000, step: 1}
                  slots.recommenders[1].params.regularization: {from: 0, to: 10, step: 1}
                seeds: [1, 2]
                """));
        assertEquals(List.of("grid: the spec expands to 220000 trials, above the limit of 100000; shrink the grid, "
                + "the samples or the seeds"), e.problems());
    }

    @Test
    void requiresSamplesForRandomAxes() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class,
                () -> expand("grid:\n  slots.recommenders[1].params.regularization: {uniform: [0, 1]}\n"));
        assertEquals(List.of("samples: required when the grid has uniform or logUniform axes, expected an integer "
                + ">= 1, found 0"), e.problems());
    }

    @Test
    void exampleSpecsParseAndExpand() throws IOException {
        Path dir = Path.of("..", "examples", "specs");
        ExperimentSpec ml = ExperimentSpecs.parse(Files.readString(dir.resolve("ml100k-baselines.yaml")),
                "ml100k-baselines.yaml");
        List<TrialRequest> mlTrials = ExperimentExpander.expand(ml, FakeRegistry.standard());
        assertEquals(9, mlTrials.size());
        assertEquals(128, mlTrials.get(8).slots().get("recommenders").get(3).params().get("factors"));
        ExperimentSpec kp = ExperimentSpecs.parse(Files.readString(dir.resolve("known-preference-grid.yaml")),
                "known-preference-grid.yaml");
        List<TrialRequest> kpTrials = ExperimentExpander.expand(kp, FakeRegistry.standard());
        assertEquals(3, kpTrials.size());
        assertEquals(1.5, kpTrials.get(2).slots().get("data").get(0).params().get("popularitySkew"));
    }
}
