package org.surrogate.bundles.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.evaluation.EvaluationResult;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.run.TrialCancelledException;
import org.surrogate.testkit.LatentData;
import org.surrogate.testkit.RecordingRunContext;

class FidelityEvaluatorTest {

    private static final double EPS = 1e-12;

    private final FidelityEvaluator evaluator = new FidelityEvaluator();

    private static Params defaults() {
        return FidelityEvaluator.DESCRIPTOR.params().defaults();
    }

    private static Params params(Map<String, ?> values) {
        return FidelityEvaluator.DESCRIPTOR.params().validate(values, "");
    }

    private EvaluationResult evaluate(Dataset compared, Dataset reference, Params params, RecordingRunContext ctx) {
        return evaluator.evaluate(new EvaluationInput(compared, reference, null), params, ctx);
    }

    private Map<String, Double> metrics(Dataset compared, Dataset reference) {
        return evaluate(compared, reference, defaults(), new RecordingRunContext(1)).metrics();
    }

    /** Users given as item lists, value 1, no timestamps. */
    private static Dataset of(String name, int items, int[]... users) {
        DatasetBuilder b = Dataset.builder(name, users.length, items);
        for (int u = 0; u < users.length; u++) {
            for (int i : users[u]) {
                b.add(u, i, 1f);
            }
        }
        return b.build();
    }

    // Reference: u0 {0,1}, u1 {0,1,2}, u2 {0}. Compared: u0 {0,2}, u1 {0,1,2}.
    private static final Dataset REAL = of("real", 3, new int[] {0, 1}, new int[] {0, 1, 2}, new int[] {0});
    private static final Dataset SYNTHETIC = of("synthetic", 3, new int[] {0, 2}, new int[] {0, 1, 2});

    @Test
    void descriptorDeclaresIdKindAndDefaults() {
        assertEquals("fidelity", evaluator.descriptor().id());
        assertEquals(PluginKind.EVALUATOR, evaluator.descriptor().kind());
        Params p = defaults();
        assertEquals(10, p.getInt("topK"));
        assertEquals(100, p.getInt("coocItems"));
        assertEquals("binary", p.getString("svMatrix"));
        assertFalse(p.getBoolean("includeEmpty"));
        assertEquals(1800L, p.getLong("sessionGap"));
    }

    @Test
    void matchesHandComputedMetricsOfTwoTinyDatasets() {
        Map<String, Double> m = metrics(SYNTHETIC, REAL);
        assertEquals(List.of("users.real", "users.synthetic", "items.real", "items.synthetic", "interactions.real",
                "interactions.synthetic", "density.real", "density.synthetic", "activity.ks", "activity.ks.pvalue",
                "activity.wasserstein", "activity.js", "popularity.ks", "popularity.ks.pvalue",
                "popularity.wasserstein", "popularity.js", "gini.real", "gini.synthetic", "sv.relerr", "cooc.mae",
                "cooc.pearson"), List.copyOf(m.keySet()));
        assertEquals(3, m.get("users.real"));
        assertEquals(2, m.get("users.synthetic"));
        assertEquals(3, m.get("items.synthetic"));
        assertEquals(6, m.get("interactions.real"));
        assertEquals(5, m.get("interactions.synthetic"));
        assertEquals(6.0 / 9, m.get("density.real"), EPS);   // 6 / (3 users * 3 items)
        assertEquals(5.0 / 6, m.get("density.synthetic"), EPS); // 5 / (2 * 3)
        // Activity real {2,3,1}, compared {2,3}: F_real = 1/3, 2/3, 1 at 1, 2, 3; F_comp = 0, 1/2, 1.
        // KS = max(1/3, 1/6, 0) = 1/3; W1 = 1/3 * (2 - 1) + 1/6 * (3 - 2) = 1/2.
        assertEquals(1.0 / 3, m.get("activity.ks"), EPS);
        assertEquals(0.5, m.get("activity.wasserstein"), EPS);
        // log2 bins 0 | 1 | 2-3: real (0, 1, 2), compared (0, 0, 2): P = (1/3, 2/3), Q = (0, 1), M = (1/6, 5/6).
        // KL(P||M) = 1/3 log2 2 + 2/3 log2 0.8 = 0.11872; KL(Q||M) = log2 1.2 = 0.26303; JS = 0.19087.
        double js = (1.0 / 3 + 2.0 / 3 * log2(0.8) + log2(1.2)) / 2;
        assertEquals(js, m.get("activity.js"), EPS);
        // Popularity real {3,2,1}, compared {2,1,2}: F_real = 1/3, 2/3, 1; F_comp = 1/3, 1, 1 at 1, 2, 3.
        // KS = 1/3 (at 2); W1 = 1/3 * (3 - 2) = 1/3; same log2 bins (0, 1, 2): JS = 0.
        assertEquals(1.0 / 3, m.get("popularity.ks"), EPS);
        assertEquals(1.0 / 3, m.get("popularity.wasserstein"), EPS);
        assertEquals(0, m.get("popularity.js"), EPS);
        // Gini of sorted (1,2,3): (-2*1 + 0*2 + 2*3) / (3 * 6) = 4/18; of (1,2,2): (-2 + 0 + 4) / (3 * 5) = 2/15.
        assertEquals(4.0 / 18, m.get("gini.real"), EPS);
        assertEquals(2.0 / 15, m.get("gini.synthetic"), EPS);
        // Co-occurrence cosines as in CooccurrenceSimilarityTest: MAE 0.17735, Pearson -0.88954.
        assertEquals(0.177347, m.get("cooc.mae"), 1e-6);
        assertEquals(-0.889536, m.get("cooc.pearson"), 1e-6);
        assertEquals(expectedSvRelErr(), m.get("sv.relerr"), 1e-9);
    }

    /** sv.relerr from dense SVDs: normalise by the Frobenius norms sqrt(6) and sqrt(5), mean relative gap. */
    private static double expectedSvRelErr() {
        double[] s = new SingularValueDecomposition(new Array2DRowRealMatrix(new double[][] {
            {1, 1, 0}, {1, 1, 1}, {1, 0, 0}})).getSingularValues();
        double[] t = new SingularValueDecomposition(new Array2DRowRealMatrix(new double[][] {
            {1, 0, 1}, {1, 1, 1}})).getSingularValues();
        double sum = 0;
        for (int i = 0; i < 2; i++) {
            double r = s[i] / Math.sqrt(6);
            sum += Math.abs(t[i] / Math.sqrt(5) - r) / r;
        }
        return sum / 2;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void aDatasetComparedWithItselfHasZeroDistancesAndPerfectCorrelation() {
        Dataset data = new LatentData(300, 200, 20, 0, 1.0, 2.0, 5).train;
        RecordingRunContext ctx = new RecordingRunContext(3);
        Map<String, Double> m = evaluate(data, data, defaults(), ctx).metrics();
        for (String d : List.of("activity", "popularity")) {
            assertEquals(0, m.get(d + ".ks"), EPS, d);
            assertEquals(1, m.get(d + ".ks.pvalue"), 1e-9, d);
            assertEquals(0, m.get(d + ".wasserstein"), EPS, d);
            assertEquals(0, m.get(d + ".js"), EPS, d);
        }
        assertEquals(m.get("gini.real"), m.get("gini.synthetic"));
        assertEquals(m.get("density.real"), m.get("density.synthetic"));
        assertEquals(0, m.get("sv.relerr"), EPS);
        assertEquals(0, m.get("cooc.mae"), EPS);
        assertEquals(1, m.get("cooc.pearson"), EPS);
        // LatentData has timestamps 0, 1, 2, ... (one session per user with the default gap): sessions compared.
        assertEquals(0, m.get("session.length.ks"), EPS);
        assertEquals(0, m.get("session.count.ks"), EPS);
        // Implicit feedback: no rating metrics, and the log says why.
        assertFalse(m.containsKey("rating.js"));
        assertTrue(ctx.logs.contains("INFO evaluator 'fidelity': left out rating.js, usersum.*, itemsum.*: every value "
                + "is 1 in both datasets (implicit feedback); value sums equal activity and popularity"),
                ctx.logs.toString());
    }

    @Test
    void aPerturbedDatasetIsFurtherAway() {
        Dataset data = new LatentData(300, 200, 20, 0, 1.0, 2.0, 5).train;
        Dataset uniform = uniformItems(data, new Random(11));
        Map<String, Double> same = metrics(data, data);
        Map<String, Double> far = metrics(uniform, data);
        // Activity is kept, popularity is flattened and the co-occurrence structure destroyed.
        assertEquals(0, far.get("activity.ks"), EPS);
        assertTrue(far.get("popularity.ks") > 0.2, far.toString());
        assertTrue(far.get("popularity.wasserstein") > 5, far.toString());
        assertTrue(far.get("popularity.js") > 0.05, far.toString());
        assertTrue(far.get("gini.synthetic") < far.get("gini.real") - 0.2, far.toString());
        assertTrue(far.get("sv.relerr") > 0.1, far.toString());
        assertTrue(far.get("cooc.mae") > 0.05, far.toString());
        assertTrue(far.get("cooc.pearson") < same.get("cooc.pearson") - 0.3, far.toString());
    }

    /** Every user keeps their number of interactions but draws distinct items uniformly. */
    private static Dataset uniformItems(Dataset data, Random rng) {
        DatasetBuilder b = Dataset.builder("uniform", data.numUsers(), data.numItems());
        for (int u = 0; u < data.numUsers(); u++) {
            java.util.Set<Integer> items = new java.util.LinkedHashSet<>();
            while (items.size() < data.degree(u)) {
                items.add(rng.nextInt(data.numItems()));
            }
            for (int i : items) {
                b.add(u, i, 1f);
            }
        }
        return b.build();
    }

    @Test
    void ratingsAddValueMetricsAndTheirHistogram() {
        Dataset real = Dataset.builder("r", 3, 3).add(0, 0, 5f).add(0, 1, 3f).add(1, 0, 4f).add(1, 2, 5f)
                .add(2, 1, 1f).build();
        Dataset same = Dataset.builder("s", 3, 3).add(0, 0, 5f).add(0, 1, 3f).add(1, 0, 4f).add(1, 2, 5f)
                .add(2, 1, 1f).build();
        Map<String, Double> m = metrics(same, real);
        assertEquals(0, m.get("rating.js"), EPS);
        assertEquals(0, m.get("usersum.ks"), EPS);
        assertEquals(0, m.get("itemsum.wasserstein"), EPS);
        // Implicit compared data: values {1 x 5} vs {5,3,4,5,1}; histogram bins 1,3,4,5: P = (1,1,1,2)/5,
        // Q = (1,0,0,0). M = (0.6, 0.1, 0.1, 0.2). KL(P||M) = 0.2 log2(1/3) + 2 * 0.2 log2 2 + 0.4 log2 2
        // = -0.31699 + 0.4 + 0.4 = 0.48301; KL(Q||M) = log2(1/0.6) = 0.73697; JS = 0.60999.
        Dataset implicit = of("implicit", 3, new int[] {0, 1}, new int[] {0, 2}, new int[] {1});
        RecordingRunContext ctx = new RecordingRunContext(1);
        Map<String, Double> far = evaluate(implicit, real, defaults(), ctx).metrics();
        double js = (0.2 * log2(1.0 / 3) + 0.8 + log2(1 / 0.6)) / 2;
        assertEquals(js, far.get("rating.js"), EPS);
        assertEquals("bin_low,bin_high,real,synthetic\n1,1,1,5\n3,3,1,0\n4,4,1,0\n5,5,2,0\n",
                artifact(ctx, "ratings.csv"));
    }

    @Test
    void sessionsSplitAtGapsLongerThanTheSessionGap() {
        // Reference user 0 at times 0, 100, 5000: gaps 100 and 4900 -> sessions of 2 and 1 with gap 1800;
        // user 1 at 0, 10: one session of 2. Compared: every user one session of 2 or 3.
        Dataset real = Dataset.builder("r", 2, 3).add(0, 0, 1f, 0).add(0, 1, 1f, 100).add(0, 2, 1f, 5000)
                .add(1, 0, 1f, 0).add(1, 1, 1f, 10).build();
        Dataset comp = Dataset.builder("c", 2, 3).add(0, 0, 1f, 0).add(0, 1, 1f, 100).add(0, 2, 1f, 200)
                .add(1, 0, 1f, 0).add(1, 1, 1f, 10).build();
        RecordingRunContext ctx = new RecordingRunContext(1);
        Map<String, Double> m = evaluate(comp, real, defaults(), ctx).metrics();
        // Lengths real {2,1,2}, compared {3,2}: F_real 1/3, 1, 1 at 1, 2, 3; F_comp 0, 1/2, 1.
        // KS = max(1/3, 1/2, 0) = 1/2; W1 = 1/3 * 1 + 1/2 * 1 = 5/6.
        assertEquals(0.5, m.get("session.length.ks"), EPS);
        assertEquals(5.0 / 6, m.get("session.length.wasserstein"), EPS);
        // Sessions per user real {2,1}, compared {1,1}: KS = 1/2.
        assertEquals(0.5, m.get("session.count.ks"), EPS);
        assertEquals("length,real_sessions,synthetic_sessions\n1,1,0\n2,2,1\n3,0,1\n", artifact(ctx, "sessions.csv"));
        // With a gap of 10000 every user has one session.
        Map<String, Double> one = evaluate(comp, real, params(Map.of("sessionGap", 10000)),
                new RecordingRunContext(1)).metrics();
        assertEquals(0, one.get("session.count.ks"), EPS);
    }

    @Test
    void writesPlotTablesAndJson() {
        RecordingRunContext ctx = new RecordingRunContext(1);
        evaluate(SYNTHETIC, REAL, defaults(), ctx);
        assertEquals(List.of("activity.csv", "popularity.csv", "singular_values.csv", "cooccurrence.csv",
                "fidelity.json"), List.copyOf(ctx.artifacts.keySet()));
        assertEquals("count,real_users,synthetic_users\n1,1,0\n2,1,1\n3,1,1\n", artifact(ctx, "activity.csv"));
        assertEquals("count,real_items,synthetic_items\n1,1,1\n2,1,2\n3,1,0\n", artifact(ctx, "popularity.csv"));
        String cooc = artifact(ctx, "cooccurrence.csv");
        assertTrue(cooc.startsWith("item_a,item_b,real,synthetic\n0,1," + 2 / Math.sqrt(6) + "," + 1 / Math.sqrt(2)
                + "\n"), cooc);
        String sv = artifact(ctx, "singular_values.csv");
        assertTrue(sv.startsWith("index,real,synthetic,real_normalized,synthetic_normalized\n1,"), sv);
        // Reference 3 x 3: 3 values; compared 2 users: 2, so row 3 has empty compared cells.
        String[] rows = sv.split("\n");
        assertEquals(4, rows.length);
        assertTrue(rows[3].startsWith("3,") && rows[3].contains(",,") && rows[3].endsWith(","), rows[3]);
        String json = artifact(ctx, "fidelity.json");
        assertTrue(json.startsWith("{\"evaluator\":\"fidelity\",\"reference\":{\"name\":\"real\",\"input\":\"test\"},"
                + "\"compared\":{\"name\":\"synthetic\",\"input\":\"train\"},"
                + "\"settings\":{\"topK\":10,\"coocItems\":100,"
                + "\"svMatrix\":\"binary\",\"includeEmpty\":false,\"sessionGap\":1800},\"metrics\":{\"users.real\":3,"),
                json);
        assertTrue(json.contains("\"histograms\":{\"activity\":{\"low\":[0,1,2],\"high\":[0,1,3],\"real\":[0,1,2],"
                + "\"synthetic\":[0,0,2]}"), json);
        assertTrue(json.endsWith(",\"cooccurrenceItems\":[\"0\",\"1\",\"2\"]}"), json);
    }

    private static String artifact(RecordingRunContext ctx, String name) {
        return ctx.artifacts.get(name).toString(StandardCharsets.UTF_8);
    }

    @Test
    void includeEmptyCountsUsersAndItemsWithoutInteractions() {
        // 4 users x 4 items declared; user 3 and item 3 have no interactions.
        Dataset wide = Dataset.builder("wide", 4, 4).add(0, 0, 1f).add(0, 1, 1f).add(1, 0, 1f).add(1, 1, 1f)
                .add(1, 2, 1f).add(2, 0, 1f).build();
        Map<String, Double> m = evaluate(wide, REAL, params(Map.of("includeEmpty", true)),
                new RecordingRunContext(1)).metrics();
        assertEquals(4, m.get("users.synthetic"));
        assertEquals(4, m.get("items.synthetic"));
        assertEquals(6.0 / 16, m.get("density.synthetic"), EPS);
        // Activity {2,3,1,0} vs {2,3,1}: the only gap is the extra 0: F differs by 1/4 on [0,1), 1/12 after.
        assertEquals(0.25, m.get("activity.ks"), EPS);
        Map<String, Double> active = metrics(wide, REAL);
        assertEquals(3, active.get("users.synthetic"));
        assertEquals(0, active.get("activity.ks"), EPS);
    }

    @Test
    void aModelIsIgnoredAndResultsRepeatWithTheSeed() {
        Model model = new Model() {
            @Override
            public int numItems() {
                return 3;
            }

            @Override
            public void score(int[] users, float[] out) {
                throw new AssertionError("fidelity must not score");
            }
        };
        Dataset comp = of("c", 3, new int[] {0, 1}, new int[] {1, 2}, new int[] {0, 2});
        EvaluationResult a = evaluator.evaluate(new EvaluationInput(comp, REAL, model), defaults(),
                new RecordingRunContext(9));
        EvaluationResult b = evaluator.evaluate(new EvaluationInput(comp, REAL, null), defaults(),
                new RecordingRunContext(9));
        assertEquals(a.metrics(), b.metrics());
        assertEquals("dataset fidelity: input train (compared, e.g. synthetic) against input test (reference, "
                + "e.g. real); users and items without interactions left out; top 10 singular values of the binary "
                + "matrix; co-occurrence of the reference's top 100 items", a.protocol());
        assertEquals(0, a.users().length);
    }

    @Test
    void undefinedCorrelationIsLeftOutAndLogged() {
        // The compared users never share an item: every cosine is 0, the Pearson correlation undefined.
        Dataset apart = of("apart", 3, new int[] {0}, new int[] {1}, new int[] {2});
        RecordingRunContext ctx = new RecordingRunContext(1);
        Map<String, Double> m = evaluate(apart, REAL, defaults(), ctx).metrics();
        assertFalse(m.containsKey("cooc.pearson"));
        assertEquals((2 / Math.sqrt(6) + 1 / Math.sqrt(3) + 1 / Math.sqrt(2)) / 3, m.get("cooc.mae"), EPS);
        assertTrue(ctx.logs.contains("INFO evaluator 'fidelity': left out cooc.pearson: the cosines of a dataset are "
                + "all equal"), ctx.logs.toString());
    }

    @Test
    void rejectsDatasetsTooSmallToCompare() {
        Dataset empty = Dataset.builder("nothing", 2, 2).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> metrics(SYNTHETIC, empty));
        assertEquals("evaluator 'fidelity': the reference dataset 'nothing' (input test) has no interactions; give at "
                + "least 2 users and 2 items with interactions", e.getMessage());
        Dataset oneUser = of("lonely", 3, new int[] {0, 1, 2});
        e = assertThrows(IllegalArgumentException.class, () -> metrics(oneUser, REAL));
        assertEquals("evaluator 'fidelity': the compared dataset 'lonely' (input train) has 1 user with interactions; "
                + "at least 2 users and 2 items with interactions are needed", e.getMessage());
        Dataset oneItem = of("narrow", 3, new int[] {1}, new int[] {1});
        e = assertThrows(IllegalArgumentException.class, () -> metrics(oneItem, REAL));
        assertEquals("evaluator 'fidelity': the compared dataset 'narrow' (input train) has 1 item with interactions; "
                + "at least 2 users and 2 items with interactions are needed", e.getMessage());
    }

    @Test
    void rejectsBadParameters() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class,
                () -> params(Map.of("topK", 0, "svMatrix", "ratings")));
        assertEquals(List.of("topK: expected an integer in [1, 200], found 0",
                "svMatrix: expected one of binary, values, found 'ratings'"), e.problems());
    }

    @Test
    void stopsWhenCancelled() {
        RecordingRunContext ctx = new RecordingRunContext(1);
        ctx.cancelled = true;
        assertThrows(TrialCancelledException.class, () -> evaluate(SYNTHETIC, REAL, defaults(), ctx));
    }
}
