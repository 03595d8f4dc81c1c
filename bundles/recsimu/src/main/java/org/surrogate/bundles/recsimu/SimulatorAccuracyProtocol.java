package org.surrogate.bundles.recsimu;

import org.surrogate.bundles.commons.run.CurveRecorder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.data.DatasetSource;
import org.surrogate.api.generator.Generator;
import org.surrogate.api.generator.GeneratorModel;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.protocol.Configured;
import org.surrogate.api.protocol.Protocol;
import org.surrogate.api.protocol.SlotSpec;
import org.surrogate.api.protocol.Trial;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.simulator.Environment;
import org.surrogate.api.simulator.Simulator;
import org.surrogate.bundles.commons.plot.SvgChart;
import org.surrogate.bundles.commons.stats.Bootstrap;
import org.surrogate.bundles.commons.stats.Interval;

/**
 * Simulator accuracy (paper 001, Table 2 and Table 1, plus an off-policy validity check). The logs
 * come from slot {@code dataset} or, for controlled studies, slot {@code data} (a generator, sampled
 * once). Every user's sequence is cut in time: the first {@code 1 - testFraction} of its interactions
 * are the training logs every simulator is trained on, the rest are held out. Each held-out position
 * with at least {@code minHistory} earlier interactions is a test tuple (state: the N interactions
 * before it, training or held-out, with their logged feedback; action: its item; label: its feedback
 * type). The feedback mapping ({@link FeedbackMapping}) is the protocol's and overrides the
 * simulators' own, so all are scored against the same labels.
 *
 * <p>Per simulator (label L): {@code L/auc} (score: the predicted probability of a type above the
 * lowest, "positive"), {@code L/f1} (of the positive class, predicted when that probability is at
 * least 0.5), {@code L/accuracy} (most probable type), each with {@code .lower}/{@code .upper}, a
 * bootstrap 95 % percentile interval over test tuples; {@code L/train_seconds}. For a simulator with
 * an item generator (RecSimu): {@code L/map@k} and {@code L/ndcg@k} of the logged next item among
 * all items ranked by the distance of their embedding to G(s) (one relevant item: AP@k = 1/rank), next
 * to {@code popularity/map@k}, {@code popularity/ndcg@k} (ranking by training counts) for scale.
 * With slot {@code data} and a generator that knows its true preferences, {@code oracle/auc} ranks
 * test tuples by the true preference (the best any simulator can do there on these labels).
 *
 * <p>Off-policy check ("simulator validity"): target policies {@code pop<t>} recommend item a with
 * probability proportional to {@code (count(a) + 1)^t} (training counts), for each t of
 * {@code policyExponents}; the logging policy is estimated the same way with t = 1 (the logs' item
 * marginal: the true logging propensities of public logs are unknown, so IPS here is itself an
 * estimate). On the held-out tuples: {@code ope/<policy>/ips} and {@code ope/<policy>/snips} with
 * weights {@code pi(a) / mu(a)} and the logged reward, and {@code ope/logged/reward} (mean logged
 * reward). Each simulator's estimate {@code L/ope/<policy>/estimate} averages its expected reward
 * {@code sum_k p_k(s, a) reward_k} over the test states and {@code policySamples} actions drawn from
 * the policy per state; {@code L/ope/<policy>/abs_error} = |estimate - SNIPS| and
 * {@code L/ope/mean_abs_error} their mean over policies (lower is a more valid simulator).
 * Artifacts: {@code simulator-accuracy.csv} (every result with its interval) and the SVG charts of
 * {@link AccuracyPlots}: each simulator's training losses per step (discriminator and generator losses
 * of RecSimu, GAN and GAN-s, the loss of LR and GRU, RecSimu's loss components) and AUC/F1 with their
 * intervals per simulator.
 */
@Component(service = Protocol.class)
public final class SimulatorAccuracyProtocol implements Protocol {

    /** The plugin id. */
    public static final String ID = "simulator-accuracy";

    private static final String OWNER = "protocol '" + ID + "'";

    /** The descriptor. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.PROTOCOL,
            "Simulator accuracy",
            "Trains user simulators on the first part of each user's logs and scores their feedback predictions on "
                    + "the rest: AUC, F1 and accuracy with bootstrap intervals (paper 001, Table 2), MAP and NDCG "
                    + "of generated items (Table 1), and an off-policy check comparing each simulator's estimate of "
                    + "popularity-tempered policies' reward with IPS/SNIPS on the held-out logs.",
            FeedbackSimulator.PAPER, new ParamSchema(specs()));

    private static List<ParamSpec> specs() {
        List<ParamSpec> specs = new ArrayList<>(FeedbackMapping.specs());
        specs.add(ParamSpec.intParam("historyLength").defaultValue(20).range(1, 1000)
                .help("N, the interactions in a test state (give the simulators the same).").build());
        specs.add(ParamSpec.intParam("minHistory").defaultValue(20).range(0, 1000)
                .help("A held-out position is a test tuple when at least this many interactions precede it.")
                .build());
        specs.add(ParamSpec.doubleParam("testFraction").defaultValue(0.2).openRange(0, 1)
                .help("Share of each user's interactions, the latest, held out for testing.").build());
        specs.add(ParamSpec.intParam("maxTestTuples").defaultValue(0).range(0, 100_000_000)
                .help("Score at most this many test tuples, a seeded random subset; 0 scores all.").build());
        specs.add(ParamSpec.intParam("cutoff").defaultValue(40).range(1, 100_000)
                .help("k of MAP@k and NDCG@k of generated items (paper: 40).").build());
        specs.add(ParamSpec.intParam("resamples").defaultValue(200).range(1, 100_000)
                .help("Bootstrap resamples of the intervals.").build());
        specs.add(ParamSpec.doubleListParam("policyExponents").defaultValue(List.of(0.5, 1.0, 2.0)).range(-10, 10)
                .help("Target policies of the off-policy check: recommend a with probability proportional to "
                        + "(count(a) + 1)^t for each t.").build());
        specs.add(ParamSpec.intParam("policySamples").defaultValue(5).range(1, 10_000)
                .help("Actions drawn from each target policy per test state for the simulators' estimates.")
                .build());
        return specs;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<SlotSpec> slots() {
        return List.of(
                SlotSpec.optional("dataset", PluginKind.DATASET_SOURCE, "Loads the logs. Give this or 'data'."),
                SlotSpec.optional("data", PluginKind.GENERATOR, "Generates the logs (sampled once, no reference); "
                        + "a generator with true preferences adds the oracle row. Give this or 'dataset'."),
                SlotSpec.oneOrMore("simulators", PluginKind.SIMULATOR, "The simulators compared."));
    }

    @Override
    public void run(Trial trial, RunContext ctx) throws Exception {
        Params p = trial.params();
        FeedbackMapping mapping = FeedbackMapping.of(OWNER, p);
        Optional<Model> truth = Optional.empty();
        Dataset data;
        List<Configured<DatasetSource>> sources = trial.slot("dataset", DatasetSource.class);
        List<Configured<Generator>> generators = trial.slot("data", Generator.class);
        if (sources.size() + generators.size() != 1) {
            throw new IllegalArgumentException(OWNER + ": give exactly one of slots 'dataset' and 'data', found "
                    + sources.size() + " and " + generators.size());
        }
        ctx.progress(0, "loading the logs");
        if (!sources.isEmpty()) {
            Configured<DatasetSource> s = sources.get(0);
            data = s.plugin().load(s.params(), ctx.scoped(s.label(), 0, 0.02));
            ctx.protocolFact("dataset.checksum", data.checksum());
        } else {
            Configured<Generator> g = generators.get(0);
            GeneratorModel world = g.plugin().fit(null, g.params(), ctx.scoped(g.label(), 0, 0.01));
            data = world.sample(ctx.scoped(g.label(), 0.01, 0.02));
            truth = world.truePreferences();
            ctx.protocolFact("data", g.plugin().descriptor().id() + " " + g.params());
            ctx.protocolFact("info.dataset.checksum", data.checksum());
        }
        int[] types = mapping.map(OWNER, data);
        FeedbackSimulator.requireTwoTypes(OWNER, data, types, mapping);
        HeldOut held = HeldOut.split(data, types, p, ctx);
        ctx.protocolFact("split", "per-user temporal: last " + p.getDouble("testFraction") + " of each sequence held "
                + "out; test tuples need minHistory " + p.getInt("minHistory") + ", state N " + p.getInt("historyLength"));
        ctx.protocolFact("feedback", mapping.mode() + " cuts " + java.util.Arrays.toString(mapping.cuts()) + " dwell "
                + mapping.dwellSeconds() + " rewards " + java.util.Arrays.toString(mapping.rewards()));
        ctx.protocolFact("metrics", "auc, f1 (positive = type >= 1), accuracy; map@k, ndcg@k, k = " + p.getInt("cutoff")
                + "; ope pop^t " + p.getDoubleList("policyExponents"));
        ctx.log(System.Logger.Level.INFO, String.format("%s: %d training interactions, %d test tuples, K = %d", ID,
                held.train().size(), held.test().size, mapping.types()));
        Reporter report = new Reporter(ctx, p.getInt("resamples"));
        OffPolicy ope = new OffPolicy(held, mapping, p.getDoubleList("policyExponents"), p.getInt("policySamples"));
        ope.report(report);
        Generated.reportPopularity(held, p.getInt("cutoff"), report);
        truth.ifPresent(model -> report.oracle(held, model));
        List<Configured<Simulator>> sims = trial.slot("simulators", Simulator.class);
        Map<String, Map<String, List<double[]>>> trainingCurves = new LinkedHashMap<>();
        for (int k = 0; k < sims.size(); k++) {
            ctx.checkCancelled();
            Configured<Simulator> c = sims.get(k);
            double from = 0.05 + 0.9 * k / sims.size();
            double to = 0.05 + 0.9 * (k + 1) / sims.size();
            Map<String, List<double[]>> curves = new LinkedHashMap<>();
            trainingCurves.put(c.label(), curves);
            RunContext scoped = new CurveRecorder(ctx.scoped(c.label(), from, to), curves);
            Params params = withMapping(c, p);
            long start = System.nanoTime();
            try (Environment env = c.plugin().create(held.train(), params, scoped)) {
                ctx.result(c.label() + "/train_seconds", (System.nanoTime() - start) / 1e9);
                ctx.progress(to, "scoring " + c.label());
                Predictor predictor = Predictor.of(env, mapping.types(), held.historyLength());
                report.classification(c.label(), held.test(), predictor.predict(held.test()));
                if (env instanceof FeedbackEnvironment fe && fe.model().generatesItems()) {
                    Generated.report(c.label(), held, fe.model(), p.getInt("cutoff"), report);
                }
                ope.reportSimulator(c.label(), predictor, report, ctx.random("ope-" + c.label()));
            }
        }
        report.writeTable();
        writeCharts(ctx, trainingCurves, report.scores());
        ctx.progress(1, "done");
    }

    /** Writes the charts of {@link AccuracyPlots}: training curves of every simulator that logged any, scores. */
    private static void writeCharts(RunContext ctx, Map<String, Map<String, List<double[]>>> curves,
                                    Map<String, Map<String, double[]>> scores) throws IOException {
        Map<String, Map<String, List<double[]>>> logged = new LinkedHashMap<>();
        curves.forEach((label, c) -> {
            if (!c.isEmpty()) {
                logged.put(label, c);
            }
        });
        String note = "seed " + ctx.seed();
        for (Map.Entry<String, SvgChart> chart : AccuracyPlots.charts(logged, scores, note).entrySet()) {
            try (OutputStream out = ctx.createArtifact(chart.getKey())) {
                out.write(chart.getValue().render().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** The simulator's parameters with the protocol's feedback mapping, where the simulator declares it. */
    private static Params withMapping(Configured<Simulator> c, Params protocol) {
        ParamSchema schema = c.plugin().descriptor().params();
        Map<String, Object> values = new HashMap<>(c.params().asMap());
        boolean any = false;
        for (String name : List.of("feedbackFrom", "valueCuts", "dwellSeconds", "rewards")) {
            if (schema.params().stream().anyMatch(s -> s.name().equals(name))) {
                any = true;
                if (protocol.has(name)) {
                    values.put(name, protocol.asMap().get(name));
                } else {
                    values.remove(name);
                }
            }
        }
        return any ? schema.validate(values, c.label()) : c.params();
    }

    /** Bootstrap intervals and results, and the rows of the CSV table. */
    static final class Reporter {
        private final RunContext ctx;
        private final int resamples;
        private final java.util.Random rng;
        private final List<String> rows = new ArrayList<>();
        private final Map<String, Map<String, double[]>> scores = new LinkedHashMap<>();

        Reporter(RunContext ctx, int resamples) {
            this.ctx = ctx;
            this.resamples = resamples;
            this.rng = ctx.random("bootstrap");
        }

        void value(String label, String metric, double v) {
            ctx.result(label + "/" + metric, v);
            rows.add(String.format(Locale.ROOT, "%s,%s,%.6f,,", label, metric, v));
        }

        void interval(String label, String metric, int n, Bootstrap.Statistic statistic) {
            Interval ci = Bootstrap.percentileInterval(n, statistic, resamples, 0.95, rng);
            ctx.result(label + "/" + metric, ci.estimate());
            ctx.result(label + "/" + metric + ".lower", ci.lower());
            ctx.result(label + "/" + metric + ".upper", ci.upper());
            rows.add(String.format(Locale.ROOT, "%s,%s,%.6f,%.6f,%.6f", label, metric, ci.estimate(), ci.lower(),
                    ci.upper()));
            if (metric.equals("auc") || metric.equals("f1")) {
                scores.computeIfAbsent(label, k -> new LinkedHashMap<>()).put(metric,
                        new double[] {ci.estimate(), ci.lower(), ci.upper()});
            }
        }

        /** AUC and F1 with their intervals, per label in the order reported. */
        Map<String, Map<String, double[]>> scores() {
            return scores;
        }

        void classification(String label, Tuples test, float[][] probs) {
            int n = test.size;
            double[] score = new double[n];
            boolean[] positive = new boolean[n];
            boolean[] predicted = new boolean[n];
            int[] argmax = new int[n];
            for (int r = 0; r < n; r++) {
                double s = 0;
                for (int c = 1; c < probs[r].length; c++) {
                    s += probs[r][c];
                }
                score[r] = s;
                predicted[r] = s >= 0.5;
                positive[r] = test.labels[r] >= 1;
                int best = 0;
                for (int c = 1; c < probs[r].length; c++) {
                    best = probs[r][c] > probs[r][best] ? c : best;
                }
                argmax[r] = best;
            }
            interval(label, "auc", n, rows -> Scores.auc(score, positive, rows));
            interval(label, "f1", n, rows -> Scores.f1(predicted, positive, rows));
            interval(label, "accuracy", n, rows -> Scores.accuracy(argmax, test.labels, rows));
        }

        void oracle(HeldOut held, Model truth) {
            Tuples t = held.test();
            double[] score = new double[t.size];
            boolean[] positive = new boolean[t.size];
            float[] row = new float[truth.numItems()];
            for (int r = 0; r < t.size; r++) {
                if (r == 0 || t.users[r] != t.users[r - 1]) {
                    truth.score(new int[] {t.users[r]}, row);
                }
                score[r] = row[t.actions[r]];
                positive[r] = t.labels[r] >= 1;
            }
            interval("oracle", "auc", t.size, rows -> Scores.auc(score, positive, rows));
        }

        void writeTable() throws IOException {
            try (Writer w = new OutputStreamWriter(ctx.createArtifact("simulator-accuracy.csv"),
                    StandardCharsets.UTF_8)) {
                w.write("label,metric,estimate,lower,upper\n");
                for (String r : rows) {
                    w.write(r + "\n");
                }
            }
        }
    }

    /** The training logs and the test tuples of one split. */
    record HeldOut(Dataset train, Tuples test, int[] trainCounts, int historyLength) {

        static HeldOut split(Dataset data, int[] types, Params p, RunContext ctx) {
            double fraction = p.getDouble("testFraction");
            int n = p.getInt("historyLength");
            int minHistory = p.getInt("minHistory");
            DatasetBuilder b = Dataset.builderLike(data.name() + "/train", data);
            List<Integer> positions = new ArrayList<>();
            List<Integer> owners = new ArrayList<>();
            int[] counts = new int[data.numItems()];
            for (int u = 0; u < data.numUsers(); u++) {
                int len = data.degree(u);
                int cut = len - (int) Math.round(fraction * len);
                for (int i = data.begin(u); i < data.end(u); i++) {
                    int pos = i - data.begin(u);
                    if (pos < cut) {
                        if (data.hasTimestamps()) {
                            b.add(u, data.item(i), data.value(i), data.timestamp(i));
                        } else {
                            b.add(u, data.item(i), data.value(i));
                        }
                        counts[data.item(i)]++;
                    } else if (pos >= minHistory) {
                        positions.add(i);
                        owners.add(u);
                    }
                }
            }
            int[] pos = positions.stream().mapToInt(Integer::intValue).toArray();
            int[] own = owners.stream().mapToInt(Integer::intValue).toArray();
            int max = p.getInt("maxTestTuples");
            if (max > 0 && pos.length > max) {
                java.util.Random rng = ctx.random("test-subsample");
                int[] idx = new int[pos.length];
                for (int k = 0; k < idx.length; k++) {
                    idx[k] = k;
                }
                for (int k = 0; k < max; k++) {
                    int j = k + rng.nextInt(idx.length - k);
                    int t = idx[k];
                    idx[k] = idx[j];
                    idx[j] = t;
                }
                int[] keep = java.util.Arrays.copyOf(idx, max);
                java.util.Arrays.sort(keep);
                int[] p2 = new int[max];
                int[] o2 = new int[max];
                for (int k = 0; k < max; k++) {
                    p2[k] = pos[keep[k]];
                    o2[k] = own[keep[k]];
                }
                pos = p2;
                own = o2;
            }
            if (pos.length == 0) {
                throw new IllegalArgumentException(OWNER + ": no held-out position has minHistory = " + minHistory
                        + " earlier interactions in '" + data.name() + "'; lower minHistory or raise testFraction");
            }
            return new HeldOut(b.build(), Tuples.at(data, types, n, pos, own), counts, n);
        }
    }
}
