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
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
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
import org.surrogate.api.privacy.PrivacyGuarantee;
import org.surrogate.api.privacy.PrivacyMechanism;
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
 * Fidelity against privacy: sweeps a privacy mechanism's budget over the real training data and
 * measures what the protected release is still good for and how much it still leaks. The real data
 * is split once. With attack evaluators (slot {@code attacks}), a seeded, user-level share
 * {@code nonMemberFraction} of the users is held out of every release as <em>non-members</em>; the
 * other users are the <em>members</em>, whose training part is what the mechanism protects (without
 * attacks every user is a member). At each budget the mechanism protects the members' training part
 * (rows of held-out users are dropped from its output: they are not in the protected dataset); the
 * release is that protected data, or, with a generator, data sampled from the generator fitted on it
 * (privacy by post-processing). Every recommender is trained on the release and evaluated on the
 * members' real test part; the baseline ("none") trains on the unprotected members' training part.
 *
 * <p>Per budget: each recommender's accuracy with a bootstrap interval over test users; the Kendall
 * tau-b and Spearman between the recommenders' ordering on the release and on the real data
 * (ranking fidelity) with a paired bootstrap interval over test users; the dataset fidelity metrics
 * of the release against the members' training part; the mechanism's stated (ε, δ); and every
 * attack's success (AUC with its interval) with input {@code train} = the release, {@code test} =
 * the members' real training part, {@code foldIn} = the non-members' real training part (the
 * convention of the attack plugins). The unprotected baseline is attacked too: that is the attack's
 * sanity check (an attack must do well against data released without protection).
 *
 * <p>The release must keep the real user and item ids to be evaluated on the real test part
 * (input perturbation does; a generator must too, or the budget point is reported without
 * accuracy). Results: {@code none/<rec>/<metric>} (with {@code .lower}, {@code .upper}),
 * {@code eps<b>/<rec>/<metric>}, {@code eps<b>/kendall/<metric>} and {@code eps<b>/spearman/<metric>}
 * (with {@code .lower}, {@code .upper}), {@code eps<b>/fidelity/...}, {@code <point>/attack/<attack>/...}
 * for {@code none} and every budget, {@code eps<b>/epsilon}, {@code eps<b>/delta}; metrics with
 * step = budget index for curves. Artifacts: {@code privacy-frontier.csv} (every recommender's
 * value per budget), {@code privacy-summary.csv} (one row per point: ε, correlations and attack AUCs
 * with intervals), and the plots {@code privacy-frontier-fidelity.svg} (ranking fidelity against
 * attack AUC, or against ε without attacks), {@code privacy-frontier-accuracy.svg} (accuracy against
 * attack AUC or ε) and, with attacks, {@code privacy-attack-auc.svg} (AUC against ε).
 */
@Component(service = Protocol.class)
public final class PrivacyFidelityProtocol implements Protocol {

    /** The plugin id. */
    public static final String ID = "privacy-fidelity";

    /** The descriptor. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.PROTOCOL,
            "Fidelity against privacy",
            "Sweeps a privacy mechanism's budget over the real training data (input perturbation, or a generator "
                    + "fitted on the protected data) and reports, per budget, the accuracy of every recommender "
                    + "trained on the release and evaluated on the real test part, the ranking fidelity of the "
                    + "release (Kendall tau-b, Spearman against real-data training, with bootstrap intervals), "
                    + "dataset fidelity, and the success of membership attacks (AUC with an interval) against "
                    + "the release, with a seeded user-level split into members and held-out non-members.",
            new PaperReference("A survey on synthetic data and simulators for recommender systems "
                    + "(section 2: fidelity versus privacy)", null),
            ParamSchema.of(
                    ParamSpec.doubleListParam("budgets").defaultValue(List.of(0.1, 0.5, 1.0, 2.0, 5.0, 10.0))
                            .help("The budgets swept (values of the mechanism's budget parameter); the "
                                    + "unprotected baseline is always run.").build(),
                    ParamSpec.stringParam("budgetParam").defaultValue("epsilon")
                            .help("The name of the mechanism's budget parameter.").build(),
                    ParamSpec.stringParam("metrics").defaultValue("")
                            .help("Metrics to correlate, comma-separated; empty for all.").build(),
                    ParamSpec.doubleParam("nonMemberFraction").defaultValue(0.2).openRange(0, 1)
                            .help("With attacks: the share of users (with training interactions) held out of "
                                    + "every release as non-members, drawn with the trial's seed; accuracy is "
                                    + "then measured on the members. Ignored without attacks.").build(),
                    ParamSpec.intParam("resamples").defaultValue(1000).range(0, 100_000)
                            .help("Bootstrap replicates of the intervals of accuracy and ranking fidelity "
                                    + "(resampling test users); 0 for none.").build()));

    private static final List<SlotSpec> SLOTS = List.of(
            SlotSpec.optional("dataset", PluginKind.DATASET_SOURCE, "Loads the real dataset. Give this or 'data'."),
            SlotSpec.optional("data", PluginKind.GENERATOR, "Makes the 'real' dataset. Give this or 'dataset'."),
            SlotSpec.one("privacy", PluginKind.PRIVACY_MECHANISM, "Protects the real training part at each budget."),
            new SlotSpec("generator", PluginKind.GENERATOR, 0, 1,
                    "Optional: fitted on the protected data; its sample is the release."),
            SlotSpec.one("split", PluginKind.SPLITTER, "Splits the real data (the first split is used)."),
            new SlotSpec("recommenders", PluginKind.RECOMMENDER, 2, Integer.MAX_VALUE,
                    "Trained on every release; their ordering is compared with real-data training."),
            SlotSpec.oneOrMore("evaluators", PluginKind.EVALUATOR, "Evaluate on the real test part."),
            new SlotSpec("fidelity", PluginKind.EVALUATOR, 0, Integer.MAX_VALUE,
                    "Dataset fidelity evaluators: release as train, real training part as test."),
            new SlotSpec("attacks", PluginKind.EVALUATOR, 0, Integer.MAX_VALUE,
                    "Membership attacks (such as mia-dcr, mia-shadow): release as train, members' real training "
                            + "part as test, held-out non-members' real training part as foldIn."));

    private static final double LEVEL = 0.95;

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<SlotSpec> slots() {
        return SLOTS;
    }

    @Override
    public void run(Trial trial, RunContext ctx) throws IOException {
        Params params = trial.params();
        Configured<PrivacyMechanism> mechanism = trial.single("privacy", PrivacyMechanism.class);
        List<Configured<Generator>> generator = trial.slot("generator", Generator.class);
        Configured<Splitter> splitter = trial.single("split", Splitter.class);
        List<Configured<Recommender>> recommenders = trial.slot("recommenders", Recommender.class);
        List<Configured<Evaluator>> evaluators = trial.slot("evaluators", Evaluator.class);
        List<Configured<Evaluator>> fidelity = trial.slot("fidelity", Evaluator.class);
        List<Configured<Evaluator>> attacks = trial.slot("attacks", Evaluator.class);
        String budgetParam = params.getString("budgetParam");
        if (mechanism.plugin().descriptor().params().params().stream().noneMatch(s -> s.name().equals(budgetParam))) {
            throw new IllegalArgumentException("params.budgetParam: privacy mechanism '" + mechanism.label()
                    + "' has no parameter '" + budgetParam + "'");
        }
        List<Double> budgets = params.getDoubleList("budgets");
        int resamples = params.getInt("resamples");

        Dataset real = loadReal(trial, ctx);
        List<Split> splits = splitter.plugin().split(real, splitter.params(), Progress.scoped(ctx, splitter.label(), 0.04, 0.05));
        if (splits == null || splits.isEmpty()) {
            throw new IllegalStateException("protocol '" + ID + "': splitter '" + splitter.label() + "' returned no split");
        }
        Split split = splits.get(0);
        ctx.protocolFact("split", splitter.plugin().descriptor().id() + " " + splitter.params().asMap());
        ctx.protocolFact("privacy", mechanism.plugin().descriptor().id() + " " + mechanism.params().asMap()
                + " swept over " + budgetParam + " " + budgets);
        generator.forEach(g -> ctx.protocolFact("generator", g.plugin().descriptor().id() + " " + g.params().asMap()));
        MembershipSplit ms = membership(split, attacks, params, ctx);

        double step = 0.95 / (budgets.size() + 1);
        Scores baseline = evaluateAll("none", ms.memberTrain(), ms.memberTest(), recommenders, evaluators, ctx,
                0.05, 0.05 + step * 0.9);
        List<String> metrics = metricNames(params, baseline.means());
        List<FrontierPoint> frontier = new ArrayList<>();
        FrontierPoint none = new FrontierPoint("none", Double.NaN, Double.POSITIVE_INFINITY, 0);
        accuracy(none, "none", baseline, metrics.get(0), resamples, ctx);
        metrics.forEach(m -> none.kendall().put(m, new double[] {1, 1, 1}));
        attack("none", ms.memberTrain(), ms, attacks, none, ctx, 0.05 + step * 0.9);
        frontier.add(none);
        StringBuilder csv = new StringBuilder("budget,epsilon,delta,recommender,metric,value\n");
        for (int b = 0; b < budgets.size(); b++) {
            ctx.checkCancelled();
            double budget = budgets.get(b);
            int budgetIndex = b;
            String key = "eps" + AugmentationProtocol.fmt(budget);
            double from = 0.05 + step * (b + 1);
            Map<String, Object> raw = new LinkedHashMap<>(mechanism.params().asMap());
            raw.put(budgetParam, budget);
            Params mp = mechanism.plugin().descriptor().params().validate(raw, "slots.privacy[0].params");
            PrivacyGuarantee guarantee = mechanism.plugin().guarantee(mp);
            ctx.progress(Math.min(1, from), "protecting the training data at " + budgetParam + " = " + budget);
            Dataset release = release(ms, mechanism, mp, generator, key, ctx, from, step);
            FrontierPoint point = new FrontierPoint(key, budget, guarantee.epsilon(), guarantee.delta());
            frontier.add(point);
            ctx.result(key + "/epsilon", guarantee.epsilon());
            ctx.result(key + "/delta", guarantee.delta());
            ctx.result(key + "/interactions", release.size());
            for (Configured<Evaluator> f : fidelity) {
                EvaluationResult r = f.plugin().evaluate(new EvaluationInput(release, ms.memberTrain(), null, null),
                        f.params(), Progress.scoped(ctx, key + " " + f.label(), from, from));
                r.metrics().forEach((k, v) -> ctx.result(key + "/fidelity/" + k, v));
            }
            attack(key, release, ms, attacks, point, ctx, from + step * 0.2);
            point.attack().forEach((a, auc) -> ctx.metric("attack/" + a + "/auc", budgetIndex, auc[0]));
            if (release.numUsers() != ms.memberTrain().numUsers() || release.numItems() != ms.memberTrain().numItems()) {
                ctx.log(System.Logger.Level.WARNING, key + ": the release has " + release.numUsers() + " users and "
                        + release.numItems() + " items, the real data " + ms.memberTrain().numUsers() + " and "
                        + ms.memberTrain().numItems() + ": no accuracy on the real test part at this budget");
                continue;
            }
            Scores side = evaluateAll(key, release, ms.memberTest(), recommenders, evaluators, ctx,
                    from + step * 0.3, from + step);
            accuracy(point, key, side, metrics.get(0), resamples, ctx);
            for (String m : metrics) {
                for (Configured<Recommender> rec : recommenders) {
                    csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%.6f%n", budget, guarantee.epsilon(),
                            guarantee.delta(), rec.label(), m,
                            side.means().get(rec.label()).getOrDefault(m, Double.NaN)));
                }
                correlate(key, m, baseline, side, recommenders, resamples, point, ctx);
                ctx.metric("kendall/" + m, b, point.kendall().get(m)[0]);
            }
        }
        write(ctx, "privacy-frontier.csv", csv.toString());
        write(ctx, "privacy-summary.csv", PrivacyPlots.summary(frontier, metrics));
        String accuracyMetric = metrics.get(0);
        List<String> attackLabels = attacks.stream().map(Configured::label).toList();
        write(ctx, "privacy-frontier-fidelity.svg", PrivacyPlots.fidelity(frontier, metrics, attackLabels, budgetParam));
        write(ctx, "privacy-frontier-accuracy.svg", PrivacyPlots.accuracy(frontier, accuracyMetric,
                recommenders.stream().map(Configured::label).toList(), attackLabels, budgetParam));
        if (!attacks.isEmpty()) {
            write(ctx, "privacy-attack-auc.svg", PrivacyPlots.attackAuc(frontier, attackLabels));
        }
        ctx.progress(1.0, "done: " + budgets.size() + " budgets");
    }

    private static Dataset loadReal(Trial trial, RunContext ctx) throws IOException {
        List<Configured<DatasetSource>> sources = trial.slot("dataset", DatasetSource.class);
        List<Configured<Generator>> realGenerators = trial.slot("data", Generator.class);
        if (sources.size() + realGenerators.size() != 1) {
            throw new IllegalArgumentException("protocol '" + ID + "': give exactly one of slot 'dataset' and slot "
                    + "'data'; found " + sources.size() + " and " + realGenerators.size());
        }
        if (sources.isEmpty()) {
            Configured<Generator> g = realGenerators.get(0);
            Dataset real = g.plugin().fit(null, g.params(), Progress.scoped(ctx, g.label(), 0, 0.02))
                    .sample(Progress.scoped(ctx, g.label(), 0.02, 0.04));
            ctx.protocolFact("dataset.generator", g.plugin().descriptor().id() + " " + g.params().asMap());
            return real;
        }
        Configured<DatasetSource> s = sources.get(0);
        Dataset real = s.plugin().load(s.params(), Progress.scoped(ctx, s.label(), 0, 0.04));
        ctx.protocolFact("dataset.checksum", real.checksum());
        return real;
    }

    /** Everyone a member without attacks; else a seeded user-level hold-out of non-members. */
    private static MembershipSplit membership(Split split, List<Configured<Evaluator>> attacks, Params params,
                                              RunContext ctx) {
        if (attacks.isEmpty()) {
            return MembershipSplit.everyone(split.train(), split.test());
        }
        double fraction = params.getDouble("nonMemberFraction");
        MembershipSplit ms = MembershipSplit.holdOut(split.train(), split.test(), fraction, ctx.random("membership"),
                "params.nonMemberFraction");
        ctx.protocolFact("membership", "user-level: a share " + fraction + " of the users with training "
                + "interactions held out of every release as non-members (seeded); members' training part "
                + "protected; accuracy on the members' test part; attacks get train = release, test = members' "
                + "training part, foldIn = non-members' training part");
        attacks.forEach(a -> ctx.protocolFact("attack." + a.label(), a.plugin().descriptor().id() + " "
                + a.params().asMap()));
        ctx.result("members", ms.members());
        ctx.result("nonmembers", ms.nonMembers());
        ctx.log(System.Logger.Level.INFO, ms.members() + " members, " + ms.nonMembers() + " non-members held out");
        return ms;
    }

    /** The members' training part protected at one budget (and passed through the generator, if any). */
    private static Dataset release(MembershipSplit ms, Configured<PrivacyMechanism> mechanism, Params mp,
                                   List<Configured<Generator>> generator, String key, RunContext ctx, double from,
                                   double step) {
        Dataset protectedTrain = mechanism.plugin().apply(ms.memberTrain(), mp,
                Progress.scoped(ctx, key + "/" + mechanism.label(), from, from + step * 0.1));
        if (ms.nonMembers() > 0 && protectedTrain.numUsers() == ms.memberTrain().numUsers()) {
            // Held-out users are not in the protected dataset: a mechanism that fills empty rows (randomized
            // response flips zeros) would otherwise release noise rows under their ids.
            protectedTrain = MembershipSplit.restrict(protectedTrain, ms.isMember(), protectedTrain.name());
        }
        if (generator.isEmpty()) {
            return protectedTrain;
        }
        Configured<Generator> g = generator.get(0);
        return g.plugin().fit(protectedTrain, g.params(), Progress.scoped(ctx, key + "/" + g.label(), from, from))
                .sample(Progress.scoped(ctx, key + "/" + g.label(), from, from + step * 0.2));
    }

    /** Runs every attack against a release; results {@code <point>/attack/<label>/<metric>}. */
    private static void attack(String key, Dataset release, MembershipSplit ms, List<Configured<Evaluator>> attacks,
                               FrontierPoint point, RunContext ctx, double at) {
        for (Configured<Evaluator> a : attacks) {
            ctx.checkCancelled();
            ctx.progress(Math.min(1, at), key + ": membership attack " + a.label());
            EvaluationResult r = a.plugin().evaluate(new EvaluationInput(release, ms.memberTrain(), null,
                    ms.nonMemberTrain()), a.params(), Progress.scoped(ctx, key + " " + a.label(), at, at));
            ctx.protocolFact("evaluator." + a.label(), a.plugin().descriptor().id() + ": " + r.protocol());
            r.metrics().forEach((k, v) -> ctx.result(key + "/attack/" + a.label() + "/" + k, v));
            Double auc = r.metrics().get("auc");
            if (auc == null) {
                throw new IllegalStateException("protocol '" + ID + "': attack '" + a.label() + "' reported no 'auc'; "
                        + "slot 'attacks' takes membership attacks such as mia-dcr and mia-shadow");
            }
            point.attack().put(a.label(), new double[] {auc, r.metrics().getOrDefault("auc.lower", Double.NaN),
                r.metrics().getOrDefault("auc.upper", Double.NaN)});
        }
    }

    /** Each recommender's first metric with a bootstrap interval of its mean over test users. */
    private static void accuracy(FrontierPoint point, String key, Scores side, String metric, int resamples,
                                 RunContext ctx) {
        side.means().forEach((rec, means) -> {
            double mean = means.getOrDefault(metric, Double.NaN);
            double[] v = new double[] {mean, Double.NaN, Double.NaN};
            Map<Integer, Double> perUser = side.perUser().getOrDefault(rec, Map.of()).get(metric);
            if (resamples > 0 && perUser != null && !perUser.isEmpty()) {
                double[] values = perUser.values().stream().mapToDouble(Double::doubleValue).toArray();
                Interval ci = Bootstrap.meanInterval(values, resamples, LEVEL,
                        new SplittableRandom(ctx.random("bootstrap " + key + "/" + rec + "/" + metric).nextLong()));
                v[1] = ci.lower();
                v[2] = ci.upper();
                ctx.result(key + "/" + rec + "/" + metric + ".lower", ci.lower());
                ctx.result(key + "/" + rec + "/" + metric + ".upper", ci.upper());
            }
            point.accuracy().put(rec, v);
        });
    }

    /** Kendall tau-b and Spearman between the orderings, with a paired bootstrap over the common test users. */
    private static void correlate(String key, String m, Scores baseline, Scores side,
                                  List<Configured<Recommender>> recommenders, int resamples, FrontierPoint point,
                                  RunContext ctx) {
        double[] a = new double[recommenders.size()];
        double[] s = new double[recommenders.size()];
        for (int i = 0; i < a.length; i++) {
            String label = recommenders.get(i).label();
            a[i] = baseline.means().get(label).get(m);
            s[i] = side.means().get(label).getOrDefault(m, Double.NaN);
        }
        double[][][] paired = resamples > 0 ? pairedUsers(m, baseline, side, recommenders) : null;
        for (RankCorrelation.Method method : RankCorrelation.Method.values()) {
            String name = key + "/" + method.label() + "/" + m;
            double estimate = method.apply(a, s);
            ctx.result(name, estimate);
            double[] v = {estimate, Double.NaN, Double.NaN};
            if (paired != null) {
                Interval ci = RankCorrelationBootstrap.overPairedUsers(paired[0], paired[1], method, resamples, LEVEL,
                        new SplittableRandom(ctx.random("bootstrap " + name).nextLong()));
                ctx.result(name + ".lower", ci.lower());
                ctx.result(name + ".upper", ci.upper());
                v[1] = ci.lower();
                v[2] = ci.upper();
            } else if (resamples > 0) {
                ctx.log(System.Logger.Level.WARNING, "no interval for " + name + ": the evaluators gave no per-user "
                        + "values of '" + m + "' for common users");
            }
            if (method == RankCorrelation.Method.KENDALL_TAU_B) {
                point.kendall().put(m, v);
            } else {
                point.spearman().put(m, v);
            }
        }
    }

    /** Per-user values {@code [side][algorithm][user]} over the users every recommender has on both sides. */
    private static double[][][] pairedUsers(String m, Scores baseline, Scores side,
                                            List<Configured<Recommender>> recommenders) {
        java.util.Set<Integer> common = null;
        for (Scores sc : List.of(baseline, side)) {
            for (Configured<Recommender> r : recommenders) {
                Map<Integer, Double> u = sc.perUser().getOrDefault(r.label(), Map.of()).get(m);
                if (u == null) {
                    return null;
                }
                if (common == null) {
                    common = new java.util.TreeSet<>(u.keySet());
                } else {
                    common.retainAll(u.keySet());
                }
            }
        }
        if (common == null || common.isEmpty()) {
            return null;
        }
        double[][][] out = new double[2][recommenders.size()][common.size()];
        List<Scores> sides = List.of(baseline, side);
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < recommenders.size(); i++) {
                Map<Integer, Double> u = sides.get(k).perUser().get(recommenders.get(i).label()).get(m);
                int j = 0;
                for (int user : common) {
                    out[k][i][j++] = u.get(user);
                }
            }
        }
        return out;
    }

    private static Scores evaluateAll(String key, Dataset train, Dataset test, List<Configured<Recommender>> recommenders,
                                      List<Configured<Evaluator>> evaluators, RunContext ctx, double from, double to) {
        Map<String, Map<String, Double>> means = new LinkedHashMap<>();
        Map<String, Map<String, Map<Integer, Double>>> perUser = new LinkedHashMap<>();
        double step = (to - from) / recommenders.size();
        for (int r = 0; r < recommenders.size(); r++) {
            ctx.checkCancelled();
            Configured<Recommender> rec = recommenders.get(r);
            String label = key + "/" + rec.label();
            double start = from + r * step;
            Model model = rec.plugin().fit(train, rec.params(), Progress.scoped(ctx, label, start, start + step * 0.7));
            Map<String, Double> m = new LinkedHashMap<>();
            Map<String, Map<Integer, Double>> u = new LinkedHashMap<>();
            for (Configured<Evaluator> e : evaluators) {
                EvaluationResult res = e.plugin().evaluate(new EvaluationInput(train, test, model, null), e.params(),
                        Progress.scoped(ctx, label + " " + e.label(), start + step * 0.7, start + step));
                ctx.protocolFact("evaluator." + e.label(), e.plugin().descriptor().id() + ": " + res.protocol());
                m.putAll(res.metrics());
                u.putAll(PerUser.byUser(res));
            }
            m.forEach((k, v) -> ctx.result(label + "/" + k, v));
            means.put(rec.label(), m);
            perUser.put(rec.label(), u);
        }
        return new Scores(means, perUser);
    }

    private static void write(RunContext ctx, String name, String text) throws IOException {
        try (OutputStream out = ctx.createArtifact(name);
             Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write(text);
        }
    }

    /** Mean metrics and per-user values ({@code user -> value}) of every recommender on one side. */
    private record Scores(Map<String, Map<String, Double>> means,
                          Map<String, Map<String, Map<Integer, Double>>> perUser) {
    }

    private static List<String> metricNames(Params params, Map<String, Map<String, Double>> baseline) {
        Map<String, Double> first = baseline.values().iterator().next();
        List<String> out = new ArrayList<>();
        for (String m : params.getString("metrics").split(",")) {
            if (!m.isBlank()) {
                if (!first.containsKey(m.strip())) {
                    throw new IllegalArgumentException("params.metrics: the evaluators report no metric '" + m.strip()
                            + "'; they report: " + String.join(", ", first.keySet()));
                }
                out.add(m.strip());
            }
        }
        if (out.isEmpty()) {
            out.addAll(first.keySet());
            out.remove("users");
        }
        return out;
    }
}
