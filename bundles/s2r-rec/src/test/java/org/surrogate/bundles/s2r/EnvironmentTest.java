package org.surrogate.bundles.s2r;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
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
        int[] counts = assertRewardsMatchRatings(Fixtures.movies(dir, 60, 40, 1));
        assertTrue(counts[0] > 100 && counts[1] > 10, counts[0] + " steps, " + counts[1] + " relevant");
    }

    @Test
    void latestSmallFormatHalfStarRewardsMatchTheRatings() throws Exception {
        Fixtures.Movies m = Fixtures.moviesCsv(dir, 90, 40, 1);
        SimToRealTask task = create(m, Fixtures.splitParams(m.genreFile())).task();
        assertEquals(19, task.sim().numItems());
        assertEquals(20, task.real().numItems());
        int[] counts = assertRewardsMatchRatings(m);
        // half stars reach the environments: 3.5 is relevant with reward 0.25, 3.0 is not relevant
        assertTrue(counts[0] > 100 && counts[1] > 10 && counts[2] > 0 && counts[3] > 0,
                counts[0] + " steps, " + counts[1] + " relevant, " + counts[2] + " at 3.5, " + counts[3] + " at 3.0");
    }

    @Test
    void moviesCsvGenresAreReadPastQuotedTitles() throws Exception {
        Fixtures.Movies m = Fixtures.moviesCsv(dir, 4, 12, 1);
        GenreFile g = GenreFile.read(m.genreFile());
        assertEquals(java.util.Set.of("Action", "Comedy", "Thriller", "Romance"), g.known());
        assertTrue(g.has("3", "Thriller") && g.has("3", "Action") && !g.has("3", "Comedy"), "quoted title of item 3");
        assertTrue(g.has("9", "Romance") && g.has("1", "Comedy") && g.has("1", "Action"));
        assertFalse(g.has("13", "(no genres listed)"));
        assertFalse(g.has("14", "Action"));
        Path bad = dir.resolve("bad.csv");
        java.nio.file.Files.writeString(bad, "movieId,title,genres\n1,Toy Story (1995),Comedy\n2 Jumanji\n");
        String msg = assertThrows(java.io.IOException.class, () -> GenreFile.read(bad)).getMessage();
        assertEquals(bad + ":3: expected movieId,title,genres", msg);
    }

    /**
     * Steps every item through the first sessions of the simulation and real test environments and
     * checks reward and relevance against the rating in the dataset.
     *
     * @return steps checked, relevant steps, steps on a 3.5 rating, steps on a 3.0 rating
     */
    private int[] assertRewardsMatchRatings(Fixtures.Movies m) {
        SimToRealEnvironment env = create(m, Fixtures.splitParams(m.genreFile()));
        SimToRealTask task = env.task();
        SessionRules rules = task.rules();
        int checked = 0;
        int relevant = 0;
        int half = 0;
        int three = 0;
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
                    half += y == 3.5f ? 1 : 0;
                    three += y == 3.0f ? 1 : 0;
                    checked++;
                    obs = r.next();
                    assertEquals(item == rules.horizon() - 1, r.done());
                }
            }
        }
        return new int[] {checked, relevant, half, three};
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

    /** Sim and real domains over the same users where real item j is a copy of sim item j. */
    private static SimToRealTask copies(boolean simBasis, float heldOutRating) {
        Random rng = new Random(11);
        int users = 400;
        int items = 30;
        double[] quality = new double[items];
        double[][] taste = new double[users][2];
        double[][] factor = new double[items][2];
        for (int j = 0; j < items; j++) {
            quality[j] = rng.nextGaussian();
            factor[j] = new double[] {rng.nextGaussian(), rng.nextGaussian()};
        }
        String[] ids = new String[users];
        int[][] it = new int[users][];
        float[][] ra = new float[users][];
        for (int u = 0; u < users; u++) {
            ids[u] = "u" + u;
            taste[u] = new double[] {rng.nextGaussian(), rng.nextGaussian()};
            java.util.List<Integer> seen = new java.util.ArrayList<>();
            for (int j = 0; j < items; j++) {
                if (rng.nextDouble() < 0.6) {
                    seen.add(j);
                }
            }
            it[u] = seen.stream().mapToInt(Integer::intValue).toArray();
            ra[u] = new float[it[u].length];
            for (int p = 0; p < it[u].length; p++) {
                int j = it[u][p];
                double z = quality[j] + taste[u][0] * factor[j][0] + taste[u][1] * factor[j][1];
                ra[u][p] = (float) Math.max(1, Math.min(5, Math.round(3 + z)));
            }
        }
        String[] simIds = new String[items];
        String[] realIds = new String[items];
        for (int j = 0; j < items; j++) {
            simIds[j] = "s" + j;
            realIds[j] = "r" + j;
        }
        float[][] realRatings = new float[users][];
        for (int u = 0; u < users; u++) {
            realRatings[u] = ra[u].clone();
        }
        TaskBuilder.Split split = new TaskBuilder.Split(300, 0.1, 5, false);
        SessionRules rules = new SessionRules(8, 3, 5, false);
        SimToRealTask first = TaskBuilder.build("copies", ids, new TaskBuilder.Domain("sim", simIds, it, ra),
                new TaskBuilder.Domain("real", realIds, it, realRatings), split, rules, 4, simBasis, new Random(5));
        if (Float.isNaN(heldOutRating)) {
            return first;
        }
        // the same task with every held-out (validation and test) user's real ratings overwritten
        RatingTable real = first.real();
        java.util.Set<String> heldOut = new java.util.HashSet<>();
        for (int[] rows : new int[][] {first.realValidation(), first.realTest()}) {
            for (int row : rows) {
                heldOut.add(real.userId(row));
            }
        }
        for (int u = 0; u < users; u++) {
            if (heldOut.contains(ids[u])) {
                java.util.Arrays.fill(realRatings[u], heldOutRating);
            }
        }
        return TaskBuilder.build("copies", ids, new TaskBuilder.Domain("sim", simIds, it, ra),
                new TaskBuilder.Domain("real", realIds, it, realRatings), split, rules, 4, simBasis, new Random(5));
    }

    private static double cosine(float[] a, float[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int c = 0; c < a.length; c++) {
            ab += a[c] * b[c];
            aa += a[c] * a[c];
            bb += b[c] * b[c];
        }
        return ab / Math.sqrt(aa * bb + 1e-12);
    }

    /** Share of real items whose nearest simulation item (cosine of the features) is their copy. */
    private static double copyFound(SimToRealTask task) {
        int n = task.sim().numItems();
        int found = 0;
        for (int i = 0; i < n; i++) {
            int best = -1;
            double bestCos = -2;
            for (int j = 0; j < n; j++) {
                double c = cosine(task.simItemFeatures()[j], task.realItemFeatures()[i]);
                if (c > bestCos) {
                    bestCos = c;
                    best = j;
                }
            }
            found += best == i ? 1 : 0;
        }
        return found / (double) n;
    }

    @Test
    void simBasisPutsCopiedItemsInOneBasisAndUsesNoHeldOutRating() {
        SimToRealTask task = copies(true, Float.NaN);
        // 300 of 400 users in the real training budget: the copy is the nearest simulation item for
        // nearly every real item (chance: 1 in 30)
        double found = copyFound(task);
        assertTrue(found >= 0.8, "copies found " + found);
        assertTrue(task.name().endsWith("; real items in the simulation basis"), task.name());
        for (boolean simBasis : new boolean[] {true, false}) {
            SimToRealTask a = copies(simBasis, Float.NaN);
            SimToRealTask b = copies(simBasis, 1f);
            assertEquals(java.util.Arrays.deepToString(a.realItemFeatures()),
                    java.util.Arrays.deepToString(b.realItemFeatures()), "simBasis " + simBasis);
            assertEquals(java.util.Arrays.deepToString(a.simItemFeatures()),
                    java.util.Arrays.deepToString(b.simItemFeatures()), "simBasis " + simBasis);
            assertEquals(java.util.Arrays.deepToString(a.realTrainUserFeatures()),
                    java.util.Arrays.deepToString(b.realTrainUserFeatures()), "simBasis " + simBasis);
            assertFalse(java.util.Arrays.equals(a.real().ratingsOf(a.realTest()[0]),
                    b.real().ratingsOf(b.realTest()[0])), "the held-out ratings must differ between a and b");
        }
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
