package org.surrogate.bundles.s2r;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.param.Params;
import org.surrogate.testkit.RecordingRunContext;

class SimToRealProtocolTest {

    private static Fixtures.FakeTrial trial(Map<String, ?> protocol) {
        Params p = SimToRealProtocol.DESCRIPTOR.params().validate(protocol, "protocol");
        Map<String, Object> world = Map.of("users", 120, "items", 40, "trainUsers", 30, "horizon", 8, "features", 4);
        Map<String, Object> agent = Map.of("variant", "full", "iterations", 4, "batchSessions", 4, "alignSteps", 4,
                "hidden", 8, "dim", 4, "classifierBatch", 16);
        return new Fixtures.FakeTrial(p)
                .with("environment", new GapWorldSimulator(), world, "world")
                .with("agents", new MfBaseline(), Map.of(), "mf")
                .with("agents", new DarecBaseline(), Map.of("alignSteps", 4), "darec")
                .with("agents", new S2rRecRecommender(), agent, "s2r");
    }

    @Test
    void sweepReportsEveryMetricWithIntervalsPerValueAndIsDeterministic() throws Exception {
        RecordingRunContext a = new RecordingRunContext(11);
        new SimToRealProtocol().run(trial(Map.of("sweepParam", "gap", "sweepValues", List.of(0.0, 1.0),
                "resamples", 200)), a);
        for (String agent : List.of("random", "mf", "darec", "s2r")) {
            for (String v : List.of("gap=0", "gap=1")) {
                for (String m : List.of("reward", "precision@8", "recall@8", "f1@8")) {
                    String key = agent + "/" + v + "/" + m;
                    assertTrue(a.results.containsKey(key), key + " in " + a.results.keySet());
                    assertTrue(a.results.get(key + ".lo") <= a.results.get(key)
                            && a.results.get(key) <= a.results.get(key + ".hi"), key);
                }
            }
        }
        assertTrue(a.artifacts.containsKey("sim-to-real.csv"));
        String svg = a.artifacts.get("reward-vs-gap.svg").toString(StandardCharsets.UTF_8);
        assertTrue(svg.startsWith("<?xml") && svg.contains("s2r"), svg.substring(0, 80));
        assertTrue(a.metrics.containsKey("s2r/gap=0/loss/rl"), a.metrics.keySet().toString());
        RecordingRunContext b = new RecordingRunContext(11);
        new SimToRealProtocol().run(trial(Map.of("sweepParam", "gap", "sweepValues", List.of(0.0, 1.0),
                "resamples", 200)), b);
        for (Map.Entry<String, Double> e : a.results.entrySet()) {
            if (!e.getKey().contains("seconds") && !e.getKey().contains("per-second")) {
                assertEquals(e.getValue(), b.results.get(e.getKey()), e.getKey());
            }
        }
    }

    @Test
    void sweepOfAnUnknownParameterIsRejectedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SimToRealProtocol().run(
                trial(Map.of("sweepParam", "temperature", "sweepValues", List.of(1.0))), new RecordingRunContext(1)));
        assertEquals("sweepParam: environment 'world' has no parameter 'temperature'", e.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> new SimToRealProtocol().run(
                trial(Map.of("sweepParam", "gap")), new RecordingRunContext(1)));
        assertEquals("sweepValues: give values together with sweepParam (found sweepParam 'gap' and 0 values)",
                f.getMessage());
    }

    @Test
    void agentsRefuseEnvironmentsOfOtherSimulators() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimToRealEnvironment.taskOf(new ReplayEnvironment(
                        new RatingTable("t", 1, new int[][] {{0}}, new float[][] {{4}}, new String[] {"u"},
                                new String[] {"i"}), new int[] {0}, new SessionRules(1, 3, 5, false)), "s2r-rec"));
        assertEquals("recommender 's2r-rec' needs a sim-to-real environment (simulator 's2r-genre-split' or "
                + "'s2r-known-preference-gap'), got ReplayEnvironment", e.getMessage());
    }
}
