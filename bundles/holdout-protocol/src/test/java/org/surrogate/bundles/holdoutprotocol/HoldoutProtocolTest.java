package org.surrogate.bundles.holdoutprotocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.protocol.SlotSpec;
import org.surrogate.api.run.TrialCancelledException;
import org.surrogate.testkit.RecordingRunContext;

class HoldoutProtocolTest {

    private final HoldoutProtocol protocol = new HoldoutProtocol();

    @Test
    void descriptorDeclaresIdSlotsAndDefaults() {
        assertEquals("holdout", protocol.descriptor().id());
        assertEquals(PluginKind.PROTOCOL, protocol.descriptor().kind());
        assertEquals(0.2, HoldoutProtocol.DESCRIPTOR.params().defaults().getDouble("testFraction"));
        List<SlotSpec> slots = protocol.slots();
        assertEquals(List.of("data", "recommenders", "evaluators"), slots.stream().map(SlotSpec::name).toList());
        assertEquals(List.of(PluginKind.GENERATOR, PluginKind.RECOMMENDER, PluginKind.EVALUATOR),
                slots.stream().map(SlotSpec::kind).toList());
        assertEquals(List.of(1, 1, 1), slots.stream().map(SlotSpec::min).toList());
        assertEquals(List.of(1, Integer.MAX_VALUE, Integer.MAX_VALUE), slots.stream().map(SlotSpec::max).toList());
    }

    @Test
    void fitsEveryRecommenderOnTrainAndEvaluatesItWithEveryEvaluator() {
        FakePlugins.FixedGenerator generator = new FakePlugins.FixedGenerator();
        FakePlugins.RecordingRecommender rec = new FakePlugins.RecordingRecommender(null);
        FakePlugins.SizeEvaluator sizes = new FakePlugins.SizeEvaluator();
        FakeTrial trial = new FakeTrial(Map.of("testFraction", 0.5))
                .with("data", generator, "fixed")
                .with("recommenders", rec, "a").with("recommenders", rec, "b")
                .with("evaluators", sizes, "sizes");
        RecordingRunContext ctx = new RecordingRunContext(42);
        protocol.run(trial, ctx);

        // 0 + 1 + ... + 11 = 66 interactions; user u >= 2 holds out min(u - 1, round(u / 2)):
        // u = 2..11 -> 1, 2, 2, 3, 3, 4, 4, 5, 5, 6 = 35 (Math.round rounds halves up).
        assertNull(generator.references.get(0));
        assertEquals(66.0, ctx.results.get("data/interactions"));
        assertEquals(List.of("data/interactions", "a/train", "a/test", "b/train", "b/test"),
                List.copyOf(ctx.results.keySet()));
        assertEquals(31.0, ctx.results.get("a/train"));
        assertEquals(35.0, ctx.results.get("a/test"));
        assertEquals(2, rec.fittedOn.size());
        assertSame(rec.fittedOn.get(0), sizes.inputs.get(0).train());
        assertSame(rec.fittedOn.get(0), rec.fittedOn.get(1));
        assertTrue(ctx.logs.stream().anyMatch(l -> l.contains("sha256 ")), ctx.logs.toString());
    }

    @Test
    void reportsIncreasingProgressEndingAtOne() {
        RecordingRunContext ctx = new RecordingRunContext(1);
        FakePlugins.RecordingRecommender rec = new FakePlugins.RecordingRecommender(null);
        protocol.run(new FakeTrial(Map.of()).with("data", new FakePlugins.FixedGenerator(), "fixed")
                .with("recommenders", rec, "a").with("recommenders", rec, "b")
                .with("evaluators", new FakePlugins.SizeEvaluator(), "sizes"), ctx);
        for (int k = 1; k < ctx.progress.size(); k++) {
            assertTrue(ctx.progress.get(k) >= ctx.progress.get(k - 1), "progress " + ctx.progress);
        }
        assertEquals(1.0, ctx.progress.get(ctx.progress.size() - 1));
        // The generator's own 0.5 lands halfway through the sampling share [0.05, 0.2], labelled.
        int half = ctx.messages.indexOf("fixed: half");
        assertEquals(0.125, ctx.progress.get(half), 1e-12);
        assertTrue(ctx.messages.contains("b: fitted"), ctx.messages.toString());
    }

    @Test
    void splitHoldsOutTheRoundedFractionOfEveryUserWithTwoOrMoreInteractions() {
        Dataset data = Dataset.builder("d", 5, 30)
                .add(1, 0, 1f, 10)
                .add(2, 0, 1f, 10).add(2, 1, 1f, 11)
                .add(3, 0, 2f, 10).add(3, 1, 3f, 11).add(3, 2, 4f, 12).add(3, 3, 5f, 13).add(3, 4, 6f, 14)
                .build();
        HoldoutSplit s = HoldoutSplit.of(data, 0.5, new Random(3));
        assertEquals(List.of(0, 1, 1, 2, 0), List.of(s.train().degree(0), s.train().degree(1), s.train().degree(2),
                s.train().degree(3), s.train().degree(4)));
        // degree 2: round(1.0) = 1 held out; degree 5: round(2.5) = 3 held out.
        assertEquals(1, s.test().degree(2));
        assertEquals(3, s.test().degree(3));
        assertEquals("d/train", s.train().name());
        assertEquals(30, s.test().numItems());
        // Every interaction lands in exactly one part with its value and timestamp.
        float valueSum = 0;
        long timeSum = 0;
        for (Dataset part : List.of(s.train(), s.test())) {
            for (int i = 0; i < part.size(); i++) {
                valueSum += part.value(i);
                timeSum += part.timestamp(i);
            }
        }
        assertEquals(1 + 2 + 20f, valueSum);
        assertEquals(10 + 21 + 60L, timeSum);
        // A high fraction still leaves one interaction of each user in training.
        HoldoutSplit most = HoldoutSplit.of(data, 0.99, new Random(3));
        assertEquals(1, most.train().degree(3));
        assertEquals(1, most.train().degree(2));
    }

    @Test
    void splitKeepsDataWithoutTimestampsUntimed() {
        Dataset data = Dataset.builder("plain", 1, 4).add(0, 0, 1f).add(0, 1, 1f).add(0, 2, 1f).add(0, 3, 1f).build();
        HoldoutSplit s = HoldoutSplit.of(data, 0.25, new Random(1));
        assertEquals(3, s.train().size());
        assertEquals(1, s.test().size());
        assertFalse(s.train().hasTimestamps());
        assertFalse(s.test().hasTimestamps());
    }

    @Test
    void splitIsAFunctionOfTheSeed() {
        Dataset data = new FakePlugins.FixedGenerator().fit(null, null, new RecordingRunContext(0))
                .sample(new RecordingRunContext(0));
        RecordingRunContext ctx = new RecordingRunContext(7);
        String first = HoldoutSplit.of(data, 0.3, ctx.random("split")).test().checksum();
        assertEquals(first, HoldoutSplit.of(data, 0.3, ctx.random("split")).test().checksum());
        assertNotEquals(first, HoldoutSplit.of(data, 0.3, new RecordingRunContext(8).random("split")).test().checksum());
    }

    @Test
    void stopsBeforeTheNextRecommenderWhenCancelled() {
        RecordingRunContext ctx = new RecordingRunContext(1);
        FakePlugins.RecordingRecommender cancelling = new FakePlugins.RecordingRecommender(ctx);
        FakePlugins.RecordingRecommender second = new FakePlugins.RecordingRecommender(null);
        FakeTrial trial = new FakeTrial(Map.of()).with("data", new FakePlugins.FixedGenerator(), "fixed")
                .with("recommenders", cancelling, "first").with("recommenders", second, "second")
                .with("evaluators", new FakePlugins.SizeEvaluator(), "sizes");
        assertThrows(TrialCancelledException.class, () -> protocol.run(trial, ctx));
        assertEquals(1, cancelling.fittedOn.size());
        assertEquals(0, second.fittedOn.size());
    }

    @Test
    void rejectsATestFractionOfOne() {
        FakeTrial trial = new FakeTrial(Map.of("testFraction", 1.0))
                .with("data", new FakePlugins.FixedGenerator(), "fixed")
                .with("recommenders", new FakePlugins.RecordingRecommender(null), "a")
                .with("evaluators", new FakePlugins.SizeEvaluator(), "sizes");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> protocol.run(trial, new RecordingRunContext(1)));
        assertEquals("protocol 'holdout': testFraction must be in (0, 1), found 1.0; use for example 0.2",
                e.getMessage());
    }
}
