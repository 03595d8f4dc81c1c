package org.surrogate.bundles.knownpreference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.surrogate.bundles.knownpreference.TestSupport.simulatorParams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Policy;
import org.surrogate.api.simulator.FeedbackType;
import org.surrogate.api.simulator.Observation;
import org.surrogate.api.simulator.StepResult;
import org.surrogate.testkit.RecordingRunContext;

class KnownPreferenceSimulatorTest {

    private static final Map<String, Object> SMALL = Map.of("numUsers", 100, "numItems", 200);

    private final KnownPreferenceSimulator simulator = new KnownPreferenceSimulator();

    private KnownPreferenceEnvironment env(Map<String, ?> values, long seed) {
        return (KnownPreferenceEnvironment) simulator.create(null, simulatorParams(values),
                new RecordingRunContext(seed));
    }

    @Test
    void descriptorDeclaresIdKindAndDefaults() {
        assertEquals("known-preference-env", simulator.descriptor().id());
        assertEquals(PluginKind.SIMULATOR, simulator.descriptor().kind());
        Params d = KnownPreferenceSimulator.DESCRIPTOR.params().defaults();
        assertEquals(List.of("numUsers", "numItems", "dimension", "clusters", "clusterSpread", "popularitySkew",
                "popularityBias", "choiceTemperature", "positionBias", "outsideUtility", "sessionLength", "twin"),
                List.copyOf(d.asMap().keySet()));
        assertEquals(20, d.getInt("sessionLength"));
        assertFalse(d.getBoolean("twin"));
        KnownPreferenceSimulator.DESCRIPTOR.params().params().forEach(p -> assertFalse(p.help().isBlank(), p.name()));
    }

    @Test
    void answersWithSkipOrClickUntilTheHorizon() {
        KnownPreferenceEnvironment env = env(Map.of("numUsers", 100, "numItems", 200, "sessionLength", 5), 1);
        assertEquals(List.of(new FeedbackType("skip", 0), new FeedbackType("click", 1)), env.feedbackTypes());
        assertEquals(5, env.horizon());
        assertEquals(100, env.numUsers());
        assertEquals(200, env.numItems());
        Observation obs = env.reset(42);
        assertEquals(42, obs.user());
        assertEquals(0, obs.items().length);
        for (int step = 1; step <= 5; step++) {
            int[] slate = {step, 10 + step, 20 + step, 30 + step};
            StepResult r = env.step(obs, slate);
            int clicks = 0;
            double sum = 0;
            for (int j = 0; j < slate.length; j++) {
                clicks += r.feedback()[j];
                sum += r.values()[j];
                assertTrue(r.values()[j] > 0);
            }
            assertTrue(clicks <= 1 && sum <= 1 + 1e-6, "clicks " + clicks + ", probabilities " + sum);
            assertEquals(clicks, r.reward());
            assertEquals(step == 5, r.done(), "step " + step);
            obs = r.next();
            assertEquals(step, obs.step());
            assertEquals(4 * step, obs.items().length);
            assertArrayEquals(slate, java.util.Arrays.copyOfRange(obs.items(), 4 * step - 4, 4 * step));
        }
        Observation done = obs;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(done, new int[] {1}));
        assertEquals("simulator 'known-preference-env': session 0 is done after 5 steps (horizon 5); reset the user "
                + "to start another", e.getMessage());
    }

    @Test
    void rejectsBadUsersItemsAndSlatesNamingThem() {
        KnownPreferenceEnvironment env = env(SMALL, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.reset(100));
        assertEquals("simulator 'known-preference-env': user 100 is out of range [0, 100)", e.getMessage());
        Observation obs = env.reset(3);
        e = assertThrows(IllegalArgumentException.class, () -> env.step(obs, new int[] {4, 200}));
        assertEquals("simulator 'known-preference-env': slate item 200 at position 1 is out of range [0, 200)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> env.step(obs, new int[] {4, 5, 6, 5}));
        assertEquals("simulator 'known-preference-env': slate shows item 5 twice (positions 1 and 3); a slate shows "
                + "distinct items", e.getMessage());
        int[] long40 = new int[40];
        for (int j = 0; j < 40; j++) {
            long40[j] = j;
        }
        long40[39] = 2;
        e = assertThrows(IllegalArgumentException.class, () -> env.step(obs, long40));
        assertEquals("simulator 'known-preference-env': slate shows item 2 twice (positions 2 and 39); a slate shows "
                + "distinct items", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> env.step(List.of(obs, obs), List.of(new int[] {1})));
        assertEquals("simulator 'known-preference-env': 2 observations but 1 slates", e.getMessage());
    }

    @Test
    void aBatchedStepAnswersAsTheSameStepsOneByOne() {
        KnownPreferenceEnvironment one = env(SMALL, 8);
        KnownPreferenceEnvironment batch = env(SMALL, 8);
        List<Observation> states = new ArrayList<>();
        List<int[]> slates = new ArrayList<>();
        for (int u = 0; u < 50; u++) {
            states.add(batch.reset(u));
            slates.add(new int[] {u, u + 50, u + 100, u + 150});
        }
        List<StepResult> batched = batch.step(states, slates);
        for (int u = 0; u < 50; u++) {
            StepResult single = one.step(one.reset(u), slates.get(u));
            assertArrayEquals(single.feedback(), batched.get(u).feedback(), "user " + u);
            assertArrayEquals(single.values(), batched.get(u).values(), "user " + u);
            assertEquals(single.reward(), batched.get(u).reward());
        }
    }

    @Test
    void sameSeedSameAnswersAndAnotherSeedOthers() {
        assertEquals(clicks(env(SMALL, 4)), clicks(env(SMALL, 4)));
        assertNotEquals(clicks(env(SMALL, 4)), clicks(env(SMALL, 5)));
    }

    private static List<Integer> clicks(KnownPreferenceEnvironment env) {
        List<Integer> out = new ArrayList<>();
        for (int u = 0; u < 100; u++) {
            StepResult r = env.step(env.reset(u), new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
            int clicked = -1;
            for (int j = 0; j < 10; j++) {
                clicked = r.feedback()[j] == KnownPreferenceEnvironment.CLICK ? j : clicked;
            }
            out.add(clicked);
        }
        return out;
    }

    @Test
    void isTheSameWorldAsTheGeneratorWithTheSameParametersAndSeed() {
        KnownPreferenceEnvironment env = env(Map.of("numUsers", 100, "numItems", 200, "dimension", 4), 12);
        KnownPreferenceModel gen = TestSupport.fit(Map.of("numUsers", 100, "numItems", 200, "dimension", 4), 12);
        float[] a = new float[3 * 200];
        float[] b = new float[3 * 200];
        env.truePreferences().score(new int[] {0, 50, 99}, a);
        gen.truePreferences().orElseThrow().score(new int[] {0, 50, 99}, b);
        assertArrayEquals(a, b);
    }

    @Test
    void laterSlatePositionsAreClickedLess() {
        int[] biased = clicksByPosition(0.5);
        int[] unbiased = clicksByPosition(0.0);
        // Random slates, so preference averages out over positions and only the bias remains.
        assertTrue(biased[0] > 1.3 * biased[4] && biased[4] > 1.1 * biased[9], java.util.Arrays.toString(biased));
        int max = java.util.Arrays.stream(unbiased).max().orElseThrow();
        int min = java.util.Arrays.stream(unbiased).min().orElseThrow();
        assertTrue(max < 1.15 * min, java.util.Arrays.toString(unbiased));
    }

    private int[] clicksByPosition(double positionBias) {
        KnownPreferenceEnvironment env = env(Map.of("numUsers", 100, "numItems", 200, "positionBias", positionBias,
                "sessionLength", 1000), 6);
        SplitMixRandom rng = new SplitMixRandom(9);
        int[] clicks = new int[10];
        int[] slate = new int[10];
        for (int u = 0; u < 100; u++) {
            Observation obs = env.reset(u);
            for (int step = 0; step < 400; step++) {
                for (int j = 0; j < 10; j++) {
                    slate[j] = 20 * j + rng.nextInt(20);
                }
                shuffle(slate, rng);
                StepResult r = env.step(obs, slate);
                for (int j = 0; j < 10; j++) {
                    clicks[j] += r.feedback()[j];
                }
                obs = new Observation(obs.session(), u, 0, new int[0], new int[0], new float[0]);
            }
        }
        return clicks;
    }

    private static void shuffle(int[] a, SplitMixRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    @Test
    void theTruePreferencePolicyEarnsMoreThanRandomSlates() {
        // Short sessions: Model.asPolicy() never shows an item twice, so over a long session even the
        // oracle runs down to mediocre items.
        KnownPreferenceEnvironment env = env(Map.of("numUsers", 200, "numItems", 500, "sessionLength", 3), 3);
        Policy oracle = env.truePreferences().asPolicy();
        SplitMixRandom rng = new SplitMixRandom(4);
        Policy random = (obs, k) -> {
            int[] slate = new int[k];
            for (int j = 0; j < k; j++) {
                slate[j] = 50 * j + rng.nextInt(50);
            }
            return slate;
        };
        double oracleReward = meanReward(env, oracle);
        double randomReward = meanReward(env, random);
        // About 0.88 against 0.54 clicks per step with this seed.
        assertTrue(oracleReward > randomReward + 0.25, "oracle " + oracleReward + ", random " + randomReward);
    }

    private static double meanReward(KnownPreferenceEnvironment env, Policy policy) {
        double total = 0;
        int steps = 0;
        for (int u = 0; u < env.numUsers(); u++) {
            Observation obs = env.reset(u);
            StepResult r;
            do {
                r = env.step(obs, policy.act(obs, 10));
                total += r.reward();
                steps++;
                obs = r.next();
            } while (!r.done());
        }
        assertEquals(env.numUsers() * env.horizon(), steps);
        return total / steps;
    }

    @Test
    void twinModeTakesSizesFromTheLogs() {
        Dataset logs = Dataset.builder("logs", 30, 70).add(0, 1, 1f).add(1, 1, 1f).add(2, 5, 1f).build();
        KnownPreferenceEnvironment env = (KnownPreferenceEnvironment) simulator.create(logs,
                simulatorParams(Map.of("twin", true)), new RecordingRunContext(1));
        assertEquals(30, env.numUsers());
        assertEquals(70, env.numItems());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> simulator.create(null,
                simulatorParams(Map.of("twin", true)), new RecordingRunContext(1)));
        assertEquals("simulator 'known-preference-env': twin is true but no logs were given; give a dataset or set "
                + "twin to false", e.getMessage());
    }
}
