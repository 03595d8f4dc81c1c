package org.surrogate.bundles.s2r;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.Params;
import org.surrogate.api.simulator.Observation;
import org.surrogate.api.simulator.StepResult;
import org.surrogate.testkit.RecordingRunContext;

class EnvironmentTest {

    @TempDir
    Path dir;

    private SimToRealEnvironment create(Fixtures.Movies m, Map<String, Object> values) {
        Params p = GenreSplitSimulator.DESCRIPTOR.params().validate(values, "");
        return (SimToRealEnvironment) new GenreSplitSimulator().create(m.data(), p, new RecordingRunContext(3));
    }

    /** The rating of an external (user, item) pair in the dataset, NaN if absent. */
    private static float rating(Dataset d, String user, String item) {
        for (int u = 0; u < d.numUsers(); u++) {
            if (d.userId(u).equals(user)) {
                for (int p = d.begin(u); p < d.end(u); p++) {
                    if (d.itemId(d.item(p)).equals(item)) {
                        return d.value(p);
                    }
                }
            }
        }
        return Float.NaN;
    }

    @Test
    void rewardsMatchTheRatingsTheEnvironmentsWereBuiltFrom() throws Exception {
        Fixtures.Movies m = Fixtures.movies(dir, 60, 40, 1);
        SimToRealEnvironment env = create(m, Fixtures.splitParams(m.genreFile()));
        SimToRealTask task = env.task();
        SessionRules rules = task.rules();
        int checked = 0;
        int relevant = 0;
        for (ReplayEnvironment e : new ReplayEnvironment[] {task.simEnvironment(), task.realTestEnvironment()}) {
            RatingTable t = e.table();
            for (int u = 0; u < Math.min(e.numUsers(), 8); u++) {
                Observation obs = e.reset(u);
                for (int item = 0; item < rules.horizon(); item++) {
                    StepResult r = e.step(obs, new int[] {item});
                    float y = rating(m.data(), t.userId(e.row(u)), t.itemId(item));
                    double expected = Float.isNaN(y) ? 0 : Math.max(-1, Math.min(1, (y - 3.0) / 2.0));
                    assertEquals(expected, r.reward(), 1e-6, "user " + t.userId(e.row(u)) + " item " + t.itemId(item));
                    assertEquals(!Float.isNaN(y) && y > 3 ? 1 : 0, r.feedback()[0]);
                    relevant += r.feedback()[0];
                    checked++;
                    obs = r.next();
                    assertEquals(item == rules.horizon() - 1, r.done());
                }
            }
        }
        assertTrue(checked > 100 && relevant > 10, checked + " steps, " + relevant + " relevant");
    }

    @Test
    void domainsShareNoItemAndItemsOfBothGenresAreDropped() throws Exception {
        Fixtures.Movies m = Fixtures.movies(dir, 60, 40, 1);
        SimToRealTask task = create(m, Fixtures.splitParams(m.genreFile())).task();
        assertEquals(19, task.sim().numItems());
        assertEquals(20, task.real().numItems());
        for (int j = 0; j < task.sim().numItems(); j++) {
            assertFalse(task.sim().itemId(j).equals("1"));
        }
        assertEquals(30, task.realTrain().length);
        assertEquals(task.real().numUsers(), task.realTrain().length + task.realValidation().length
                + task.realTest().length);
    }

    @Test
    void repeatedItemsGiveNothingAndSessionsEnd() throws Exception {
        Fixtures.Movies m = Fixtures.movies(dir, 60, 40, 1);
        ReplayEnvironment e = create(m, Fixtures.splitParams(m.genreFile())).task().simEnvironment();
        Observation obs = e.reset(0);
        int liked = -1;
        for (int j = 0; j < e.numItems() && liked < 0; j++) {
            if (e.rules().relevant(e.table().rating(e.row(0), j))) {
                liked = j;
            }
        }
        StepResult first = e.step(obs, new int[] {liked});
        assertTrue(first.reward() > 0);
        StepResult again = e.step(first.next(), new int[] {liked});
        assertEquals(0, again.reward());
        assertEquals(0, again.feedback()[0]);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> e.step(obs, new int[] {0, 1}));
        assertEquals("simulation 'Action': slates hold exactly one item, found 2", bad.getMessage());
    }

    @Test
    void sameSeedSameTaskAndFeatures() throws Exception {
        Fixtures.Movies m = Fixtures.movies(dir, 60, 40, 1);
        SimToRealTask a = create(m, Fixtures.splitParams(m.genreFile())).task();
        SimToRealTask b = create(m, Fixtures.splitParams(m.genreFile())).task();
        assertEquals(java.util.Arrays.toString(a.realTest()), java.util.Arrays.toString(b.realTest()));
        assertEquals(java.util.Arrays.deepToString(a.realItemFeatures()), java.util.Arrays.deepToString(b.realItemFeatures()));
        assertEquals(a.name(), b.name());
    }

    @Test
    void badParametersAreRejectedNamingTheField() throws Exception {
        Fixtures.Movies m = Fixtures.movies(dir, 60, 40, 1);
        Map<String, Object> same = new HashMap<>(Fixtures.splitParams(m.genreFile()));
        same.put("realGenre", "Action");
        assertEquals("realGenre: must differ from simGenre, both are 'Action'",
                assertThrows(IllegalArgumentException.class, () -> create(m, same)).getMessage());
        Map<String, Object> unknown = new HashMap<>(Fixtures.splitParams(m.genreFile()));
        unknown.put("simGenre", "Space Opera");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> create(m, unknown)).getMessage()
                .startsWith("simGenre: 'Space Opera' is not a genre of "));
        Map<String, Object> many = new HashMap<>(Fixtures.splitParams(m.genreFile()));
        many.put("trainUsers", 500);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> create(m, many)).getMessage()
                .startsWith("trainUsers: 500 training users need at least 502 users"));
        Map<String, Object> horizon = new HashMap<>(Fixtures.splitParams(m.genreFile()));
        horizon.put("horizon", 32);
        assertEquals("horizon: sessions of 32 steps need at least as many items, genre 'Action' has 19",
                assertThrows(IllegalArgumentException.class, () -> create(m, horizon)).getMessage());
        Map<String, Object> range = new HashMap<>(Fixtures.splitParams(m.genreFile()));
        range.put("validationFraction", 1.5);
        String msg = assertThrows(IllegalArgumentException.class,
                () -> GenreSplitSimulator.DESCRIPTOR.params().validate(range, "env")).getMessage();
        assertTrue(msg.contains("env.validationFraction"), msg);
        String agent = assertThrows(IllegalArgumentException.class,
                () -> AgentSettings.schema().validate(Map.of("alphaDyn", -0.5), "agent")).getMessage();
        assertTrue(agent.contains("agent.alphaDyn"), agent);
        String variant = assertThrows(IllegalArgumentException.class,
                () -> AgentSettings.schema().validate(Map.of("variant", "magic"), "agent")).getMessage();
        assertTrue(variant.contains("agent.variant"), variant);
        assertEquals("epsilonEnd: must not exceed epsilonStart 0.1, found 0.5", assertThrows(
                IllegalArgumentException.class, () -> AgentSettings.from(AgentSettings.schema().validate(
                        Map.of("epsilonStart", 0.1, "epsilonEnd", 0.5), ""))).getMessage());
    }

    @Test
    void missingGenreFileNamesTheParameterAndFile() throws Exception {
        Fixtures.Movies m = Fixtures.movies(dir, 60, 40, 1);
        Map<String, Object> v = new HashMap<>(Fixtures.splitParams(m.genreFile()));
        v.put("genreFile", dir.resolve("nope.item").toString());
        String msg = assertThrows(RuntimeException.class, () -> create(m, v)).getMessage();
        assertTrue(msg.startsWith("genreFile: " + dir.resolve("nope.item") + ": genre file not found"), msg);
    }

    private static SimToRealTask world(String moves, double gap) {
        Map<String, Object> v = new HashMap<>(Map.of("users", 120, "items", 40, "trainUsers", 30, "horizon", 8));
        v.put("gap", gap);
        v.put("moves", moves);
        return ((SimToRealEnvironment) new GapWorldSimulator().create(null,
                GapWorldSimulator.DESCRIPTOR.params().validate(v, ""), new RecordingRunContext(5))).task();
    }

    private static int differing(RatingTable a, RatingTable b) {
        assertEquals(a.size(), b.size());
        int differ = 0;
        for (int u = 0; u < a.numUsers(); u++) {
            for (int k = 0; k < a.itemsOf(u).length; k++) {
                differ += a.ratingsOf(u)[k] != b.ratingsOf(u)[k] ? 1 : 0;
            }
        }
        return differ;
    }

    @Test
    void gapMovesOnlyTheSideItIsMeantToMove() {
        SimToRealTask a = world("sim", 0.0);
        SimToRealTask b = world("sim", 1.0);
        assertEquals(0, differing(a.real(), b.real()));
        assertTrue(differing(a.sim(), b.sim()) > 100);
        SimToRealTask c = world("real", 0.0);
        SimToRealTask d = world("real", 1.0);
        assertEquals(0, differing(c.sim(), d.sim()));
        assertTrue(differing(c.real(), d.real()) > 100);
    }
}
