package org.surrogate.bundles.surveyprotocols;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
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
import org.surrogate.bundles.commons.stats.Bootstrap;
import org.surrogate.bundles.commons.stats.Interval;
import org.surrogate.bundles.commons.stats.RankCorrelation;
import org.surrogate.bundles.commons.stats.RankCorrelationBootstrap;

/**
 * Ranking fidelity: can a synthetic dataset stand in for the real one when the question is which
 * algorithm is better? Every recommender is trained and evaluated on the real data and, with the
 * same splitter and evaluators, on each generator's synthetic data (each generator fitted on the
 * whole real dataset); for every metric the protocol reports the Kendall tau-b and the Spearman
 * correlation between the two orderings of the recommenders, with bootstrap intervals, and the
 * dataset fidelity metrics of each synthetic set when fidelity evaluators are given.
 *
 * <p><b>Seeds.</b> With {@code replicates} R &gt; 1 the whole procedure (real data when generated,
 * generator fits and samples, splits, recommender fits) runs at R seeds inside the trial: the trial's
 * seed, then seeds derived from it. A recommender's score on a side is then its mean over the
 * replicates, the correlation is computed between those means, and its interval is a paired bootstrap
 * over the replicates (seeds resampled with replacement, the same draw on both sides:
 * {@link RankCorrelationBootstrap#overSeeds}). With R = 1 the interval resamples test users (real and
 * synthetic users independently: {@link RankCorrelationBootstrap#overUsers}). With few replicates the
 * seed interval is coarse (3 seeds allow only 10 distinct resamples): it shows the spread, not a
 * precise 95 % bound.
 *
 * <p>Results: {@code real/<rec>/<metric>} and {@code <gen>/<rec>/<metric>} (means over replicates),
 * {@code <gen>/kendall/<metric>} with {@code .lower} and {@code .upper} (over seeds when R &gt; 1, else
 * over users), and when R &gt; 1 also {@code .users.lower}, {@code .users.upper} (over the users of
 * the first replicate) and {@code .rep<r>} (the correlation within replicate r, from 0); the same for
 * {@code spearman}; {@code <gen>/fidelity/<metric>} (mean over replicates). Artifacts:
 * {@code ranking-fidelity.csv} (one row per generator, recommender, metric and replicate: the real
 * and the synthetic value), {@code ranking-fidelity-correlations.csv} (every correlation with its
 * interval), {@code ranking-fidelity-scores-<metric>.svg} (algorithm scores, real against
 * synthetic, one series per generator, with intervals) and {@code ranking-fidelity-correlation.svg}
 * (the correlations per generator with their intervals).
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
                    + "with bootstrap intervals over seeds (replicates inside the trial) or over test users, plus "
                    + "each synthetic set's fidelity metrics.",
            new PaperReference("A survey on synthetic data and simulators for recommender systems "
                    + "(section 2: can synthetic data replace real data for ranking algorithms?)", null),
            ParamSchema.of(
                    ParamSpec.stringParam("metrics").defaultValue("")
                            .help("The metrics to correlate, comma-separated, such as 'ndcg@10, recall@20'; empty "
                                    + "for every metric the evaluators report for all recommenders.").build(),
                    ParamSpec.intParam("resamples").defaultValue(1000).range(0, 100_000)
                            .help("Bootstrap replicates of the intervals; 0 for none.").build(),
                    ParamSpec.doubleParam("level").defaultValue(0.95).openRange(0, 1)
                            .help("Confidence level of the intervals.").build(),
                    ParamSpec.intParam("replicates").defaultValue(1).range(1, 100)
                            .help("Seeds the whole procedure runs at inside the trial (the trial's seed and seeds "
                                    + "derived from it); above 1, scores are means over the seeds and the "
                                    + "correlation intervals are bootstraps over seeds.").build()));

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

    /** One run of the whole procedure at one seed. */
    private record Replicate(int realSize, Side real, Map<String, Side> synthetic,
                             Map<String, Map<String, Double>> fidelity, Map<String, Integer> sizes) {
    }

    /** The plugins of the trial. */
    private record Setup(Configured<DatasetSource> source, Configured<Generator> realGenerator,
                         List<Configured<Generator>> generators, Configured<Splitter> splitter,
                         List<Configured<Recommender>> recommenders, List<Configured<Evaluator>> evaluators,
                         List<Configured<Evaluator>> fidelity) {
    }

    @Override
    public void run(Trial trial, RunContext ctx) throws IOException {
        List<Configured<DatasetSource>> sources = trial.slot("dataset", DatasetSource.class);
        List<Configured<Generator>> realGenerators = trial.slot("data", Generator.class);
        if (sources.size() + realGenerators.size() != 1) {
            throw new IllegalArgumentException("protocol '" + ID + "': give exactly one of slot 'dataset' and slot "
                    + "'data'; found " + sources.size() + " and " + realGenerators.size());
        }
        Setup setup = new Setup(sources.isEmpty() ? null : sources.get(0),
                realGenerators.isEmpty() ? null : realGenerators.get(0), trial.slot("generators", Generator.class),
                trial.single("split", Splitter.class), trial.slot("recommenders", Recommender.class),
                trial.slot("evaluators", Evaluator.class), trial.slot("fidelity", Evaluator.class));
        Params params = trial.params();
        int replicates = params.getInt("replicates");
        ctx.protocolFact("split", setup.splitter().plugin().descriptor().id() + " " + setup.splitter().params().asMap());
        ctx.protocolFact("recommenders", labels(setup.recommenders()));
        ctx.protocolFact("replicates", replicates + (replicates > 1 ? " seeds inside the trial; intervals over seeds"
                : " seed; intervals over test users"));

        Dataset loaded = null;
        if (setup.source() != null) {
            Configured<DatasetSource> s = setup.source();
            loaded = s.plugin().load(s.params(), Progress.scoped(ctx, s.label(), 0, 0.02));
            ctx.protocolFact("dataset.checksum", loaded.checksum());
        }
        List<Replicate> reps = new ArrayList<>();
        for (int r = 0; r < replicates; r++) {
            ctx.checkCancelled();
            RunContext rc = replicates == 1 ? ctx : new ReseededContext(ctx, ReseededContext.seedOf(ctx.seed(), r),
                    0.02 + 0.96 * r / replicates, 0.02 + 0.96 * (r + 1) / replicates,
                    "replicate " + (r + 1) + " of " + replicates);
            reps.add(replicate(setup, loaded, r, rc));
        }
        List<String> metricNames = metricNames(params, reps.get(0).real(), setup.recommenders());
        List<String> recLabels = setup.recommenders().stream().map(Configured::label).toList();
        List<String> genLabels = setup.generators().stream().map(Configured::label).toList();
        writeMeans(ctx, reps, recLabels, genLabels);
        List<RankingFidelityPlots.Correlation> correlations = new ArrayList<>();
        for (String g : genLabels) {
            for (String m : metricNames) {
                correlations.addAll(correlate(g, m, reps, recLabels, params, ctx));
            }
        }
        write(ctx, "ranking-fidelity.csv", scoresCsv(reps, recLabels, genLabels, metricNames));
        write(ctx, "ranking-fidelity-correlations.csv", RankingFidelityPlots.correlationsCsv(correlations));
        for (String m : metricNames) {
            Map<String, List<double[]>> sides = new LinkedHashMap<>();
            sides.put("real", scoreIntervals(reps, r -> r.real(), recLabels, m, params, ctx));
            for (String g : genLabels) {
                sides.put(g, scoreIntervals(reps, r -> r.synthetic().get(g), recLabels, m, params, ctx));
            }
            write(ctx, "ranking-fidelity-scores-" + RankingFidelityPlots.fileSafe(m) + ".svg",
                    RankingFidelityPlots.scores(m, recLabels, sides, replicates));
        }
        if (!metricNames.isEmpty()) {
            write(ctx, "ranking-fidelity-correlation.svg", RankingFidelityPlots.correlations(correlations, genLabels,
                    replicates));
        }
        ctx.progress(1.0, "done: " + setup.recommenders().size() + " recommenders on the real data and "
                + genLabels.size() + " synthetic datasets, " + replicates + " seed" + (replicates == 1 ? "" : "s"));
    }

    /** The whole procedure at the context's seed. */
    private static Replicate replicate(Setup setup, Dataset loaded, int r, RunContext ctx) {
        int steps = 1 + setup.generators().size();
        double share = 1.0 / (steps + 1);
        String info = r == 0 ? "" : ".rep" + r;
        Dataset real = loaded;
        if (real == null) {
            Configured<Generator> g = setup.realGenerator();
            real = g.plugin().fit(null, g.params(), Progress.scoped(ctx, g.label(), 0, share / 4)).sample(
                    Progress.scoped(ctx, g.label(), share / 4, share / 2));
            ctx.protocolFact("dataset.generator", g.plugin().descriptor().id() + " " + g.params().asMap());
            ctx.protocolFact("info.dataset.checksum" + info, real.checksum());
        }
        ctx.log(System.Logger.Level.INFO, "real dataset '" + real.name() + "': " + real.numUsers() + " users, "
                + real.numItems() + " items, " + real.size() + " interactions");
        Side realSide = evaluateAll("real", real, setup, ctx, share / 2, share);
        Map<String, Side> synthetic = new LinkedHashMap<>();
        Map<String, Map<String, Double>> fidelity = new LinkedHashMap<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (int g = 0; g < setup.generators().size(); g++) {
            Configured<Generator> gen = setup.generators().get(g);
            double from = share * (g + 1);
            ctx.checkCancelled();
            ctx.progress(Math.min(1, from), "fitting generator " + gen.label() + " on the real data");
            GeneratorModel model = gen.plugin().fit(real, gen.params(), Progress.scoped(ctx, gen.label(), from,
                    from + share / 4));
            Dataset data = model.sample(Progress.scoped(ctx, gen.label(), from + share / 4, from + share / 2));
            ctx.protocolFact("generator." + gen.label(), gen.plugin().descriptor().id() + " " + gen.params().asMap());
            ctx.protocolFact("info.generator." + gen.label() + ".checksum" + info, data.checksum());
            sizes.put(gen.label(), data.size());
            Map<String, Double> fid = new LinkedHashMap<>();
            for (Configured<Evaluator> f : setup.fidelity()) {
                EvaluationResult res = f.plugin().evaluate(new EvaluationInput(data, real, null, null), f.params(),
                        Progress.scoped(ctx, gen.label() + " " + f.label(), from + share / 2, from + share / 2));
                fid.putAll(res.metrics());
            }
            fidelity.put(gen.label(), fid);
            synthetic.put(gen.label(), evaluateAll(gen.label(), data, setup, ctx, from + share / 2, from + share));
        }
        return new Replicate(real.size(), realSide, synthetic, fidelity, sizes);
    }

    /** Means over the replicates of every score, fidelity metric and size. */
    private static void writeMeans(RunContext ctx, List<Replicate> reps, List<String> recs, List<String> gens) {
        ctx.result("real/interactions", reps.stream().mapToInt(Replicate::realSize).average().orElse(Double.NaN));
        for (String rec : recs) {
            mean(reps, r -> r.real().metrics().get(rec)).forEach((k, v) -> ctx.result("real/" + rec + "/" + k, v));
        }
        for (String g : gens) {
            ctx.result(g + "/interactions", reps.stream().mapToInt(r -> r.sizes().get(g)).average().orElse(Double.NaN));
            mean(reps, r -> r.fidelity().get(g)).forEach((k, v) -> ctx.result(g + "/fidelity/" + k, v));
            for (String rec : recs) {
                mean(reps, r -> r.synthetic().get(g).metrics().get(rec)).forEach((k, v) -> ctx.result(g + "/" + rec
                        + "/" + k, v));
            }
        }
    }

    /** The mean of every metric present in all replicates, in the first replicate's order. */
    private static Map<String, Double> mean(List<Replicate> reps, Function<Replicate, Map<String, Double>> get) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : get.apply(reps.get(0)).keySet()) {
            double sum = 0;
            boolean all = true;
            for (Replicate r : reps) {
                Double v = get.apply(r).get(k);
                all &= v != null;
                sum += v == null ? 0 : v;
            }
            if (all) {
                out.put(k, sum / reps.size());
            }
        }
        return out;
    }

    /** Per recommender: its score on one side as {mean, lower, upper}, over seeds or over test users. */
    private static List<double[]> scoreIntervals(List<Replicate> reps, Function<Replicate, Side> side,
                                                 List<String> recs, String m, Params params, RunContext ctx) {
        int resamples = params.getInt("resamples");
        double level = params.getDouble("level");
        List<double[]> out = new ArrayList<>();
        for (String rec : recs) {
            double[] values = reps.stream().mapToDouble(r -> side.apply(r).metrics().get(rec).getOrDefault(m,
                    Double.NaN)).toArray();
            if (reps.size() == 1) {
                double[] perUser = side.apply(reps.get(0)).perUser().get(rec).get(m);
                values = perUser != null && perUser.length > 0 ? perUser : values;
            }
            double mean = Arrays.stream(values).average().orElse(Double.NaN);
            if (reps.size() == 1) {
                mean = side.apply(reps.get(0)).metrics().get(rec).getOrDefault(m, Double.NaN);
            }
            if (resamples > 0 && Arrays.stream(values).allMatch(Double::isFinite) && values.length > 1) {
                Interval ci = Bootstrap.meanInterval(values, resamples, level,
                        new SplittableRandom(ctx.random("bootstrap score " + side.apply(reps.get(0)).label() + "/"
                                + rec + "/" + m).nextLong()));
                out.add(new double[] {mean, ci.lower(), ci.upper()});
            } else {
                out.add(new double[] {mean, Double.NaN, Double.NaN});
            }
        }
        return out;
    }

    /** The correlations of one generator and metric, both methods, with their intervals, as results. */
    private static List<RankingFidelityPlots.Correlation> correlate(String gen, String m, List<Replicate> reps,
                                                                   List<String> recs, Params params, RunContext ctx) {
        int resamples = params.getInt("resamples");
        double level = params.getDouble("level");
        int n = recs.size();
        double[][] real = new double[n][reps.size()];
        double[][] syn = new double[n][reps.size()];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < reps.size(); r++) {
                real[i][r] = reps.get(r).real().metrics().get(recs.get(i)).get(m);
                Double s = reps.get(r).synthetic().get(gen).metrics().get(recs.get(i)).get(m);
                if (s == null) {
                    throw new IllegalStateException("protocol '" + ID + "': recommender '" + recs.get(i) + "' has no '"
                            + m + "' on the data of generator '" + gen + "'");
                }
                syn[i][r] = s;
            }
        }
        double[] a = rowMeans(real);
        double[] b = rowMeans(syn);
        double[][][] users = alignedUsers(reps.get(0), gen, recs, m);
        List<RankingFidelityPlots.Correlation> out = new ArrayList<>();
        for (RankCorrelation.Method method : RankCorrelation.Method.values()) {
            String key = gen + "/" + method.label() + "/" + m;
            double estimate = method.apply(a, b);
            ctx.result(key, estimate);
            Interval byUsers = null;
            if (resamples > 0 && users != null) {
                byUsers = RankCorrelationBootstrap.overUsers(users[0], users[1], method, resamples, level,
                        new SplittableRandom(ctx.random("bootstrap " + key).nextLong()));
            } else if (resamples > 0) {
                ctx.log(System.Logger.Level.WARNING, "no interval over users for " + key + ": the evaluators gave "
                        + "no aligned per-user values of '" + m + "'");
            }
            Interval primary = byUsers;
            String basis = "users";
            if (reps.size() > 1) {
                for (int r = 0; r < reps.size(); r++) {
                    ctx.result(key + ".rep" + r, method.apply(column(real, r), column(syn, r)));
                }
                if (byUsers != null) {
                    ctx.result(key + ".users.lower", byUsers.lower());
                    ctx.result(key + ".users.upper", byUsers.upper());
                }
                primary = null;
                basis = "seeds";
                if (resamples > 0 && allFinite(real) && allFinite(syn)) {
                    primary = RankCorrelationBootstrap.overSeeds(real, syn, method, resamples, level,
                            new SplittableRandom(ctx.random("bootstrap seeds " + key).nextLong()));
                }
            }
            if (primary != null) {
                ctx.result(key + ".lower", primary.lower());
                ctx.result(key + ".upper", primary.upper());
            }
            out.add(new RankingFidelityPlots.Correlation(gen, m, method.label(), estimate,
                    primary == null ? Double.NaN : primary.lower(), primary == null ? Double.NaN : primary.upper(),
                    basis, reps.size()));
        }
        ctx.log(System.Logger.Level.INFO, String.format(Locale.ROOT, "%s: kendall tau-b %.3f, spearman %.3f on %s "
                + "(%d seed%s)", gen, RankCorrelation.kendallTauB(a, b), RankCorrelation.spearman(a, b), m,
                reps.size(), reps.size() == 1 ? "" : "s"));
        return out;
    }

    /** Per-user values {@code [side][algorithm][user]} of the first replicate, or null when not aligned. */
    private static double[][][] alignedUsers(Replicate rep, String gen, List<String> recs, String m) {
        double[][] ra = new double[recs.size()][];
        double[][] sb = new double[recs.size()][];
        for (int i = 0; i < recs.size(); i++) {
            ra[i] = rep.real().perUser().get(recs.get(i)).get(m);
            sb[i] = rep.synthetic().get(gen).perUser().get(recs.get(i)).get(m);
            if (ra[i] == null || sb[i] == null || ra[i].length == 0 || sb[i].length == 0
                    || ra[i].length != ra[0].length || sb[i].length != sb[0].length) {
                return null;
            }
        }
        return new double[][][] {ra, sb};
    }

    private static double[] rowMeans(double[][] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Arrays.stream(v[i]).average().orElse(Double.NaN);
        }
        return out;
    }

    private static double[] column(double[][] v, int c) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i][c];
        }
        return out;
    }

    private static boolean allFinite(double[][] v) {
        return Arrays.stream(v).allMatch(row -> Arrays.stream(row).allMatch(Double::isFinite));
    }

    /** One row per generator, recommender, metric and replicate. */
    private static String scoresCsv(List<Replicate> reps, List<String> recs, List<String> gens, List<String> metrics) {
        StringBuilder csv = new StringBuilder("generator,recommender,metric,real,synthetic,replicate\n");
        for (String g : gens) {
            for (String rec : recs) {
                for (String m : metrics) {
                    for (int r = 0; r < reps.size(); r++) {
                        csv.append(csvField(g)).append(',').append(csvField(rec)).append(',').append(csvField(m))
                                .append(',').append(reps.get(r).real().metrics().get(rec).get(m)).append(',')
                                .append(reps.get(r).synthetic().get(g).metrics().get(rec).getOrDefault(m, Double.NaN))
                                .append(',').append(r).append('\n');
                    }
                }
            }
        }
        return csv.toString();
    }

    private static String labels(List<Configured<Recommender>> recs) {
        List<String> out = new ArrayList<>();
        recs.forEach(r -> out.add(r.label() + "=" + r.plugin().descriptor().id() + " " + r.params().asMap()));
        return String.join("; ", out);
    }

    private static Side evaluateAll(String side, Dataset data, Setup setup, RunContext ctx, double from, double to) {
        Configured<Splitter> splitter = setup.splitter();
        List<Configured<Recommender>> recommenders = setup.recommenders();
        List<Split> splits = splitter.plugin().split(data, splitter.params(), Progress.scoped(ctx,
                side + " " + splitter.label(), from, from));
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
            Model model = rec.plugin().fit(split.train(), rec.params(), Progress.scoped(ctx, label, start,
                    start + step * 0.7));
            EvaluationInput input = new EvaluationInput(split.train(), split.test(), model, split.foldIn());
            Map<String, Double> m = new LinkedHashMap<>();
            Map<String, double[]> u = new LinkedHashMap<>();
            for (Configured<Evaluator> e : setup.evaluators()) {
                EvaluationResult res = e.plugin().evaluate(input, e.params(),
                        Progress.scoped(ctx, label + " " + e.label(), start + step * 0.7, start + step));
                ctx.protocolFact("evaluator." + e.label(), e.plugin().descriptor().id() + ": " + res.protocol());
                m.putAll(res.metrics());
                u.putAll(res.perUser());
            }
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
