package org.surrogate.bundles.surveyprotocols;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetSource;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.evaluation.EvaluationResult;
import org.surrogate.api.evaluation.Evaluator;
import org.surrogate.api.generator.Generator;
import org.surrogate.api.generator.GeneratorModel;
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
import org.surrogate.bundles.commons.stats.Interval;
import org.surrogate.bundles.commons.stats.RankCorrelation;
import org.surrogate.bundles.commons.stats.RankCorrelationBootstrap;

/**
 * Ranking fidelity: can a synthetic dataset stand in for the real one when the question is which
 * algorithm is better? Every recommender is trained and evaluated on the real data and, with the
 * same splitter and evaluators, on each generator's synthetic data (each generator fitted on the
 * whole real dataset); for every metric the protocol reports the Kendall tau-b and the Spearman
 * correlation between the two orderings of the recommenders, with a bootstrap interval over test
 * users (real and synthetic users resampled independently), and the dataset fidelity metrics of
 * each synthetic set when fidelity evaluators are given.
 *
 * <p>Results: {@code real/<rec>/<metric>}, {@code <gen>/<rec>/<metric>}, {@code <gen>/kendall/<metric>}
 * with {@code .lower} and {@code .upper}, the same for {@code spearman}, and
 * {@code <gen>/fidelity/<metric>}. Artifacts: {@code ranking-fidelity.csv} (one row per generator,
 * recommender and metric: the real and the synthetic value) and {@code ranking-fidelity.svg} (the
 * scatter of algorithm scores, real against synthetic, one panel per generator, first metric).
 * Across seeds, the results table of the experiment gives the mean and spread of each correlation.
 */
@Component(service = Protocol.class)
public final class RankingFidelityProtocol implements Protocol {

    /** The plugin id. */
    public static final String ID = "ranking-fidelity";

    /** The descriptor. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.PROTOCOL,
            "Ranking fidelity of synthetic data",
            "Trains and evaluates every recommender on the real data and on each generator's synthetic data "
                    + "(generators fitted on the real data; same splitter and evaluators), and reports per metric "
                    + "the Kendall tau-b and Spearman correlation between the two orderings of the algorithms, "
                    + "with bootstrap intervals over test users, plus each synthetic set's fidelity metrics.",
            new PaperReference("A survey on synthetic data and simulators for recommender systems "
                    + "(section 2: can synthetic data replace real data for ranking algorithms?)", null),
            ParamSchema.of(
                    ParamSpec.stringParam("metrics").defaultValue("")
                            .help("The metrics to correlate, comma-separated, such as 'ndcg@10, recall@20'; empty "
                                    + "for every metric the evaluators report for all recommenders.").build(),
                    ParamSpec.intParam("resamples").defaultValue(1000).range(0, 100_000)
                            .help("Bootstrap replicates of the intervals (resampling test users); 0 for none.")
                            .build(),
                    ParamSpec.doubleParam("level").defaultValue(0.95).openRange(0, 1)
                            .help("Confidence level of the intervals.").build()));

    private static final List<SlotSpec> SLOTS = List.of(
            SlotSpec.optional("dataset", PluginKind.DATASET_SOURCE, "Loads the real dataset. Give this or 'data'."),
            SlotSpec.optional("data", PluginKind.GENERATOR,
                    "Makes the 'real' dataset (fitted without a reference, sampled once), for controlled studies "
                            + "on a generator with known preferences. Give this or 'dataset'."),
            SlotSpec.oneOrMore("generators", PluginKind.GENERATOR,
                    "Each is fitted on the real dataset and sampled once: the synthetic datasets compared."),
            SlotSpec.one("split", PluginKind.SPLITTER,
                    "Splits the real and every synthetic dataset the same way (the first split is used)."),
            new SlotSpec("recommenders", PluginKind.RECOMMENDER, 2, Integer.MAX_VALUE,
                    "The algorithms whose ordering is compared; at least two."),
            SlotSpec.oneOrMore("evaluators", PluginKind.EVALUATOR,
                    "Accuracy evaluators (such as ranking-metrics) run on every dataset's held-out part."),
            new SlotSpec("fidelity", PluginKind.EVALUATOR, 0, Integer.MAX_VALUE,
                    "Dataset fidelity evaluators (such as fidelity), given the synthetic set as train and the "
                            + "real set as test."));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<SlotSpec> slots() {
        return SLOTS;
    }

    /** The evaluation of every recommender on one dataset. */
    private record Side(String label, Map<String, Map<String, Double>> metrics,
                        Map<String, Map<String, double[]>> perUser) {
    }

    @Override
    public void run(Trial trial, RunContext ctx) throws IOException {
        List<Configured<DatasetSource>> sources = trial.slot("dataset", DatasetSource.class);
        List<Configured<Generator>> realGenerators = trial.slot("data", Generator.class);
        if (sources.size() + realGenerators.size() != 1) {
            throw new IllegalArgumentException("protocol '" + ID + "': give exactly one of slot 'dataset' and slot "
                    + "'data'; found " + sources.size() + " and " + realGenerators.size());
        }
        List<Configured<Generator>> generators = trial.slot("generators", Generator.class);
        Configured<Splitter> splitter = trial.single("split", Splitter.class);
        List<Configured<Recommender>> recommenders = trial.slot("recommenders", Recommender.class);
        List<Configured<Evaluator>> evaluators = trial.slot("evaluators", Evaluator.class);
        List<Configured<Evaluator>> fidelity = trial.slot("fidelity", Evaluator.class);
        Params params = trial.params();
        int steps = 1 + generators.size();
        double share = 1.0 / (steps + 1);

        Dataset real;
        if (sources.isEmpty()) {
            Configured<Generator> g = realGenerators.get(0);
            real = g.plugin().fit(null, g.params(), Progress.scoped(ctx, g.label(), 0, share / 4)).sample(
                    Progress.scoped(ctx, g.label(), share / 4, share / 2));
            ctx.protocolFact("dataset.generator", g.plugin().descriptor().id() + " " + g.params().asMap());
            ctx.protocolFact("info.dataset.checksum", real.checksum());
        } else {
            Configured<DatasetSource> s = sources.get(0);
            real = s.plugin().load(s.params(), Progress.scoped(ctx, s.label(), 0, share / 2));
            ctx.protocolFact("dataset.checksum", real.checksum());
        }
        ctx.protocolFact("split", splitter.plugin().descriptor().id() + " " + splitter.params().asMap());
        ctx.protocolFact("recommenders", labels(recommenders));
        ctx.log(System.Logger.Level.INFO, "real dataset '" + real.name() + "': " + real.numUsers() + " users, "
                + real.numItems() + " items, " + real.size() + " interactions");
        ctx.result("real/interactions", real.size());

        Side realSide = evaluateAll("real", real, splitter, recommenders, evaluators, ctx, share / 2, share);
        List<String> metricNames = metricNames(params, realSide, recommenders);
        StringBuilder csv = new StringBuilder("generator,recommender,metric,real,synthetic\n");
        Map<String, Side> synthetic = new LinkedHashMap<>();
        for (int g = 0; g < generators.size(); g++) {
            Configured<Generator> gen = generators.get(g);
            double from = share * (g + 1);
            ctx.checkCancelled();
            ctx.progress(Math.min(1, from), "fitting generator " + gen.label() + " on the real data");
            GeneratorModel model = gen.plugin().fit(real, gen.params(), Progress.scoped(ctx, gen.label(), from,
                    from + share / 4));
            Dataset data = model.sample(Progress.scoped(ctx, gen.label(), from + share / 4, from + share / 2));
            ctx.protocolFact("generator." + gen.label(), gen.plugin().descriptor().id() + " " + gen.params().asMap());
            ctx.protocolFact("info.generator." + gen.label() + ".checksum", data.checksum());
            ctx.result(gen.label() + "/interactions", data.size());
            for (Configured<Evaluator> f : fidelity) {
                EvaluationResult r = f.plugin().evaluate(new EvaluationInput(data, real, null, null), f.params(),
                        Progress.scoped(ctx, gen.label() + " " + f.label(), from + share / 2, from + share / 2));
                r.metrics().forEach((k, v) -> ctx.result(gen.label() + "/fidelity/" + k, v));
            }
            Side side = evaluateAll(gen.label(), data, splitter, recommenders, evaluators, ctx, from + share / 2,
                    from + share);
            synthetic.put(gen.label(), side);
            correlate(gen.label(), realSide, side, recommenders, metricNames, params, ctx);
            for (Configured<Recommender> rec : recommenders) {
                for (String m : metricNames) {
                    csv.append(csvField(gen.label())).append(',').append(csvField(rec.label())).append(',')
                            .append(csvField(m)).append(',')
                            .append(realSide.metrics().get(rec.label()).get(m)).append(',')
                            .append(side.metrics().get(rec.label()).getOrDefault(m, Double.NaN)).append('\n');
                }
            }
        }
        write(ctx, "ranking-fidelity.csv", csv.toString());
        if (!metricNames.isEmpty()) {
            Map<String, Map<String, Map<String, Double>>> byGenerator = new LinkedHashMap<>();
            synthetic.forEach((g, side) -> byGenerator.put(g, side.metrics()));
            write(ctx, "ranking-fidelity.svg", ScatterSvg.render(metricNames.get(0), realSide.metrics(), byGenerator,
                    recommenders.stream().map(Configured::label).toList()));
        }
        ctx.progress(1.0, "done: " + recommenders.size() + " recommenders on the real data and "
                + generators.size() + " synthetic datasets");
    }

    private static String labels(List<Configured<Recommender>> recs) {
        List<String> out = new ArrayList<>();
        recs.forEach(r -> out.add(r.label() + "=" + r.plugin().descriptor().id() + " " + r.params().asMap()));
        return String.join("; ", out);
    }

    private static Side evaluateAll(String side, Dataset data, Configured<Splitter> splitter,
                                    List<Configured<Recommender>> recommenders, List<Configured<Evaluator>> evaluators,
                                    RunContext ctx, double from, double to) {
        List<Split> splits = splitter.plugin().split(data, splitter.params(), Progress.scoped(ctx, side + " " + splitter.label(),
                from, from));
        if (splits == null || splits.isEmpty()) {
            throw new IllegalStateException("protocol '" + ID + "': splitter '" + splitter.label()
                    + "' returned no split of the " + side + " dataset");
        }
        Split split = splits.get(0);
        double step = (to - from) / recommenders.size();
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> perUser = new LinkedHashMap<>();
        for (int r = 0; r < recommenders.size(); r++) {
            ctx.checkCancelled();
            Configured<Recommender> rec = recommenders.get(r);
            String label = side + "/" + rec.label();
            double start = from + r * step;
            ctx.progress(start, "fitting " + rec.label() + " on the " + side + " data");
            Model model = rec.plugin().fit(split.train(), rec.params(), Progress.scoped(ctx, label, start, start + step * 0.7));
            EvaluationInput input = new EvaluationInput(split.train(), split.test(), model, split.foldIn());
            Map<String, Double> m = new LinkedHashMap<>();
            Map<String, double[]> u = new LinkedHashMap<>();
            for (Configured<Evaluator> e : evaluators) {
                EvaluationResult res = e.plugin().evaluate(input, e.params(),
                        Progress.scoped(ctx, label + " " + e.label(), start + step * 0.7, start + step));
                ctx.protocolFact("evaluator." + e.label(), e.plugin().descriptor().id() + ": " + res.protocol());
                m.putAll(res.metrics());
                u.putAll(res.perUser());
            }
            m.forEach((k, v) -> ctx.result(label + "/" + k, v));
            metrics.put(rec.label(), m);
            perUser.put(rec.label(), u);
        }
        return new Side(side, metrics, perUser);
    }

    private static List<String> metricNames(Params params, Side real, List<Configured<Recommender>> recs) {
        List<String> asked = new ArrayList<>();
        for (String m : params.getString("metrics").split(",")) {
            if (!m.isBlank()) {
                asked.add(m.strip());
            }
        }
        Set<String> common = null;
        for (Configured<Recommender> r : recs) {
            Set<String> names = new LinkedHashSet<>(real.metrics().get(r.label()).keySet());
            if (common == null) {
                common = names;
            } else {
                common.retainAll(names);
            }
        }
        if (asked.isEmpty()) {
            common.remove("users");
            return List.copyOf(common);
        }
        for (String m : asked) {
            if (!common.contains(m)) {
                throw new IllegalArgumentException("params.metrics: the evaluators report no metric '" + m
                        + "' for every recommender; they report: " + String.join(", ", common));
            }
        }
        return asked;
    }

    private static void correlate(String gen, Side real, Side synthetic, List<Configured<Recommender>> recs,
                                  List<String> metricNames, Params params, RunContext ctx) {
        int resamples = params.getInt("resamples");
        double level = params.getDouble("level");
        for (String m : metricNames) {
            double[] a = new double[recs.size()];
            double[] b = new double[recs.size()];
            double[][] ra = new double[recs.size()][];
            double[][] sb = new double[recs.size()][];
            boolean perUser = true;
            for (int i = 0; i < recs.size(); i++) {
                String label = recs.get(i).label();
                a[i] = real.metrics().get(label).get(m);
                Double s = synthetic.metrics().get(label).get(m);
                if (s == null) {
                    throw new IllegalStateException("protocol '" + ID + "': recommender '" + label + "' has no '" + m
                            + "' on the data of generator '" + gen + "'");
                }
                b[i] = s;
                ra[i] = real.perUser().get(label).get(m);
                sb[i] = synthetic.perUser().get(label).get(m);
                perUser &= ra[i] != null && sb[i] != null && ra[i].length == ra[0].length
                        && sb[i].length == sb[0].length && ra[i].length > 0 && sb[i].length > 0;
            }
            for (RankCorrelation.Method method : RankCorrelation.Method.values()) {
                String key = gen + "/" + method.label() + "/" + m;
                double estimate = method.apply(a, b);
                ctx.result(key, estimate);
                if (resamples > 0 && perUser) {
                    SplittableRandom seedSource = new SplittableRandom(ctx.random("bootstrap " + key).nextLong());
                    Interval ci = RankCorrelationBootstrap.overUsers(ra, sb, method, resamples, level,
                            seedSource.split());
                    ctx.result(key + ".lower", ci.lower());
                    ctx.result(key + ".upper", ci.upper());
                } else if (resamples > 0) {
                    ctx.log(System.Logger.Level.WARNING, "no interval for " + key + ": the evaluators gave no "
                            + "aligned per-user values of '" + m + "'");
                }
            }
            ctx.log(System.Logger.Level.INFO, String.format(Locale.ROOT, "%s: kendall tau-b %.3f, spearman %.3f on %s",
                    gen, RankCorrelation.kendallTauB(a, b), RankCorrelation.spearman(a, b), m));
        }
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static void write(RunContext ctx, String name, String text) throws IOException {
        try (OutputStream out = ctx.createArtifact(name);
             Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write(text);
        }
    }
}
