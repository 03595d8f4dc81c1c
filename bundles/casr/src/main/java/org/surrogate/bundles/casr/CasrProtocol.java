package org.surrogate.bundles.casr;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.surrogate.bundles.commons.stats.PerUser;
import org.surrogate.api.generator.Generator;
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
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.split.Split;
import org.surrogate.api.split.Splitter;
import org.surrogate.bundles.sequential.anchor.AnchorRecommender;
import org.surrogate.bundles.sequential.anchor.SequenceAnchor;

/**
 * CASR's comparison (Wang et al., SIGIR 2021, Table 2) as a protocol, Algorithm 1 for every anchor
 * and sampler: the data is split once (leave-one-out in the paper); the sampler network S (slot
 * {@code sampler}) is pre-trained on the training part; each anchor A (slot {@code anchors}) is
 * pre-trained on it and evaluated ("X"); each sampler plugin (slot {@code samplers}: casr-heuristic,
 * casr-data, casr-model) generates counterfactual samples from the training part with S (and A),
 * (once per sampler when it does not depend on the anchor: heuristic and data-oriented), and a fresh
 * A is trained on the training part plus those samples (their loss at their last step
 * only) and evaluated ("H-X", "D-X", "M-X"). Baselines (slot {@code baselines}) are trained on the
 * training part and evaluated. Every augmented anchor is compared with its plain version by paired
 * tests over the test users (mean difference with a bootstrap 95 % interval, paired t-test, Wilcoxon).
 *
 * <p>Results: {@code <anchor>/<metric>}, {@code <P>-<anchor>/<metric>} (or {@code <label>-<anchor>/<metric>}
 * when the slot holds the same sampler more than once) with {@code .delta},
 * {@code .delta.lower}, {@code .delta.upper}, {@code .p.ttest}, {@code .p.wilcoxon};
 * {@code <P>-<anchor>/generated}, {@code /attempted}; {@code baseline/<label>/<metric>}. Artifacts
 * {@code casr.csv} (every row of the comparison) and {@code timing.csv} (wall times: anchor seconds
 * per epoch, generated sequences per second; not results, so reruns compare equal).
 * Nothing of the test part reaches a sampler.
 */
@Component(service = Protocol.class)
public final class CasrProtocol implements Protocol {

    /** The plugin id. */
    public static final String ID = CasrIds.PROTOCOL;

    /** The descriptor. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.PROTOCOL,
            "CASR: counterfactual data augmentation",
            "Trains each anchor on the real training part and on it plus each CASR sampler's counterfactual "
                    + "sequences (Algorithm 1), with baselines alongside; evaluates on the test part and tests each "
                    + "augmented anchor against its plain version over the same users.",
            HeuristicSampler.PAPER,
            ParamSchema.of(
                    ParamSpec.stringParam("metrics").defaultValue("f1@5, ndcg@5, f1@10, ndcg@10, f1@20, ndcg@20")
                            .help("Metrics to compare, comma-separated; empty for all the evaluators report.").build(),
                    ParamSpec.intParam("resamples").defaultValue(1000).range(0, 100_000)
                            .help("Bootstrap replicates of the interval of each mean difference; 0 for none.")
                            .build()));

    private static final List<SlotSpec> SLOTS = List.of(
            SlotSpec.one("dataset", PluginKind.DATASET_SOURCE, "The real sequences."),
            SlotSpec.one("split", PluginKind.SPLITTER, "Splits them (the first split is used; leave-one-out)."),
            SlotSpec.one("sampler", PluginKind.RECOMMENDER,
                    "The sampler network S (narm, sasrec, stamp or gru4rec), pre-trained on the training part."),
            SlotSpec.oneOrMore("anchors", PluginKind.RECOMMENDER,
                    "The anchor models A (narm, sasrec, stamp or gru4rec), plain and augmented."),
            new SlotSpec("samplers", PluginKind.GENERATOR, 0, 3,
                    "CASR samplers: casr-heuristic, casr-data, casr-model."),
            new SlotSpec("baselines", PluginKind.RECOMMENDER, 0, Integer.MAX_VALUE,
                    "Trained on the training part only, for comparison (BPR, FPMC, ...)."),
            SlotSpec.oneOrMore("evaluators", PluginKind.EVALUATOR, "Evaluate on the test part."));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<SlotSpec> slots() {
        return SLOTS;
    }

    /** The per-user values and means of one evaluated model. */
    private record Outcome(Map<String, Double> means, Map<String, Map<Integer, Double>> perUser) {
    }

    @Override
    public void run(Trial trial, RunContext ctx) throws IOException {
        Configured<DatasetSource> source = trial.single("dataset", DatasetSource.class);
        Configured<Splitter> splitter = trial.single("split", Splitter.class);
        Configured<Recommender> samplerSlot = trial.single("sampler", Recommender.class);
        List<Configured<Recommender>> anchors = trial.slot("anchors", Recommender.class);
        List<Configured<Generator>> samplers = trial.slot("samplers", Generator.class);
        List<Configured<Recommender>> baselines = trial.slot("baselines", Recommender.class);
        List<Configured<Evaluator>> evaluators = trial.slot("evaluators", Evaluator.class);
        anchorRecommender(samplerSlot, "sampler");
        for (Configured<Recommender> a : anchors) {
            anchorRecommender(a, "anchors");
        }
        for (Configured<Generator> g : samplers) {
            if (!(g.plugin() instanceof CounterfactualSampler)) {
                throw new IllegalArgumentException("protocol '" + ID + "': slot 'samplers' takes casr-heuristic, "
                        + "casr-data or casr-model; found '" + g.plugin().descriptor().id() + "'");
            }
        }
        Params params = trial.params();
        int resamples = params.getInt("resamples");

        Dataset real = source.plugin().load(source.params(), ctx.scoped(source.label(), 0, 0.01));
        ctx.protocolFact("dataset.checksum", real.checksum());
        List<Split> splits = splitter.plugin().split(real, splitter.params(), ctx.scoped(splitter.label(), 0.01, 0.02));
        if (splits == null || splits.isEmpty()) {
            throw new IllegalStateException("protocol '" + ID + "': splitter '" + splitter.label() + "' returned no split");
        }
        Split split = splits.get(0);
        ctx.protocolFact("split", splitter.plugin().descriptor().id() + " " + splitter.params().asMap());
        Dataset train = split.train();
        Dataset test = split.test();

        int units = 1 + baselines.size() + anchors.size() * (1 + 2 * samplers.size());
        double step = 0.98 / units;
        double[] at = {0.02};
        SequenceAnchor samplerNet = (SequenceAnchor) fitScoped(samplerSlot, "sampler-" + samplerSlot.label(), train,
                null, ctx, at, step);
        ctx.protocolFact("sampler", samplerSlot.plugin().descriptor().id() + " " + samplerSlot.params().asMap());

        // Wall times are not results: a rerun must reproduce every result exactly.
        StringBuilder timing = new StringBuilder("model,phase,measure,value\n");
        StringBuilder csv = new StringBuilder("model,anchor,variant,metric,mean,delta,delta.lower,delta.upper,p.ttest,"
                + "p.wilcoxon,users,generated\n");
        for (Configured<Recommender> b : baselines) {
            Model m = fitScoped(b, "baseline-" + b.label(), train, null, ctx, at, step);
            Outcome o = evaluate(m, train, test, evaluators, "baseline/" + b.label(), ctx, at[0]);
            List<String> metrics = metricNames(params, o);
            for (String metric : metrics) {
                ctx.result("baseline/" + b.label() + "/" + metric, o.means().get(metric));
                csv.append(String.format(Locale.ROOT, "%s,%s,plain,%s,%.6f,,,,,,%d,%n", b.label(), b.label(), metric,
                        o.means().get(metric), o.perUser().getOrDefault(metric, Map.of()).size()));
            }
        }
        // The heuristic and data-oriented samplers do not depend on the anchor ("model agnostic", section 4.2):
        // their samples are generated once and serve every anchor.
        Map<String, Counterfactuals> shared = new HashMap<>();
        for (Configured<Recommender> a : anchors) {
            long start = System.nanoTime();
            SequenceAnchor plain = (SequenceAnchor) fitScoped(a, a.label(), train, null, ctx, at, step);
            int epochs = a.params().has("epochs") ? a.params().getInt("epochs") : 1;
            double epochSeconds = (System.nanoTime() - start) / 1e9 / epochs;
            timing.append(String.format(Locale.ROOT, "%s,train,epoch_seconds,%.3f%n", a.label(), epochSeconds));
            Outcome base = evaluate(plain, train, test, evaluators, a.label(), ctx, at[0]);
            List<String> metrics = metricNames(params, base);
            for (String metric : metrics) {
                ctx.result(a.label() + "/" + metric, base.means().get(metric));
                csv.append(String.format(Locale.ROOT, "%s,%s,plain,%s,%.6f,,,,,,%d,%n", a.label(), a.label(), metric,
                        base.means().get(metric), base.perUser().getOrDefault(metric, Map.of()).size()));
            }
            for (Configured<Generator> g : samplers) {
                ctx.checkCancelled();
                CounterfactualSampler sampler = (CounterfactualSampler) g.plugin();
                String name = variantName(samplers, g, a.label());
                ctx.protocolFact("sampler." + g.label(), sampler.descriptor().id() + " " + g.params().asMap());
                RunContext genCtx = ctx.scoped(sampler.needsAnchor() ? name + "-generate" : g.label(), at[0],
                        at[0] + step);
                Counterfactuals cf = sampler.needsAnchor()
                        ? sampler.generate(train, samplerNet, plain, g.params(), genCtx)
                        : shared.computeIfAbsent(g.label(), k -> sampler.generate(train, samplerNet, null, g.params(),
                                genCtx));
                at[0] += step;
                ctx.result(name + "/generated", cf.samples().size());
                ctx.result(name + "/attempted", cf.attempted());
                timing.append(String.format(Locale.ROOT, "%s,generate,sequences_per_second,%.3f%n", name,
                        cf.attemptsPerSecond()));
                Model augmented = fitScoped(a, name, train, cf.samples(), ctx, at, step);
                Outcome o = evaluate(augmented, train, test, evaluators, name, ctx, at[0]);
                for (String metric : metrics) {
                    Double mean = o.means().get(metric);
                    ctx.result(name + "/" + metric, mean);
                    Map<Integer, Double> b = base.perUser().get(metric);
                    Map<Integer, Double> x = o.perUser().get(metric);
                    if (b == null || x == null) {
                        ctx.log(System.Logger.Level.WARNING, "no per-user values of " + metric + ": no paired test for "
                                + name);
                        continue;
                    }
                    PairedComparison c = PairedComparison.of(b, x, resamples,
                            ctx.random("delta " + name + " " + metric).nextLong());
                    ctx.result(name + "/" + metric + ".delta", c.delta());
                    if (!Double.isNaN(c.lower())) {
                        ctx.result(name + "/" + metric + ".delta.lower", c.lower());
                        ctx.result(name + "/" + metric + ".delta.upper", c.upper());
                    }
                    if (!Double.isNaN(c.pT())) {
                        ctx.result(name + "/" + metric + ".p.ttest", c.pT());
                        ctx.result(name + "/" + metric + ".p.wilcoxon", c.pW());
                    }
                    csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%.6f,%.6f,%.6f,%.6f,%.4g,%.4g,%d,%d%n", name,
                            a.label(), sampler.prefix(), metric, mean, c.delta(), c.lower(), c.upper(), c.pT(), c.pW(),
                            c.users(), cf.samples().size()));
                }
            }
        }
        try (OutputStream out = ctx.createArtifact("casr.csv")) {
            out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        try (OutputStream out = ctx.createArtifact("timing.csv")) {
            out.write(timing.toString().getBytes(StandardCharsets.UTF_8));
        }
        ctx.progress(1.0, "done");
    }

    /**
     * The name of an augmented anchor: the paper's prefix and the anchor ({@code M-narm}); when the slot
     * holds the same sampler more than once (a kappa sweep, say), the entry's label and the anchor
     * ({@code M-k0.3-narm} for label {@code M-k0.3}), so that every variant has its own name.
     *
     * @param samplers the entries of slot {@code samplers}
     * @param g        one of them
     * @param anchor   the anchor's label
     * @return the name
     */
    static String variantName(List<Configured<Generator>> samplers, Configured<Generator> g, String anchor) {
        String id = g.plugin().descriptor().id();
        long same = samplers.stream().filter(o -> o.plugin().descriptor().id().equals(id)).count();
        return (same > 1 ? g.label() : ((CounterfactualSampler) g.plugin()).prefix()) + "-" + anchor;
    }

    private static AnchorRecommender anchorRecommender(Configured<Recommender> c, String slot) {
        if (c.plugin() instanceof AnchorRecommender a) {
            return a;
        }
        throw new IllegalArgumentException("protocol '" + ID + "': slot '" + slot + "' needs a sequence model that "
                + "can be probed and trained on counterfactual samples (narm, sasrec, stamp, gru4rec); '"
                + c.plugin().descriptor().id() + "' is not one");
    }

    private static Model fitScoped(Configured<Recommender> rec, String label, Dataset train, List<int[]> extra,
                                   RunContext ctx, double[] at, double step) {
        ctx.checkCancelled();
        RunContext scoped = ctx.scoped(label, at[0], Math.min(1, at[0] + step));
        Model m = extra == null ? rec.plugin().fit(train, rec.params(), scoped)
                : ((AnchorRecommender) rec.plugin()).fit(train, extra, rec.params(), scoped);
        at[0] = Math.min(1, at[0] + step);
        return m;
    }

    private static Outcome evaluate(Model model, Dataset train, Dataset test, List<Configured<Evaluator>> evaluators,
                                    String label, RunContext ctx, double at) {
        Map<String, Double> means = new LinkedHashMap<>();
        Map<String, Map<Integer, Double>> perUser = new LinkedHashMap<>();
        for (Configured<Evaluator> e : evaluators) {
            EvaluationResult r = e.plugin().evaluate(new EvaluationInput(train, test, model, null), e.params(),
                    ctx.scoped(label + " " + e.label(), at, at));
            ctx.protocolFact("evaluator." + e.label(), e.plugin().descriptor().id() + ": " + r.protocol());
            means.putAll(r.metrics());
            perUser.putAll(PerUser.byUser(r));
        }
        return new Outcome(means, perUser);
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
}
