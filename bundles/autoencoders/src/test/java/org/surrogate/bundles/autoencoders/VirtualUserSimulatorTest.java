package org.surrogate.bundles.autoencoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.simulator.Environment;
import org.surrogate.api.simulator.FeedbackType;
import org.surrogate.api.simulator.Observation;
import org.surrogate.api.simulator.StepResult;
import org.surrogate.testkit.LatentData;
import org.surrogate.testkit.RecordingRunContext;

class VirtualUserSimulatorTest {

    private final VirtualUserSimulator simulator = new VirtualUserSimulator();

    static Params params(Map<String, ?> values) {
        Map<String, Object> v = new HashMap<>(Map.of("encoderDims", List.of(64, 16), "epochs", 20, "batchSize", 50,
                "totalAnnealSteps", 100L, "threads", 1, "rewardPretrainEpochs", 5, "jointEpochs", 10,
                "fusionDim", 16, "virtualUserWidth", 32));
        v.putAll(values);
        return VirtualUserSimulator.DESCRIPTOR.params().validate(v, "");
    }

    private static Params small(Map<String, ?> values) {
        Map<String, Object> v = new HashMap<>(Map.of("encoderDims", List.of(16, 4), "epochs", 2, "batchSize", 40,
                "rewardPretrainEpochs", 1, "jointEpochs", 1, "fusionDim", 8, "virtualUserWidth", 8, "threads", 1));
        v.putAll(values);
        return params(v);
    }

    @Test
    void descriptorIsASimulatorWithCfSflsParametersAndAtLeastOneStep() {
        assertEquals("cf-sfl-user", simulator.descriptor().id());
        assertEquals(PluginKind.SIMULATOR, simulator.descriptor().kind());
        Params d = VirtualUserSimulator.DESCRIPTOR.params().defaults();
        assertEquals(1, d.getInt("feedbackSteps"));
        assertEquals(10, d.getInt("horizon"));
        assertEquals("sample", d.getString("feedbackDraw"));
        for (String name : CfSflRecommender.DESCRIPTOR.params().defaults().asMap().keySet()) {
            assertTrue(d.asMap().containsKey(name), name);
        }
        InvalidParamsException e = assertThrows(InvalidParamsException.class, () -> params(Map.of("feedbackSteps", 0)));
        assertTrue(e.getMessage().contains("feedbackSteps"), e.getMessage());
        VirtualUserSimulator.DESCRIPTOR.params().params().forEach(p -> assertFalse(p.help().isBlank(), p.name()));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> simulator.create(null, small(Map.of()), new RecordingRunContext(1)));
        assertTrue(none.getMessage().contains("cf-sfl-user"), none.getMessage());
    }

    /**
     * Latent data without popularity skew (items are chosen by the users' latent preference only): the
     * virtual user must score a user's held-out items above random items, and above the held-out items
     * of another user (the same item distribution, so not a popularity effect).
     */
    @Test
    void rewardsTheItemsAUserInteractsWithAboveRandomOnes() {
        int users = 400;
        int items = 200;
        LatentData data = new LatentData(users, items, 20, 5, 0.0, 3.0, 7);
        Environment env = simulator.create(data.train, params(Map.of()), new RecordingRunContext(3));
        Random rng = new Random(1);
        double own = 0;
        double random = 0;
        double other = 0;
        double ownItem = 0;
        double randomItem = 0;
        int beatsRandom = 0;
        int beatsOther = 0;
        for (int u = 0; u < users; u++) {
            int[] test = data.test.itemsOf(u);
            Set<Integer> known = new HashSet<>();
            Arrays.stream(data.train.itemsOf(u)).forEach(known::add);
            Arrays.stream(test).forEach(known::add);
            int[] randomItems = new int[test.length];
            for (int k = 0; k < randomItems.length; k++) {
                int i;
                do {
                    i = rng.nextInt(items);
                } while (!known.add(i));
                randomItems[k] = i;
            }
            int v = (u + 1 + rng.nextInt(users - 1)) % users;
            int[] theirs = Arrays.stream(data.test.itemsOf(v)).filter(i -> !known.contains(i)).toArray();
            Observation obs = env.reset(u);
            List<StepResult> r = env.step(List.of(obs, obs, obs), List.of(test, randomItems,
                    theirs.length > 0 ? theirs : randomItems));
            own += r.get(0).reward() / users;
            random += r.get(1).reward() / users;
            other += r.get(2).reward() / users;
            for (int k = 0; k < test.length; k++) {
                ownItem += r.get(0).values()[k] / test.length / users;
                randomItem += r.get(1).values()[k] / test.length / users;
            }
            beatsRandom += r.get(0).reward() > r.get(1).reward() ? 1 : 0;
            beatsOther += r.get(0).reward() > r.get(2).reward() ? 1 : 0;
        }
        String summary = String.format("slate reward: held-out %.3f, random %.3f, another user's held-out %.3f; "
                + "item value: held-out %.3f, random %.3f; held-out beats random for %d of %d users, another "
                + "user's for %d", own, random, other, ownItem, randomItem, beatsRandom, users, beatsOther);
        System.out.println(summary);
        assertTrue(own > random + 0.05 && beatsRandom > 0.65 * users, summary);
        assertTrue(ownItem > randomItem + 0.03, summary);
        assertTrue(own > other + 0.03 && beatsOther > 0.55 * users, summary);
    }

    @Test
    void sessionsStartFromTheLogsGrowWithAcceptedItemsAndEndAtTheHorizon() {
        LatentData data = new LatentData(80, 40, 8, 2, 0.8, 2.0, 2);
        VirtualUserEnvironment env = (VirtualUserEnvironment) simulator.create(data.train,
                small(Map.of("horizon", 3)), new RecordingRunContext(4));
        assertEquals(List.of(new FeedbackType("ignore", 0), new FeedbackType("accept", 1)), env.feedbackTypes());
        assertEquals(80, env.numUsers());
        assertEquals(40, env.numItems());
        assertEquals(3, env.horizon());
        Observation obs = env.reset(5);
        assertArrayEquals(Arrays.stream(data.train.itemsOf(5)).sorted().distinct().toArray(), obs.items(),
                "the user's logged items (distinct, increasing)");
        assertTrue(Arrays.stream(obs.feedback()).allMatch(f -> f == VirtualUserEnvironment.ACCEPT));
        int logged = obs.items().length;
        int[][] slates = {{0, 1, 2}, {3, 4}, {5}};
        for (int step = 0; step < 3; step++) {
            StepResult r = env.step(obs, slates[step]);
            assertEquals(slates[step].length, r.feedback().length);
            assertTrue(r.reward() > 0 && r.reward() < 1, "R in (0, 1): " + r.reward());
            for (float value : r.values()) {
                assertTrue(value > 0 && value < 1);
            }
            assertEquals(step == 2, r.done());
            assertEquals(step + 1, r.next().step());
            obs = r.next();
        }
        assertEquals(logged + 6, obs.items().length);
        assertEquals(logged + 6, obs.values().length);
        Observation last = obs;
        assertThrows(IllegalArgumentException.class, () -> env.step(last, new int[] {7}));
        // accepted items count as the user's: a history with more accepted items gets another reward
        Observation fresh = env.reset(5);
        float one = (float) env.step(fresh, new int[] {9}).reward();
        Observation grown = new Observation(99, 5, 0, new int[] {fresh.items()[0], 30}, new int[] {1, 1},
                new float[0]);
        Observation ignored = new Observation(98, 5, 0, new int[] {fresh.items()[0], 30}, new int[] {1, 0},
                new float[0]);
        Observation alone = new Observation(97, 5, 0, new int[] {fresh.items()[0]}, new int[] {1}, new float[0]);
        assertEquals(env.step(alone, new int[] {9}).reward(), env.step(ignored, new int[] {9}).reward(), 1e-7,
                "ignored items are not part of the user's state");
        int[] state = {fresh.items()[0], 30};
        assertEquals(env.virtualUser().listRewards(new int[][] {state}, new int[][] {{9}})[0],
                env.step(grown, new int[] {9}).reward(), 1e-7, "accepted items are part of the user's state");
        assertEquals(env.virtualUser().listRewards(new int[][] {fresh.items()}, new int[][] {{9}})[0], one, 1e-7);
        float[] v = env.syntheticFeedback(fresh, new int[] {1, 2});
        assertEquals(8, v.length);
        double norm = 0;
        for (float f : v) {
            norm += f * f;
        }
        assertEquals(1.0, norm, 1e-3, "the feedback embedding has unit norm");
        assertThrows(IllegalArgumentException.class, () -> env.step(fresh, new int[] {40}));
        assertThrows(IllegalArgumentException.class, () -> env.reset(80));
        assertThrows(IllegalArgumentException.class, () -> env.step(List.of(fresh), List.of()));
    }

    @Test
    void sameSeedSameAnswersAndThresholdFeedbackFollowsTheValues() {
        LatentData data = new LatentData(60, 30, 6, 2, 0.8, 2.0, 3);
        Environment a = simulator.create(data.train, small(Map.of()), new RecordingRunContext(8));
        Environment b = simulator.create(data.train, small(Map.of()), new RecordingRunContext(8));
        int[] slate = {1, 2, 3, 4, 5, 6, 7, 8};
        for (int u = 0; u < 10; u++) {
            StepResult x = a.step(a.reset(u), slate);
            StepResult y = b.step(b.reset(u), slate);
            assertArrayEquals(x.feedback(), y.feedback());
            assertArrayEquals(x.values(), y.values());
            assertEquals(x.reward(), y.reward());
        }
        Environment t = simulator.create(data.train, small(Map.of("feedbackDraw", "threshold")),
                new RecordingRunContext(8));
        StepResult r = t.step(t.reset(0), slate);
        for (int j = 0; j < slate.length; j++) {
            assertEquals(r.values()[j] >= 0.5f ? 1 : 0, r.feedback()[j]);
        }
        // batched steps equal single ones
        Environment c = simulator.create(data.train, small(Map.of("feedbackDraw", "threshold")),
                new RecordingRunContext(8));
        List<StepResult> batch = c.step(List.of(c.reset(0), c.reset(1)), List.of(slate, new int[] {9, 10}));
        assertArrayEquals(r.values(), batch.get(0).values());
        assertEquals(r.reward(), batch.get(0).reward(), 1e-7);
        assertArrayEquals(c.step(c.reset(1), new int[] {9, 10}).values(), batch.get(1).values());
    }
}
