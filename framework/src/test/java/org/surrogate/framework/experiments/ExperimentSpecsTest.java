package org.surrogate.framework.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentSpecsTest {

    private static final String YAML = """
            name: als-grid
            description: ALS sizes
            tags: [mf]
            protocol: {plugin: holdout}
            slots:
              split:
                - plugin: random-holdout
                  params: {testFraction: 0.25}
              recommenders:
                - plugin: als
                  versionRange: "[1.0,2.0)"
                  label: als-small
            grid:
              slots.recommenders[0].params.factors: [8, 16]
              slots.split[0].params.testFraction: {from: 0.1, to: 0.3, step: 0.1}
              slots.recommenders[0].params.regularization: {logUniform: [0.001, 10]}
            samples: 4
            samplingSeed: 42
            seeds: [1, 2]
            priority: 5
            timeoutMinutes: 30
            threads: 2
            memoryMb: 2048
            """;

    private static final String JSON = """
            {"name": "als-grid", "description": "ALS sizes", "tags": ["mf"],
             "protocol": {"plugin": "holdout"},
             "slots": {
               "split": [{"plugin": "random-holdout", "params": {"testFraction": 0.25}}],
               "recommenders": [{"plugin": "als", "versionRange": "[1.0,2.0)", "label": "als-small"}]},
             "grid": {
               "slots.recommenders[0].params.factors": [8, 16],
               "slots.split[0].params.testFraction": {"from": 0.1, "to": 0.3, "step": 0.1},
               "slots.recommenders[0].params.regularization": {"logUniform": [0.001, 10]}},
             "samples": 4, "samplingSeed": 42, "seeds": [1, 2], "priority": 5,
             "timeoutMinutes": 30, "threads": 2, "memoryMb": 2048}
            """;

    @Test
    void yamlAndJsonParseToEqualSpecs() {
        ExperimentSpec yaml = ExperimentSpecs.parse(YAML, "a.yaml");
        ExperimentSpec json = ExperimentSpecs.parse(JSON, "a.json");
        assertEquals(yaml, json);
        assertEquals("als-grid", yaml.name());
        assertEquals(new PluginRef("als", "[1.0,2.0)", Map.of(), "als-small"), yaml.slots().get("recommenders").get(0));
        assertEquals(List.of("slots.recommenders[0].params.factors", "slots.split[0].params.testFraction",
                "slots.recommenders[0].params.regularization"), List.copyOf(yaml.grid().keySet()));
        assertEquals(new GridAxis.Values(List.of(8, 16)), yaml.grid().get("slots.recommenders[0].params.factors"));
        assertEquals(new GridAxis.Sample(GridAxis.Distribution.LOG_UNIFORM, 0.001, 10),
                yaml.grid().get("slots.recommenders[0].params.regularization"));
        assertEquals(List.of(1L, 2L), yaml.seeds());
        assertEquals(5, yaml.priority());
        assertEquals(2048, yaml.memoryMb());
    }

    @Test
    void fillsDefaults() {
        ExperimentSpec spec = ExperimentSpecs.parse("name: x\nprotocol: {plugin: holdout}\n", "d.yaml");
        assertEquals(List.of(0L), spec.seeds());
        assertEquals(0, spec.priority());
        assertEquals(0, spec.samples());
        assertEquals(0L, spec.samplingSeed());
        assertEquals(Map.of(), spec.grid());
        assertEquals(List.of(), spec.tags());
    }

    @Test
    void reportsSyntaxErrorWithLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExperimentSpecs.parse("name: x\nprotocol: {plugin: holdout\nseeds: [1]\n", "bad.yaml"));
        assertEquals("bad.yaml:3:6: syntax error: while parsing a flow mapping", e.getMessage());
    }

    @Test
    void refusesAnAliasCycleWithItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExperimentSpecs.parse(
                "name: x\nprotocol: {plugin: holdout}\nslots:\n  recommenders:\n    - &r {plugin: als, params: {inner: *r}}\n"
                        + "seeds: [1]\n", "cycle.yaml"));
        assertEquals("cycle.yaml:5:40: *r refers to the value that contains it (&r at line 5): a cycle; a spec must be a tree",
                e.getMessage());
    }

    @Test
    void expandsAliasesAndMergeKeysInsteadOfReadingThemAsText() {
        ExperimentSpec spec = ExperimentSpecs.parse("""
                name: shared
                protocol: {plugin: holdout}
                slots:
                  recommenders:
                    - plugin: als
                      params: &common {factors: 32, iterations: 10}
                    - plugin: als
                      label: als-more
                      params:
                        <<: *common
                        factors: 64
                    - plugin: bpr
                      params: *common
                seeds: [1, 2]
                """, "alias.yaml");
        List<PluginRef> recs = spec.slots().get("recommenders");
        assertEquals(Map.of("factors", 32, "iterations", 10), recs.get(0).params());
        assertEquals(Map.of("factors", 64, "iterations", 10), recs.get(1).params());
        assertEquals(Map.of("factors", 32, "iterations", 10), recs.get(2).params());
        assertEquals(List.of(1L, 2L), spec.seeds());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExperimentSpecs.parse(
                "name: x\nprotocol: &p {plugin: holdout}\nslots: {split: [*p]}\nseeds: [one]\n", "a.yaml"));
        assertEquals("a.yaml: seeds[0]: expected an integer, found 'one'", e.getMessage());
    }

    @Test
    void reportsUnknownTopLevelField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExperimentSpecs.parse("name: x\nprotocol: {plugin: holdout}\nseed: [1]\n", "u.yaml"));
        assertEquals("u.yaml:4:1: seed: unknown field; accepted: description, executor, grid, memoryMb, name, onInterrupt, "
                + "priority, protocol, retries, samples, samplingSeed, schedule, seeds, slots, tags, threads, "
                + "timeoutMinutes", e.getMessage());
    }

    @Test
    void reportsWrongTypeWithPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExperimentSpecs.parse("name: x\nprotocol: {plugin: holdout}\nseeds: [1, abc]\n", "t.yaml"));
        assertEquals("t.yaml:3:12: seeds[1]: expected an integer, found 'abc'", e.getMessage());
    }

    @Test
    void reportsBadGridAxisWithPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExperimentSpecs.parse(
                "name: x\nprotocol: {plugin: holdout}\ngrid:\n  params.a: {from: 1, to: 5, step: 0}\n", "g.yaml"));
        assertEquals("g.yaml:4:37: grid.params.a: step: expected a number > 0, found 0", e.getMessage());
    }

    @Test
    void reportsMissingName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExperimentSpecs.parse("protocol: {plugin: holdout}\n", "n.yaml"));
        assertEquals("n.yaml:2:1: name: required, expected a non-blank name", e.getMessage());
    }

    @Test
    void rangeIsIntegerAwareAndFreeOfDrift() {
        GridAxis.Range ints = new GridAxis.Range(BigDecimal.ONE, BigDecimal.valueOf(7), BigDecimal.valueOf(3));
        assertEquals(List.of(1, 4, 7), ints.values());
        GridAxis.Range fractions = new GridAxis.Range(new BigDecimal("0.1"), new BigDecimal("0.5"),
                new BigDecimal("0.1"));
        assertEquals(List.of(0.1, 0.2, 0.3, 0.4, 0.5), fractions.values());
        GridAxis.Range notOnStep = new GridAxis.Range(new BigDecimal("0"), new BigDecimal("1"),
                new BigDecimal("0.3"));
        assertEquals(List.of(0.0, 0.3, 0.6, 0.9), notOnStep.values());
    }

    @Test
    void rejectsRangeWithTooManyValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GridAxis.Range(BigDecimal.ZERO, BigDecimal.valueOf(10), new BigDecimal("0.000001")));
        assertEquals("step: the range has 10000001 values, above the limit of 1000000; use a larger step",
                e.getMessage());
    }
}
