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
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetSource;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.evaluation.EvaluationResult;
import org.surrogate.api.evaluation.Evaluator;
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
import org.surrogate.bundles.commons.stats.RankCorrelation;

/**
 * Fidelity against privacy: sweeps a privacy mechanism's budget over the real training data and
 * measures what the protected release is still good for. The real data is split once. At each
 * budget the mechanism protects the real training part; the release is that protected data, or,
 * with a generator, data sampled from the generator fitted on it (privacy by post-processing).
 * Every recommender is trained on the release and evaluated on the real test part; the baseline
 * ("none") trains on the unprotected real training part. Per budget: each recommender's accuracy,
 * the Kendall tau-b and Spearman between the recommenders' ordering on the release and on the real
 * data (ranking fidelity), the dataset fidelity metrics of the release against the real training
 * part, and the mechanism's stated (ε, δ).
 *
 * <p>The release must keep the real user and item ids to be evaluated on the real test part
 * (input perturbation does; a generator must too, or the budget point is reported without
 * accuracy). Results: {@code none/<rec>/<metric>}, {@code eps<b>/<rec>/<metric>},
 * {@code eps<b>/kendall/<metric>}, {@code eps<b>/spearman/<metric>}, {@code eps<b>/fidelity/...},
 * {@code eps<b>/epsilon}, {@code eps<b>/delta}; metrics with step = budget index for curves;
 * artifact {@code privacy-frontier.csv}.
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
                    + "release (Kendall tau-b, Spearman against real-data training), and dataset fidelity.",
            new PaperReference("A survey on synthetic data and simulators for recommender systems "
                    + "(section 2: fidelity versus privacy)", null),
            ParamSchema.of(
                    ParamSpec.doubleListParam("budgets").defaultValue(List.of(0.1, 0.5, 1.0, 2.0, 5.0, 10.0))
                            .help("The budgets swept (values of the mechanism's budget parameter); the "
                                    + "unprotected baseline is always run.").build(),
                    ParamSpec.stringParam("budgetParam").defaultValue("epsilon")
                            .help("The name of the mechanism's budget parameter.").build(),
                    ParamSpec.stringParam("metrics").defaultValue("")
                            .help("Metrics to correlate, comma-separated; empty for all.").build()));

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
                    "Dataset fidelity evaluators: release as train, real training part as test."));

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
        List<Configured<DatasetSource>> sources = trial.slot("dataset", DatasetSource.class);
        List<Configured<Generator>> realGenerators = trial.slot("data", Generator.class);
        if (sources.size() + realGenerators.size() != 1) {
            throw new IllegalArgumentException("protocol '" + ID + "': give exactly one of slot 'dataset' and slot "
                    + "'data'; found " + sources.size() + " and " + realGenerators.size());
        }
        Params params = trial.params();
        Configured<PrivacyMechanism> mechanism = trial.single("privacy", PrivacyMechanism.class);
        List<Configured<Generator>> generator = trial.slot("generator", Generator.class);
        Configured<Splitter> splitter = trial.single("split", Splitter.class);
        List<Configured<Recommender>> recommenders = trial.slot("recommenders", Recommender.class);
        List<Configured<Evaluator>> evaluators = trial.slot("evaluators", Evaluator.class);
        List<Configured<Evaluator>> fidelity = trial.slot("fidelity", Evaluator.class);
        String budgetParam = params.getString("budgetParam");
        if (mechanism.plugin().descriptor().params().params().stream().noneMatch(s -> s.name().equals(budgetParam))) {
            throw new IllegalArgumentException("params.budgetParam: privacy mechanism '" + mechanism.label()
                    + "' has no parameter '" + budgetParam + "'");
        }
        List<Double> budgets = params.getDoubleList("budgets");

        Dataset real;
        if (sources.isEmpty()) {
            Configured<Generator> g = realGenerators.get(0);
            real = g.plugin().fit(null, g.params(), Progress.scoped(ctx, g.label(), 0, 0.02))
                    .sample(Progress.scoped(ctx, g.label(), 0.02, 0.04));
            ctx.protocolFact("dataset.generator", g.plugin().descriptor().id() + " " + g.params().asMap());
        } else {
            Configured<DatasetSource> s = sources.get(0);
            real = s.plugin().load(s.params(), Progress.scoped(ctx, s.label(), 0, 0.04));
            ctx.protocolFact("dataset.checksum", real.checksum());
        }
        List<Split> splits = splitter.plugin().split(real, splitter.params(), Progress.scoped(ctx, splitter.label(), 0.04, 0.05));
        if (splits == null || splits.isEmpty()) {
            throw new IllegalStateException("protocol '" + ID + "': splitter '" + splitter.label() + "' returned no split");
        }
        Split split = splits.get(0);
        ctx.protocolFact("split", splitter.plugin().descriptor().id() + " " + splitter.params().asMap());
        ctx.protocolFact("privacy", mechanism.plugin().descriptor().id() + " " + mechanism.params().asMap()
                + " swept over " + budgetParam + " " + budgets);
        generator.forEach(g -> ctx.protocolFact("generator", g.plugin().descriptor().id() + " " + g.params().asMap()));

        double step = 0.95 / (budgets.size() + 1);
        Map<String, Map<String, Double>> baseline = evaluateAll("none", split.train(), split.test(), recommenders,
                evaluators, ctx, 0.05, 0.05 + step);
        List<String> metrics = metricNames(params, baseline);
        StringBuilder csv = new StringBuilder("budget,epsilon,delta,recommender,metric,value\n");
        for (int b = 0; b < budgets.size(); b++) {
            ctx.checkCancelled();
            double budget = budgets.get(b);
            String key = "eps" + AugmentationProtocol.fmt(budget);
            double from = 0.05 + step * (b + 1);
            Map<String, Object> raw = new LinkedHashMap<>(mechanism.params().asMap());
            raw.put(budgetParam, budget);
            Params mp = mechanism.plugin().descriptor().params().validate(raw, "slots.privacy[0].params");
            PrivacyGuarantee guarantee = mechanism.plugin().guarantee(mp);
            ctx.progress(Math.min(1, from), "protecting the training data at " + budgetParam + " = " + budget);
            Dataset protectedTrain = mechanism.plugin().apply(split.train(), mp,
                    Progress.scoped(ctx, key + "/" + mechanism.label(), from, from + step * 0.1));
            Dataset release = protectedTrain;
            if (!generator.isEmpty()) {
                Configured<Generator> g = generator.get(0);
                release = g.plugin().fit(protectedTrain, g.params(), Progress.scoped(ctx, key + "/" + g.label(), from, from))
                        .sample(Progress.scoped(ctx, key + "/" + g.label(), from, from + step * 0.2));
            }
            ctx.result(key + "/epsilon", guarantee.epsilon());
            ctx.result(key + "/delta", guarantee.delta());
            ctx.result(key + "/interactions", release.size());
            for (Configured<Evaluator> f : fidelity) {
                EvaluationResult r = f.plugin().evaluate(new EvaluationInput(release, split.train(), null, null),
                        f.params(), Progress.scoped(ctx, key + " " + f.label(), from, from));
                r.metrics().forEach((k, v) -> ctx.result(key + "/fidelity/" + k, v));
            }
            if (release.numUsers() != split.train().numUsers() || release.numItems() != split.train().numItems()) {
                ctx.log(System.Logger.Level.WARNING, key + ": the release has " + release.numUsers() + " users and "
                        + release.numItems() + " items, the real data " + split.train().numUsers() + " and "
                        + split.train().numItems() + ": no accuracy on the real test part at this budget");
                continue;
            }
            Map<String, Map<String, Double>> side = evaluateAll(key, release, split.test(), recommenders, evaluators,
                    ctx, from + step * 0.2, from + step);
            for (String m : metrics) {
                double[] a = new double[recommenders.size()];
                double[] s = new double[recommenders.size()];
                for (int i = 0; i < a.length; i++) {
                    String label = recommenders.get(i).label();
                    a[i] = baseline.get(label).get(m);
                    s[i] = side.get(label).getOrDefault(m, Double.NaN);
                    csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%.6f%n", budget, guarantee.epsilon(),
                            guarantee.delta(), label, m, s[i]));
                }
                double tau = RankCorrelation.kendallTauB(a, s);
                double rho = RankCorrelation.spearman(a, s);
                ctx.result(key + "/kendall/" + m, tau);
                ctx.result(key + "/spearman/" + m, rho);
                ctx.metric("kendall/" + m, b, tau);
            }
        }
        try (OutputStream out = ctx.createArtifact("privacy-frontier.csv");
             Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write(csv.toString());
        }
        ctx.progress(1.0, "done: " + budgets.size() + " budgets");
    }

    private static Map<String, Map<String, Double>> evaluateAll(String key, Dataset train, Dataset test,
                                                                List<Configured<Recommender>> recommenders,
                                                                List<Configured<Evaluator>> evaluators, RunContext ctx,
                                                                double from, double to) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        double step = (to - from) / recommenders.size();
        for (int r = 0; r < recommenders.size(); r++) {
            ctx.checkCancelled();
            Configured<Recommender> rec = recommenders.get(r);
            String label = key + "/" + rec.label();
            double start = from + r * step;
            Model model = rec.plugin().fit(train, rec.params(), Progress.scoped(ctx, label, start, start + step * 0.7));
            Map<String, Double> m = new LinkedHashMap<>();
            for (Configured<Evaluator> e : evaluators) {
                EvaluationResult res = e.plugin().evaluate(new EvaluationInput(train, test, model, null), e.params(),
                        Progress.scoped(ctx, label + " " + e.label(), start + step * 0.7, start + step));
                ctx.protocolFact("evaluator." + e.label(), e.plugin().descriptor().id() + ": " + res.protocol());
                m.putAll(res.metrics());
            }
            m.forEach((k, v) -> ctx.result(label + "/" + k, v));
            out.put(rec.label(), m);
        }
        return out;
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
