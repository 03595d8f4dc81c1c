package org.surrogate.bundles.holdoutprotocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.protocol.SlotSpec;
import org.surrogate.api.run.TrialCancelledException;
import org.surrogate.api.split.Split;
import org.surrogate.testkit.RecordingRunContext;

class HoldoutProtocolTest {

    private final HoldoutProtocol protocol = new HoldoutProtocol();

    /** A trial with the fixed generator, the given splitter, recommenders "a" and "b" and the size evaluator. */
    private static FakeTrial trial(FakePlugins.PositionSplitter splitter, FakePlugins.RecordingRecommender rec,
                                   FakePlugins.SizeEvaluator sizes) {
        return new FakeTrial(Map.of()).with("data", new FakePlugins.FixedGenerator(), "fixed")
                .with("split", splitter, "fake")
                .with("recommenders", rec, "a").with("recommenders", rec, "b")
                .with("evaluators", sizes, "sizes");
    }

    @Test
    void descriptorDeclaresIdSlotsAndNoParameters() {
        assertEquals("holdout", protocol.descriptor().id());
        assertEquals(PluginKind.PROTOCOL, protocol.descriptor().kind());
        List<SlotSpec> slots = protocol.slots();
        assertEquals(List.of("data", "dataset", "split", "recommenders", "evaluators"),
                slots.stream().map(SlotSpec::name).toList());
        assertEquals(List.of(PluginKind.GENERATOR, PluginKind.DATASET_SOURCE, PluginKind.SPLITTER,
                        PluginKind.RECOMMENDER, PluginKind.EVALUATOR), slots.stream().map(SlotSpec::kind).toList());
        assertEquals(List.of(0, 0, 1, 1, 1), slots.stream().map(SlotSpec::min).toList());
        assertEquals(List.of(1, 1, 1, Integer.MAX_VALUE, Integer.MAX_VALUE),
                slots.stream().map(SlotSpec::max).toList());
    }

    @Test
    void loadsTheDatasetFromADatasetSourceAndRefusesBothOrNeither() throws Exception {
        org.surrogate.testkit.RecordingRunContext ctx = new org.surrogate.testkit.RecordingRunContext(1);
        org.surrogate.api.data.Dataset fixed = org.surrogate.api.data.Dataset.builder("loaded", 2, 3)
                .add(0, 0, 1f, 1).add(0, 1, 1f, 2).add(1, 1, 1f, 3).add(1, 2, 1f, 4).build();
        org.surrogate.api.data.DatasetSource source = new org.surrogate.api.data.DatasetSource() {
            @Override
            public org.surrogate.api.plugin.PluginDescriptor descriptor() {
                return new org.surrogate.api.plugin.PluginDescriptor("fixed", PluginKind.DATASET_SOURCE, "Fixed",
                        "A fixed dataset.", null, org.surrogate.api.param.ParamSchema.EMPTY);
            }

            @Override
            public org.surrogate.api.data.Dataset load(org.surrogate.api.param.Params p,
                                                       org.surrogate.api.run.RunContext c) {
                return fixed;
            }
        };
        FakeTrial loaded = trial(FakePlugins.PositionSplitter.folds(1), new FakePlugins.RecordingRecommender(null),
                new FakePlugins.SizeEvaluator());
        loaded.slots().remove("data");
        loaded.with("dataset", source, "fixed");
        protocol.run(loaded, ctx);
        assertEquals(4.0, ctx.results.get("data/interactions"));

        FakeTrial both = trial(FakePlugins.PositionSplitter.folds(1), new FakePlugins.RecordingRecommender(null),
                new FakePlugins.SizeEvaluator()).with("dataset", source, "fixed");
        assertEquals("protocol 'holdout': give exactly one of slot 'data' (a generator) and slot 'dataset' (a dataset "
                + "source); found 1 and 1", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> protocol.run(both, ctx)).getMessage());
    }

    @Test
    void testFractionIsNoLongerAParameter() {
        InvalidParamsException e = assertThrows(InvalidParamsException.class,
                () -> HoldoutProtocol.DESCRIPTOR.params().validate(Map.of("testFraction", 0.2), "params"));
        assertEquals("params.testFraction: unknown parameter; accepted: saveModels", e.getMessage());
    }

    @Test
    void fitsEveryRecommenderOnTheSplitsTrainAndPassesItsFoldIn() throws Exception {
        FakePlugins.PositionSplitter splitter = FakePlugins.PositionSplitter.heldOutOddUsers();
        FakePlugins.RecordingRecommender rec = new FakePlugins.RecordingRecommender(null);
        FakePlugins.SizeEvaluator sizes = new FakePlugins.SizeEvaluator();
        RecordingRunContext ctx = new RecordingRunContext(42);
        protocol.run(trial(splitter, rec, sizes), ctx);

        // User u has u interactions (66): even users train (30), odd users' last one test (users 3..11: 5).
        assertEquals(1, splitter.given.size());
        assertEquals(66, splitter.given.get(0).size());
        assertEquals(List.of("data/interactions", "split/count", "a/train", "a/test", "b/train", "b/test"),
                List.copyOf(ctx.results.keySet()));
        assertEquals(1.0, ctx.results.get("split/count"));
        assertEquals(30.0, ctx.results.get("a/train"));
        assertEquals(5.0, ctx.results.get("b/test"));
        Split split = splitter.returned.get(0);
        assertSame(split.train(), rec.fittedOn.get(0));
        assertSame(split.train(), rec.fittedOn.get(1));
        assertSame(split.test(), sizes.inputs.get(0).test());
        assertSame(split.foldIn(), sizes.inputs.get(0).foldIn());
        assertEquals(31, sizes.inputs.get(0).foldIn().size());
    }

    @Test
    void reportsEachFoldAndTheMeanOverFolds() throws Exception {
        FakePlugins.PositionSplitter splitter = FakePlugins.PositionSplitter.folds(2);
        FakePlugins.RecordingRecommender rec = new FakePlugins.RecordingRecommender(null);
        FakePlugins.SizeEvaluator sizes = new FakePlugins.SizeEvaluator();
        RecordingRunContext ctx = new RecordingRunContext(42);
        protocol.run(trial(splitter, rec, sizes), ctx);

        // Users 2..11 (65 interactions) deal even positions to fold 1 (35) and odd ones to fold 2 (30);
        // user 1's one interaction stays in train: train 31 and 36.
        assertEquals(List.of("data/interactions", "split/count", "a/fold1/train", "a/fold1/test", "b/fold1/train",
                "b/fold1/test", "a/fold2/train", "a/fold2/test", "b/fold2/train", "b/fold2/test", "a/train", "a/test",
                "b/train", "b/test"), List.copyOf(ctx.results.keySet()));
        assertEquals(2.0, ctx.results.get("split/count"));
        assertEquals(31.0, ctx.results.get("a/fold1/train"));
        assertEquals(35.0, ctx.results.get("a/fold1/test"));
        assertEquals(36.0, ctx.results.get("b/fold2/train"));
        assertEquals(30.0, ctx.results.get("b/fold2/test"));
        assertEquals(33.5, ctx.results.get("a/train"));
        assertEquals(32.5, ctx.results.get("b/test"));
        assertEquals(4, rec.fittedOn.size());
        assertSame(splitter.returned.get(1).train(), rec.fittedOn.get(2));
        assertNull(sizes.inputs.get(0).foldIn());
        assertTrue(ctx.messages.contains("a/fold2: fitted"), ctx.messages.toString());
    }

    @Test
    void recordsWhichSplitsWereUsedInTheLogAndAnArtifact() throws Exception {
        FakePlugins.PositionSplitter splitter = FakePlugins.PositionSplitter.folds(2);
        RecordingRunContext ctx = new RecordingRunContext(42);
        protocol.run(trial(splitter, new FakePlugins.RecordingRecommender(null), new FakePlugins.SizeEvaluator()), ctx);

        Split first = splitter.returned.get(0);
        String parts = "train 'fixed/train1', 12 users, 20 items, 31 interactions, sha256 " + first.train().checksum()
                + "; validation none; test 'fixed/test1', 12 users, 20 items, 35 interactions, sha256 "
                + first.test().checksum() + "; fold-in none";
        assertTrue(ctx.logs.contains("INFO split 1 of 2: fake fold 1 of 2 (" + parts + ")"), ctx.logs.toString());
        String record = ctx.artifacts.get(HoldoutProtocol.SPLIT_ARTIFACT).toString(StandardCharsets.UTF_8);
        String[] lines = record.split("\n");
        assertEquals(6, lines.length, record);
        assertEquals("splitter: positions (label fake), params {}", lines[0]);
        assertTrue(lines[1].startsWith("dataset: 'fixed', 12 users, 20 items, 66 interactions, sha256 "), lines[1]);
        assertEquals("split 1 of 2: fake fold 1 of 2", lines[2]);
        assertEquals("  " + parts, lines[3]);
        assertEquals("split 2 of 2: fake fold 2 of 2", lines[4]);
    }

    @Test
    void reportsIncreasingProgressEndingAtOne() throws Exception {
        RecordingRunContext ctx = new RecordingRunContext(1);
        protocol.run(trial(FakePlugins.PositionSplitter.folds(3), new FakePlugins.RecordingRecommender(null),
                new FakePlugins.SizeEvaluator()), ctx);
        for (int k = 1; k < ctx.progress.size(); k++) {
            assertTrue(ctx.progress.get(k) >= ctx.progress.get(k - 1), "progress " + ctx.progress);
        }
        assertEquals(1.0, ctx.progress.get(ctx.progress.size() - 1));
        // The generator's own 0.5 lands halfway through the sampling share [0.05, 0.2], the splitter's
        // halfway through the split share [0.2, 0.25], both labelled.
        assertEquals(0.125, ctx.progress.get(ctx.messages.indexOf("fixed: half")), 1e-12);
        assertEquals(0.225, ctx.progress.get(ctx.messages.indexOf("fake: half")), 1e-12);
        assertTrue(ctx.messages.contains("b/fold3: fitted"), ctx.messages.toString());
    }

    @Test
    void stopsBeforeTheNextRecommenderWhenCancelled() {
        RecordingRunContext ctx = new RecordingRunContext(1);
        FakePlugins.RecordingRecommender cancelling = new FakePlugins.RecordingRecommender(ctx);
        FakePlugins.RecordingRecommender second = new FakePlugins.RecordingRecommender(null);
        FakeTrial trial = new FakeTrial(Map.of()).with("data", new FakePlugins.FixedGenerator(), "fixed")
                .with("split", FakePlugins.PositionSplitter.folds(2), "fake")
                .with("recommenders", cancelling, "first").with("recommenders", second, "second")
                .with("evaluators", new FakePlugins.SizeEvaluator(), "sizes");
        assertThrows(TrialCancelledException.class, () -> protocol.run(trial, ctx));
        assertEquals(1, cancelling.fittedOn.size());
        assertEquals(0, second.fittedOn.size());
    }

    @Test
    void rejectsASplitterThatReturnsNoSplit() {
        FakeTrial trial = trial(FakePlugins.PositionSplitter.none(), new FakePlugins.RecordingRecommender(null),
                new FakePlugins.SizeEvaluator());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> protocol.run(trial, new RecordingRunContext(1)));
        assertEquals("protocol 'holdout': splitter 'fake' returned no split of dataset 'fixed'; a splitter must "
                + "return at least one", e.getMessage());
    }

    @Test
    void savesFittedModelsAsArtifactsWhenAskedAndLogsThoseThatCannotBeSaved() throws Exception {
        FakePlugins.RecordingRecommender unsaveable = new FakePlugins.RecordingRecommender(null);
        org.surrogate.api.recommender.Recommender saving = new org.surrogate.api.recommender.Recommender() {
            @Override
            public org.surrogate.api.plugin.PluginDescriptor descriptor() {
                return new org.surrogate.api.plugin.PluginDescriptor("saving", PluginKind.RECOMMENDER, "Saving", "Saves a fixed model.",
                        null, org.surrogate.api.param.ParamSchema.EMPTY);
            }

            @Override
            public org.surrogate.api.recommender.Model fit(org.surrogate.api.data.Dataset train,
                                                           org.surrogate.api.param.Params params,
                                                           org.surrogate.api.run.RunContext ctx) {
                return new org.surrogate.api.recommender.Model() {
                    @Override
                    public int numItems() {
                        return train.numItems();
                    }

                    @Override
                    public void score(int[] users, float[] out) {
                    }

                    @Override
                    public void save(java.io.OutputStream out) throws java.io.IOException {
                        out.write("model bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                };
            }
        };
        FakeTrial trial = new FakeTrial(Map.of("saveModels", true))
                .with("data", new FakePlugins.FixedGenerator(), "fixed")
                .with("split", FakePlugins.PositionSplitter.heldOutOddUsers(), "fake")
                .with("recommenders", saving, "s/1").with("recommenders", unsaveable, "u")
                .with("evaluators", new FakePlugins.SizeEvaluator(), "sizes");
        RecordingRunContext ctx = new RecordingRunContext(1);
        protocol.run(trial, ctx);
        assertEquals("model bytes", ctx.artifacts.get("s-1.model").toString(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(ctx.logs.stream().anyMatch(l -> l.contains("model of u not saved")), ctx.logs.toString());
        RecordingRunContext without = new RecordingRunContext(1);
        protocol.run(trial(FakePlugins.PositionSplitter.heldOutOddUsers(), unsaveable, new FakePlugins.SizeEvaluator()),
                without);
        assertTrue(without.artifacts.keySet().stream().noneMatch(k -> k.endsWith(".model")), "off by default");
    }
}
