package org.surrogate.bundles.holdoutprotocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.evaluation.EvaluationResult;
import org.surrogate.api.evaluation.Evaluator;
import org.surrogate.api.generator.Generator;
import org.surrogate.api.generator.GeneratorModel;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.split.Split;
import org.surrogate.api.split.Splitter;
import org.surrogate.testkit.RecordingRunContext;

/** Small in-test plugins that record how the protocol drives them. */
final class FakePlugins {

    private FakePlugins() {
    }

    private static PluginDescriptor describe(String id, PluginKind kind) {
        return new PluginDescriptor(id, kind, id, "a test plugin", null, ParamSchema.EMPTY);
    }

    /** Makes a fixed dataset: user u has u interactions, with items u, u+1, ... mod 20 and timestamps. */
    static final class FixedGenerator implements Generator {
        final List<Dataset> references = new ArrayList<>();

        @Override
        public PluginDescriptor descriptor() {
            return describe("fixed", PluginKind.GENERATOR);
        }

        @Override
        public GeneratorModel fit(Dataset reference, Params params, RunContext ctx) {
            references.add(reference);
            return sampleCtx -> {
                sampleCtx.progress(0.5, "half");
                DatasetBuilder b = Dataset.builder("fixed", 12, 20);
                for (int u = 0; u < 12; u++) {
                    for (int k = 0; k < u; k++) {
                        b.add(u, (u + k) % 20, 1f, 100L * u + k);
                    }
                }
                return b.build();
            };
        }
    }

    /** A model that remembers its training data; cancels the trial when fitted if asked to. */
    static final class RecordingRecommender implements Recommender {
        final List<Dataset> fittedOn = new ArrayList<>();
        final RecordingRunContext cancelOnFit;

        RecordingRecommender(RecordingRunContext cancelOnFit) {
            this.cancelOnFit = cancelOnFit;
        }

        @Override
        public PluginDescriptor descriptor() {
            return describe("recording", PluginKind.RECOMMENDER);
        }

        @Override
        public Model fit(Dataset train, Params params, RunContext ctx) {
            fittedOn.add(train);
            ctx.progress(1.0, "fitted");
            if (cancelOnFit != null) {
                cancelOnFit.cancelled = true;
            }
            return new Model() {
                @Override
                public int numItems() {
                    return train.numItems();
                }

                @Override
                public void score(int[] users, float[] out) {
                }
            };
        }
    }

    /** Reports the sizes of what it was given as metrics. */
    static final class SizeEvaluator implements Evaluator {
        final List<EvaluationInput> inputs = new ArrayList<>();

        @Override
        public PluginDescriptor descriptor() {
            return describe("sizes", PluginKind.EVALUATOR);
        }

        @Override
        public EvaluationResult evaluate(EvaluationInput input, Params params, RunContext ctx) {
            inputs.add(input);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("train", (double) input.train().size());
            metrics.put("test", (double) input.test().size());
            return new EvaluationResult("sizes", metrics);
        }
    }

    /**
     * Splits by position in each user's interactions, recording what it was given and returned:
     * {@link #folds(int)} deals position p of a user with at least 2 interactions to the test part of
     * split p mod k; {@link #heldOutOddUsers()} keeps even users in train and splits odd users' into
     * fold-in and their last interaction as test; {@link #none()} returns no split.
     */
    static final class PositionSplitter implements Splitter {
        final List<Dataset> given = new ArrayList<>();
        final List<Split> returned = new ArrayList<>();
        private final int folds;
        private final boolean foldIn;

        private PositionSplitter(int folds, boolean foldIn) {
            this.folds = folds;
            this.foldIn = foldIn;
        }

        static PositionSplitter folds(int k) {
            return new PositionSplitter(k, false);
        }

        static PositionSplitter heldOutOddUsers() {
            return new PositionSplitter(1, true);
        }

        static PositionSplitter none() {
            return new PositionSplitter(0, false);
        }

        @Override
        public PluginDescriptor descriptor() {
            return describe("positions", PluginKind.SPLITTER);
        }

        @Override
        public List<Split> split(Dataset data, Params params, RunContext ctx) {
            given.add(data);
            ctx.progress(0.5, "half");
            for (int f = 0; f < folds; f++) {
                returned.add(foldIn ? oddUsers(data) : fold(data, f));
            }
            return List.copyOf(returned);
        }

        private Split fold(Dataset data, int f) {
            DatasetBuilder train = Dataset.builder(data.name() + "/train" + (f + 1), data.numUsers(), data.numItems());
            DatasetBuilder test = Dataset.builder(data.name() + "/test" + (f + 1), data.numUsers(), data.numItems());
            for (int u = 0; u < data.numUsers(); u++) {
                for (int i = data.begin(u); i < data.end(u); i++) {
                    boolean held = data.degree(u) >= 2 && (i - data.begin(u)) % folds == f;
                    (held ? test : train).add(u, data.item(i), data.value(i), data.timestamp(i));
                }
            }
            return new Split("fake fold " + (f + 1) + " of " + folds, train.build(), null, test.build(), null);
        }

        private static Split oddUsers(Dataset data) {
            DatasetBuilder train = Dataset.builder("train", data.numUsers(), data.numItems());
            DatasetBuilder test = Dataset.builder("test", data.numUsers(), data.numItems());
            DatasetBuilder foldIn = Dataset.builder("fold-in", data.numUsers(), data.numItems());
            for (int u = 0; u < data.numUsers(); u++) {
                for (int i = data.begin(u); i < data.end(u); i++) {
                    DatasetBuilder target = u % 2 == 0 ? train : i == data.end(u) - 1 && data.degree(u) >= 2 ? test
                            : foldIn;
                    target.add(u, data.item(i), data.value(i), data.timestamp(i));
                }
            }
            return new Split("fake held-out odd users", train.build(), null, test.build(), foldIn.build());
        }
    }
}
