package org.surrogate.bundles.sequential;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.split.Split;
import org.surrogate.bundles.rankingmetrics.RankingMetricsEvaluator;
import org.surrogate.bundles.splitters.LeaveOneOutSplitter;
import org.surrogate.testkit.RecordingRunContext;

/** Sequence data with a planted signal, the real leave-one-out evaluation, and model helpers. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * Users walking a Markov chain with one strong successor per item: from item i the next item is
     * {@code next[i]} with probability {@code p}, else uniform. Timestamps are the step times of each
     * user (starting at a random offset), so the stored order is the time order; the items are added
     * in reverse time order so that only the timestamps give the sequence.
     */
    static Dataset markovWalks(int users, int items, int length, double p, long seed) {
        Random rng = new Random(seed);
        int[] next = new int[items];
        for (int i = 0; i < items; i++) {
            next[i] = rng.nextInt(items);
        }
        DatasetBuilder b = Dataset.builder("walks", users, items);
        for (int u = 0; u < users; u++) {
            int[] walk = new int[length];
            walk[0] = rng.nextInt(items);
            for (int t = 1; t < length; t++) {
                walk[t] = rng.nextDouble() < p ? next[walk[t - 1]] : rng.nextInt(items);
            }
            long start = 1_000_000L + rng.nextInt(1000);
            for (int t = length - 1; t >= 0; t--) {
                b.add(u, walk[t], 1f, start + 60L * t);
            }
        }
        return b.build();
    }

    /** The same interactions without timestamps, in time order. */
    static Dataset withoutTimestamps(Dataset d) {
        DatasetBuilder b = Dataset.builder("untimed", d.numUsers(), d.numItems());
        for (int u = 0; u < d.numUsers(); u++) {
            for (int k = d.begin(u); k < d.end(u); k++) {
                b.add(u, d.item(k), d.value(k));
            }
        }
        return b.build();
    }

    /** Leave-one-out by time with the splitters bundle: each user's last item is the test item. */
    static Split leaveOneOut(Dataset data) {
        Params p = LeaveOneOutSplitter.DESCRIPTOR.params().validate(Map.of("validation", false), "");
        return new LeaveOneOutSplitter().split(data, p, new RecordingRunContext(1)).get(0);
    }

    /** HR@10, NDCG@10 and the rest, by the ranking-metrics bundle (full ranking, train items excluded). */
    static Map<String, Double> evaluate(Model model, Split split) {
        Params p = RankingMetricsEvaluator.DESCRIPTOR.params().validate(Map.of("ks", List.of(10)), "");
        return new RankingMetricsEvaluator().evaluate(new EvaluationInput(split.train(), split.test(), model), p,
                new RecordingRunContext(1)).metrics();
    }

    /** The scores of users 0 .. users - 1. */
    static float[] scoreAll(Model model, int users) {
        int[] ids = new int[users];
        for (int u = 0; u < users; u++) {
            ids[u] = u;
        }
        float[] out = new float[users * model.numItems()];
        model.score(ids, out);
        return out;
    }

    /** Saves a model and loads it back with the recommender. */
    static Model roundTrip(Recommender rec, Model model, Params params) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.save(bytes);
        return rec.load(new ByteArrayInputStream(bytes.toByteArray()), params);
    }

    /** A context that asks to cancel once it has seen {@code after} progress reports. */
    static final class CancelAfter implements RunContext {
        final RecordingRunContext inner = new RecordingRunContext(1);
        private final int after;

        CancelAfter(int after) {
            this.after = after;
        }

        @Override
        public long seed() {
            return inner.seed();
        }

        @Override
        public void progress(double fraction, String message) {
            inner.progress(fraction, message);
            if (inner.progress.size() >= after) {
                inner.cancelled = true;
            }
        }

        @Override
        public boolean isCancelled() {
            return inner.isCancelled();
        }

        @Override
        public void metric(String name, long step, double value) {
            inner.metric(name, step, value);
        }

        @Override
        public void result(String name, double value) {
            inner.result(name, value);
        }

        @Override
        public OutputStream createArtifact(String name) {
            return inner.createArtifact(name);
        }

        @Override
        public void log(System.Logger.Level level, String message) {
            inner.log(level, message);
        }
    }
}
