package org.surrogate.bundles.surveyprotocols;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.data.DatasetSource;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.evaluation.EvaluationResult;
import org.surrogate.api.evaluation.Evaluator;
import org.surrogate.bundles.commons.stats.PerUser;
import org.surrogate.api.generator.Generator;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.protocol.Configured;
import org.surrogate.api.protocol.Protocol;
import org.surrogate.api.protocol.SlotSpec;
import org.surrogate.api.protocol.Trial;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.split.Split;
import org.surrogate.api.split.Splitter;
import org.surrogate.bundles.commons.stats.Bootstrap;
import org.surrogate.bundles.commons.stats.Interval;

/**
 * Augmentation: does adding synthetic data to the real training data help? The real data is split
 * once; each generator is fitted on the real <em>training</em> part only (the test part never
 * reaches it) and sampled once; for every ratio r the training data is the real training part plus
 * synthetic users (in a seeded random order) until their interactions reach r times the real
 * training size, appended as new users. Every recommender is trained on each mix and evaluated on
 * the real test part, for the real users only, and compared with r = 0 (real data alone) by paired
 * tests over the same users: the mean per-user difference with a bootstrap 95 % interval, a paired
 * t-test and a Wilcoxon signed-rank test (two-sided).
 *
 * <p>Synthetic interactions are added without timestamps (so is the real part, in the mix); the
 * generator must keep the real item ids (a twin that only matches the popularity curve by rank
 * does not, and augmenting with it adds noise by construction).
 *
 * <p>Results: {@code real/<rec>/<metric>} for r = 0, and {@code <gen>/<rec>/r<r>/<metric>} with
 * {@code .delta}, {@code .delta.lower}, {@code .delta.upper}, {@code .p.ttest} and
 * {@code .p.wilcoxon}. Artifacts: {@code augmentation.csv}; per generator and metric
 * {@code augmentation-<gen>-<metric>.svg} (the metric against the ratio, one line per recommender,
 * with bootstrap intervals of the mean over test users) and {@code augmentation-<gen>-<metric>-delta.svg}
 * (the paired difference against real-only training, with its bootstrap interval).
 */
@Component(service = Protocol.class)
public final class AugmentationProtocol implements Protocol {

    /** The plugin id. */
    public static final String ID = "augmentation";

    /** The descriptor. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.PROTOCOL,
            "Augmentation with synthetic data",
            "Trains every recommender on the real training data alone and mixed with each generator's synthetic "
                    + "data (generators fitted on the real training part only) at several ratios, evaluates on "
                    + "the real test part, and tests the per-user differences against real-only training "
                    + "(paired t-test, Wilcoxon signed-rank, bootstrap interval of the mean difference).",
            new PaperReference("A survey on synthetic data and simulators for recommender systems "
                    + "(section 2: synthetic data for augmentation)", null),
            ParamSchema.of(
                    ParamSpec.doubleListParam("ratios").defaultValue(List.of(0.25, 0.5, 1.0)).min(0)
                            .help("Synthetic interactions added, as multiples of the real training size; the "
                                    + "real-only baseline (0) is always run.").build(),
                    ParamSpec.stringParam("metrics").defaultValue("")
                            .help("Metrics to test, comma-separated (such as 'ndcg@10'); empty for all.").build(),
                    ParamSpec.intParam("resamples").defaultValue(1000).range(0, 100_000)
                            .help("Bootstrap replicates of the interval of the mean difference; 0 for none.")
                            .build()));

    private static final List<SlotSpec> SLOTS = List.of(
            SlotSpec.optional("dataset", PluginKind.DATASET_SOURCE, "Loads the real dataset. Give this or 'data'."),
            SlotSpec.optional("data", PluginKind.GENERATOR, "Makes the 'real' dataset. Give this or 'dataset'."),
            SlotSpec.oneOrMore("generators", PluginKind.GENERATOR,
                    "Each is fitted on the real training part and sampled once: the synthetic data added."),
            SlotSpec.one("split", PluginKind.SPLITTER, "Splits the real data (the first split is used)."),
            SlotSpec.oneOrMore("recommenders", PluginKind.RECOMMENDER, "Trained on every mix."),
            SlotSpec.oneOrMore("evaluators", PluginKind.EVALUATOR, "Evaluate on the real test part."));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<SlotSpec> slots() {
        return SLOTS;
    }

    /** Per-user values of one fit: metric → (user → value), and the means. */
    private record Outcome(Map<String, Double> means, Map<String, Map<Integer, Double>> perUser) {
    }

    @Override
    public void run(Trial trial, RunContext ctx) throws IOException {
        List<Configured<DatasetSource>> sources = trial.slot("dataset", DatasetSource.class);
        List<Configured<Generator>> realGenerators = trial.slot("data", Generator.class);
        if (sources.size() + realGenerators.size() != 1) {
            throw new IllegalArgumentException("protocol '" + ID + "': give exactly one of slot 'dataset' and slot "
                    + "'data'; found " + sources.size() + " and " + realGenerators.size());
        }
        Params params = trial.params();
        List<Double> ratios = new ArrayList<>();
        for (double r : params.getDoubleList("ratios")) {
            if (r > 0 && !ratios.contains(r)) {
                ratios.add(r);
            }
        }
        List<Configured<Generator>> generators = trial.slot("generators", Generator.class);
        Configured<Splitter> splitter = trial.single("split", Splitter.class);
        List<Configured<Recommender>> recommenders = trial.slot("recommenders", Recommender.class);
        List<Configured<Evaluator>> evaluators = trial.slot("evaluators", Evaluator.class);

        Dataset real;
        if (sources.isEmpty()) {
            Configured<Generator> g = realGenerators.get(0);
            real = g.plugin().fit(null, g.params(), Progress.scoped(ctx, g.label(), 0, 0.02))
                    .sample(Progress.scoped(ctx, g.label(), 0.02, 0.05));
            ctx.protocolFact("dataset.generator", g.plugin().descriptor().id() + " " + g.params().asMap());
            ctx.protocolFact("info.dataset.checksum", real.checksum());
        } else {
            Configured<DatasetSource> s = sources.get(0);
            real = s.plugin().load(s.params(), Progress.scoped(ctx, s.label(), 0, 0.05));
            ctx.protocolFact("dataset.checksum", real.checksum());
        }
        List<Split> splits = splitter.plugin().split(real, splitter.params(), Progress.scoped(ctx, splitter.label(), 0.05, 0.05));
        if (splits == null || splits.isEmpty()) {
            throw new IllegalStateException("protocol '" + ID + "': splitter '" + splitter.label() + "' returned no split");
        }
        Split split = splits.get(0);
        ctx.protocolFact("split", splitter.plugin().descriptor().id() + " " + splitter.params().asMap());
        ctx.protocolFact("ratios", ratios.toString());

        int fits = recommenders.size() * (1 + generators.size() * ratios.size());
        double[] progress = {0.05};
        double step = 0.95 / fits;
        Dataset realTrain = withoutTimestamps(split.train(), split.train().numUsers(), "real-train");
        Dataset realTest = split.test();
        Map<String, Outcome> baseline = new LinkedHashMap<>();
        for (Configured<Recommender> rec : recommenders) {
            Outcome o = fitAndEvaluate(rec, "real/" + rec.label(), realTrain, realTest, evaluators, ctx, progress, step);
            baseline.put(rec.label(), o);
            o.means().forEach((k, v) -> ctx.result("real/" + rec.label() + "/" + k, v));
        }
        List<String> metrics = metricNames(params, baseline.values().iterator().next());
        List<AugmentationPlots.Row> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder("generator,recommender,ratio,metric,mean,delta,delta.lower,delta.upper,"
                + "p.ttest,p.wilcoxon,users\n");
        for (Configured<Generator> gen : generators) {
            ctx.checkCancelled();
            Dataset synthetic = gen.plugin().fit(split.train(), gen.params(), Progress.scoped(ctx, gen.label(), progress[0],
                    progress[0])).sample(Progress.scoped(ctx, gen.label(), progress[0], progress[0]));
            ctx.protocolFact("generator." + gen.label(), gen.plugin().descriptor().id() + " " + gen.params().asMap());
            if (synthetic.numItems() != real.numItems()) {
                throw new IllegalStateException("protocol '" + ID + "': generator '" + gen.label() + "' made "
                        + synthetic.numItems() + " items, the real data has " + real.numItems()
                        + "; augmentation needs the real item ids");
            }
            int[] order = shuffledUsers(synthetic, ctx.random("augmentation order " + gen.label()));
            for (Configured<Recommender> rec : recommenders) {
                for (String m : metrics) {
                    double[] ci = meanInterval(baseline.get(rec.label()), m, params.getInt("resamples"),
                            "real/" + rec.label(), ctx);
                    rows.add(new AugmentationPlots.Row(gen.label(), rec.label(), 0, m,
                            baseline.get(rec.label()).means().getOrDefault(m, Double.NaN), ci[0], ci[1], 0, Double.NaN,
                            Double.NaN));
                }
            }
            for (double ratio : ratios) {
                Dataset mix = mix(realTrain, synthetic, order, ratio, gen.label());
                Dataset test = padUsers(realTest, mix.numUsers());
                ctx.result(gen.label() + "/r" + fmt(ratio) + "/interactions", mix.size());
                for (Configured<Recommender> rec : recommenders) {
                    String key = gen.label() + "/" + rec.label() + "/r" + fmt(ratio);
                    Outcome o = fitAndEvaluate(rec, key, mix, test, evaluators, ctx, progress, step);
                    compare(key, baseline.get(rec.label()), o, metrics, params.getInt("resamples"), ctx, csv,
                            gen.label(), rec.label(), ratio, rows);
                }
            }
        }
        try (OutputStream out = ctx.createArtifact("augmentation.csv");
             Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write(csv.toString());
        }
        for (Configured<Generator> gen : generators) {
            for (String m : metrics) {
                String name = "augmentation-" + RankingFidelityPlots.fileSafe(gen.label() + "-" + m);
                write(ctx, name + ".svg", AugmentationPlots.values(rows, gen.label(), m));
                write(ctx, name + "-delta.svg", AugmentationPlots.deltas(rows, gen.label(), m));
            }
        }
        ctx.progress(1.0, "done");
    }

    private static Outcome fitAndEvaluate(Configured<Recommender> rec, String label, Dataset train, Dataset test,
                                          List<Configured<Evaluator>> evaluators, RunContext ctx, double[] progress,
                                          double step) {
        ctx.checkCancelled();
        double from = progress[0];
        ctx.progress(Math.min(1, from), "fitting " + label);
        Model model = rec.plugin().fit(train, rec.params(), Progress.scoped(ctx, label, from, from + step * 0.7));
        Map<String, Double> means = new LinkedHashMap<>();
        Map<String, Map<Integer, Double>> perUser = new LinkedHashMap<>();
        for (Configured<Evaluator> e : evaluators) {
            EvaluationResult r = e.plugin().evaluate(new EvaluationInput(train, test, model, null), e.params(),
                    Progress.scoped(ctx, label + " " + e.label(), from + step * 0.7, from + step));
            ctx.protocolFact("evaluator." + e.label(), e.plugin().descriptor().id() + ": " + r.protocol());
            means.putAll(r.metrics());
            perUser.putAll(PerUser.byUser(r));
        }
        progress[0] = from + step;
        return new Outcome(means, perUser);
    }

    private static void write(RunContext ctx, String name, String text) throws IOException {
        try (OutputStream out = ctx.createArtifact(name);
             Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write(text);
        }
    }

    /** A bootstrap interval of a metric's mean over the users of one fit, {lower, upper}; NaN without one. */
    private static double[] meanInterval(Outcome o, String m, int resamples, String key, RunContext ctx) {
        Map<Integer, Double> perUser = o.perUser().get(m);
        if (resamples <= 0 || perUser == null || perUser.size() < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] values = perUser.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .mapToDouble(Map.Entry::getValue).toArray();
        Interval ci = Bootstrap.meanInterval(values, resamples, 0.95,
                new SplittableRandom(ctx.random("mean " + key + " " + m).nextLong()));
        return new double[] {ci.lower(), ci.upper()};
    }

    private static void compare(String key, Outcome base, Outcome aug, List<String> metrics, int resamples,
                                RunContext ctx, StringBuilder csv, String gen, String rec, double ratio,
                                List<AugmentationPlots.Row> rows) {
        for (String m : metrics) {
            Double mean = aug.means().get(m);
            if (mean == null) {
                continue;
            }
            ctx.result(key + "/" + m, mean);
            Map<Integer, Double> b = base.perUser().get(m);
            Map<Integer, Double> a = aug.perUser().get(m);
            if (b == null || a == null) {
                ctx.log(System.Logger.Level.WARNING, "no per-user values of " + m + ": no paired test for " + key);
                continue;
            }
            List<Integer> users = new ArrayList<>(b.keySet());
            users.retainAll(a.keySet());
            users.sort(null);
            int n = users.size();
            double[] x = new double[n];
            double[] y = new double[n];
            double[] d = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                x[i] = a.get(users.get(i));
                y[i] = b.get(users.get(i));
                d[i] = x[i] - y[i];
                sum += d[i];
            }
            double delta = n == 0 ? Double.NaN : sum / n;
            double pT = Double.NaN;
            double pW = Double.NaN;
            boolean allZero = true;
            for (double v : d) {
                allZero &= v == 0;
            }
            if (n >= 2 && !allZero) {
                pT = new TTest().pairedTTest(x, y);
                pW = wilcoxon(d);
            } else if (allZero && n > 0) {
                pT = 1;
                pW = 1;
            }
            ctx.result(key + "/" + m + ".delta", delta);
            double lo = Double.NaN;
            double hi = Double.NaN;
            if (resamples > 0 && n >= 2) {
                Interval ci = Bootstrap.meanInterval(d, resamples, 0.95,
                        new SplittableRandom(ctx.random("delta " + key + " " + m).nextLong()));
                lo = ci.lower();
                hi = ci.upper();
                ctx.result(key + "/" + m + ".delta.lower", lo);
                ctx.result(key + "/" + m + ".delta.upper", hi);
            }
            if (!Double.isNaN(pT)) {
                ctx.result(key + "/" + m + ".p.ttest", pT);
                ctx.result(key + "/" + m + ".p.wilcoxon", pW);
            }
            csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%.6f,%.6f,%.6f,%.6f,%.4g,%.4g,%d%n", gen, rec,
                    fmt(ratio), m, mean, delta, lo, hi, pT, pW, n));
            double[] meanCi = meanInterval(aug, m, resamples, key, ctx);
            rows.add(new AugmentationPlots.Row(gen, rec, ratio, m, mean, meanCi[0], meanCi[1], delta, lo, hi));
        }
    }

    /**
     * The two-sided Wilcoxon signed-rank p-value of paired differences, zero differences dropped
     * (Wilcoxon's convention: commons-math keeps them in the count, which makes a few non-zero
     * differences among many ties look wildly significant). Exact for up to 16 non-zero differences
     * (commons-math enumerates 2^n signs), normal approximation above.
     */
    static double wilcoxon(double[] differences) {
        int nonZero = 0;
        for (double v : differences) {
            nonZero += v != 0 ? 1 : 0;
        }
        if (nonZero < 2) {
            return 1;
        }
        double[] a = new double[nonZero];
        double[] zeros = new double[nonZero];
        int i = 0;
        for (double v : differences) {
            if (v != 0) {
                a[i++] = v;
            }
        }
        return new WilcoxonSignedRankTest().wilcoxonSignedRankTest(a, zeros, nonZero <= 16);
    }

    private static List<String> metricNames(Params params, Outcome o) {
        List<String> out = new ArrayList<>();
        for (String m : params.getString("metrics").split(",")) {
            if (!m.isBlank()) {
                if (!o.means().containsKey(m.strip())) {
                    throw new IllegalArgumentException("params.metrics: the evaluators report no metric '" + m.strip()
                            + "'; they report: " + String.join(", ", o.means().keySet()));
                }
                out.add(m.strip());
            }
        }
        if (out.isEmpty()) {
            out.addAll(o.means().keySet());
            out.remove("users");
        }
        return out;
    }

    static String fmt(double ratio) {
        return ratio == Math.rint(ratio) ? String.valueOf((long) ratio) : String.valueOf(ratio);
    }

    private static int[] shuffledUsers(Dataset d, Random rng) {
        int[] order = new int[d.numUsers()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** The real training part plus synthetic users, in order, until ratio times its size is added. */
    static Dataset mix(Dataset realTrain, Dataset synthetic, int[] order, double ratio, String gen) {
        long target = Math.round(ratio * realTrain.size());
        List<Integer> chosen = new ArrayList<>();
        long added = 0;
        for (int u : order) {
            if (added >= target) {
                break;
            }
            if (synthetic.degree(u) > 0) {
                chosen.add(u);
                added += synthetic.degree(u);
            }
        }
        int users = realTrain.numUsers() + chosen.size();
        DatasetBuilder b = Dataset.builder(realTrain.name() + "+" + gen + "@" + fmt(ratio), users,
                realTrain.numItems());
        for (int u = 0; u < realTrain.numUsers(); u++) {
            for (int k = realTrain.begin(u); k < realTrain.end(u); k++) {
                b.add(u, realTrain.item(k), realTrain.value(k));
            }
        }
        for (int c = 0; c < chosen.size(); c++) {
            int u = chosen.get(c);
            for (int k = synthetic.begin(u); k < synthetic.end(u); k++) {
                b.add(realTrain.numUsers() + c, synthetic.item(k), synthetic.value(k));
            }
        }
        return b.build();
    }

    private static Dataset withoutTimestamps(Dataset d, int users, String name) {
        DatasetBuilder b = Dataset.builder(d.name(), users, d.numItems());
        for (int u = 0; u < d.numUsers(); u++) {
            for (int k = d.begin(u); k < d.end(u); k++) {
                b.add(u, d.item(k), d.value(k));
            }
        }
        return b.build();
    }

    /** The test part with room for the synthetic users, who have no test items. */
    private static Dataset padUsers(Dataset test, int users) {
        return withoutTimestamps(test, users, test.name());
    }
}
