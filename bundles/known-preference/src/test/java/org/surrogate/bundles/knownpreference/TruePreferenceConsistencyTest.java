package org.surrogate.bundles.knownpreference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.TopK;
import org.surrogate.testkit.LatentData;
import org.surrogate.testkit.RecordingRunContext;

/** The ground truth a generator reports agrees with the choices it made. */
class TruePreferenceConsistencyTest {

    @Test
    void itemsChosenMoreOftenHaveHigherMeanTruePreference() {
        // Uniform exposure, so how often an item is chosen depends on preference alone.
        KnownPreferenceModel model = TestSupport.fit(Map.of("numUsers", 3000, "numItems", 300, "loggingPolicy",
                "uniform"), 21);
        Dataset data = model.sample(new RecordingRunContext(21));
        int[] counts = data.itemCounts();
        double[] chosen = new double[counts.length];
        double[] meanPreference = new double[counts.length];
        float[] row = new float[data.numItems()];
        for (int u = 0; u < data.numUsers(); u++) {
            model.world().preferences(u, row, 0);
            for (int i = 0; i < row.length; i++) {
                meanPreference[i] += row[i] / data.numUsers();
            }
        }
        for (int i = 0; i < counts.length; i++) {
            chosen[i] = counts[i];
        }
        double rho = TestSupport.spearman(chosen, meanPreference);
        // About 0.78 with this seed (choices follow exp(pref), so the mean is not the whole story;
        // the mean of exp(pref) correlates at about 0.90).
        assertTrue(rho > 0.7, "Spearman(choice count, mean true preference) = " + rho);
    }

    @Test
    void usersChooseItemsTheyPreferToTheirAverageItem() {
        KnownPreferenceModel model = TestSupport.fit(Map.of("numUsers", 500, "numItems", 400), 22);
        Dataset data = model.sample(new RecordingRunContext(22));
        float[] row = new float[data.numItems()];
        double chosen = 0;
        double all = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            model.world().preferences(u, row, 0);
            for (float p : row) {
                all += p / row.length;
            }
            for (int i = data.begin(u); i < data.end(u); i++) {
                chosen += row[data.item(i)] / data.degree(u);
            }
        }
        chosen /= data.numUsers();
        all /= data.numUsers();
        // Preferences have a standard deviation of about 1.3: chosen items sit well above the average.
        assertTrue(chosen > all + 1.0, "mean preference of chosen items " + chosen + ", of all items " + all);
    }

    @Test
    void theNoisyOracleShowsItemsInProportionToExpPreferenceOverTemperature() {
        // One cluster without spread: every user has the same preferences. A slate of one item that
        // is always taken reveals the policy's first draw, which must follow softmax(pref / T).
        Map<String, Object> values = new HashMap<>(Map.of("numUsers", 40_000, "numItems", 6,
                "clusters", 1, "clusterSpread", 0.0, "loggingPolicy", "oracle-noisy", "slateSize", 1,
                "sessionsPerUser", 1, "sessionLength", 1, "outsideUtility", "-Infinity"));
        values.put("policyTemperature", 0.7);
        KnownPreferenceModel model = TestSupport.fit(values, 31);
        Dataset data = model.sample(new RecordingRunContext(31));
        assertEquals(40_000, data.size(), "one choice per user");
        double[] softmax = new double[6];
        double total = 0;
        for (int i = 0; i < 6; i++) {
            softmax[i] = Math.exp(model.world().preference(0, i) / 0.7);
            total += softmax[i];
        }
        int[] counts = data.itemCounts();
        for (int i = 0; i < 6; i++) {
            assertEquals(softmax[i] / total, counts[i] / 40_000.0, 0.008,
                    "item " + i);
        }
        values.put("policyTemperature", 0.0);
        values.put("numUsers", 100);
        model = TestSupport.fit(values, 31);
        int best = 0;
        for (int i = 1; i < 6; i++) {
            best = model.world().preference(0, i) > model.world().preference(0, best) ? i : best;
        }
        assertEquals(100, model.sample(new RecordingRunContext(31)).itemCounts()[best]);
    }

    @Test
    void rankingByTruePreferenceHitsHeldOutChoicesFarMoreOftenThanRandom() {
        KnownPreferenceModel model = TestSupport.fit(Map.of("numUsers", 1000, "numItems", 1000), 23);
        Dataset data = model.sample(new RecordingRunContext(23));
        Model truth = model.truePreferences().orElseThrow();
        double oracle = hitRate(truth, data, 2, 10);
        double random = hitRate(LatentData.randomModel(data.numItems(), 23), data, 2, 10);
        // With this seed 0.131 against 0.016: exposure (popularity logging) and the choice noise decide
        // a lot, since users choose among what they are shown, but true preferences predict choices.
        assertTrue(oracle > 0.1, "hit rate of true preferences " + oracle);
        assertTrue(oracle > 5 * random, "true preferences " + oracle + ", random " + random);
    }

    /**
     * The fraction of held-out choices (each user's last {@code heldOut}) in the user's top k of the
     * model among the items the user did not choose before.
     */
    static double hitRate(Model model, Dataset data, int heldOut, int k) {
        int n = data.numItems();
        float[] scores = new float[n];
        long hits = 0;
        long total = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            int split = data.end(u) - heldOut;
            model.score(new int[] {u}, scores);
            for (int i = data.begin(u); i < split; i++) {
                scores[data.item(i)] = Float.NEGATIVE_INFINITY;
            }
            int[] top = TopK.select(scores, 0, n, k);
            for (int i = split; i < data.end(u); i++) {
                for (int t : top) {
                    hits += t == data.item(i) ? 1 : 0;
                }
                total++;
            }
        }
        return (double) hits / total;
    }
}
