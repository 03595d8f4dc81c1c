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
import org.surrogate.api.data.DatasetBuilder;
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
import org.surrogate.api.recommender.Policy;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.simulator.Observation;
import org.surrogate.api.simulator.StepResult;
import org.surrogate.bundles.commons.plot.Point;
import org.surrogate.bundles.commons.plot.Series;
import org.surrogate.bundles.commons.plot.SvgChart;
import org.surrogate.bundles.commons.stats.Gini;

/**
 * The feedback loop (survey section 3.3): a world with known preferences (a generator that can log
 * with a given policy and knows its ground truth, such as {@code known-preference}) logs round 0
 * with its own logging policy; then, for each recommender separately, every round retrains the
 * recommender on everything logged so far, lets it choose the slates the world's users see, and
 * appends their choices. Every recommender sees the same world randomness in a round (common random
 * numbers), so the differences between their curves are theirs.
 *
 * <p>Per round r (metrics with step r, and the last round's values as results), for each
 * recommender: {@code true-utility} (mean true preference of the shown slate items: what users
 * actually get), {@code true-utility-chosen} (of the chosen items), {@code choices} (interactions
 * logged in the round), {@code coverage} (share of the catalogue shown at least once in the round),
 * {@code entropy} (normalised Shannon entropy of the shown items), {@code gini} (of item popularity
 * in all logged data), and every evaluator metric of the model on the round's new choices as
 * test ({@code logged/<metric>}: accuracy as measured on logged data, which the loop itself biases).
 * Artifacts: {@code feedback-loop.csv}, and per-round curves, one line per recommender:
 * {@code feedback-loop-true-utility.svg}, {@code feedback-loop-logged-<metric>.svg} (the first logged
 * accuracy metric, NDCG@10 when present), {@code feedback-loop-gini.svg}, {@code feedback-loop-coverage.svg}.
 */
@Component(service = Protocol.class)
public final class FeedbackLoopProtocol implements Protocol {

    /** The plugin id. */
    public static final String ID = "feedback-loop";

    /** The descriptor. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.PROTOCOL,
            "Feedback loop in a known-preference world",
            "A world with known preferences logs data; each recommender is retrained on everything logged so far "
                    + "and chooses the slates of the next round, for several rounds. Per round: true utility of "
                    + "what users are shown and choose, accuracy measured on the logged data, popularity "
                    + "concentration (Gini), catalogue coverage and diversity of what is shown.",
            new PaperReference("A survey on synthetic data and simulators for recommender systems "
                    + "(section 3.3: feedback loops)", null),
            ParamSchema.of(ParamSpec.intParam("rounds").defaultValue(5).range(1, 1000)
                    .help("Rounds of retrain, recommend, log after the world's own round 0.").build(),
                    ParamSpec.choiceParam("policy", "session", "batch").defaultValue("session")
                            .help("How a model chooses slates: 'session' rescores the session's history at "
                                    + "every slate (Model.asPolicy); 'batch' scores every user once per round from "
                                    + "what the model was trained on, then excludes the session's history (one "
                                    + "batched scoring a round: much faster for EASE and Mult-VAE).").build()));

    private static final List<SlotSpec> SLOTS = List.of(
            SlotSpec.one("world", PluginKind.GENERATOR,
                    "The world: fitted without a reference; must log with a given policy and know its true "
                            + "preferences (known-preference does)."),
            SlotSpec.oneOrMore("recommenders", PluginKind.RECOMMENDER, "Each runs its own loop from round 0."),
            new SlotSpec("evaluators", PluginKind.EVALUATOR, 0, Integer.MAX_VALUE,
                    "Accuracy on the logged data: the model of round r on the choices of round r."));

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
        Configured<Generator> worldPlugin = trial.single("world", Generator.class);
        List<Configured<Recommender>> recommenders = trial.slot("recommenders", Recommender.class);
        List<Configured<Evaluator>> evaluators = trial.slot("evaluators", Evaluator.class);
        int rounds = trial.params().getInt("rounds");
        String policyMode = trial.params().getString("policy");
        ctx.protocolFact("world", worldPlugin.plugin().descriptor().id() + " " + worldPlugin.params().asMap());
        ctx.protocolFact("rounds", String.valueOf(rounds));
        ctx.protocolFact("policy", policyMode);

        GeneratorModel world = worldPlugin.plugin().fit(null, worldPlugin.params(), Progress.scoped(ctx, "world", 0, 0.02));
        Model truth = world.truePreferences().orElseThrow(() -> new IllegalArgumentException("protocol '" + ID
                + "': generator '" + worldPlugin.label() + "' does not know its true preferences; use a world "
                + "such as known-preference"));
        Dataset round0 = world.sample(roundContext(ctx, 0));
        int users = round0.numUsers();
        int items = round0.numItems();
        float[][] truthRows = new float[users][];
        for (int u = 0; u < users; u++) {
            truthRows[u] = new float[items];
            truth.score(new int[] {u}, truthRows[u]);
        }
        StringBuilder csv = new StringBuilder("recommender,round,metric,value\n");
        Map<String, Map<String, List<Point>>> curves = new LinkedHashMap<>();
        double share = 0.98 / (recommenders.size() * rounds);
        int step = 0;
        for (Configured<Recommender> rec : recommenders) {
            List<Dataset> logged = new ArrayList<>();
            logged.add(round0);
            Map<String, Double> last = new LinkedHashMap<>();
            for (int r = 1; r <= rounds; r++) {
                ctx.checkCancelled();
                double from = 0.02 + share * step++;
                ctx.progress(Math.min(1, from), rec.label() + ": round " + r + " of " + rounds);
                Dataset history = concat(logged, users, items, "logged before round " + r);
                Model model = rec.plugin().fit(history, rec.params(), Progress.scoped(ctx, rec.label() + "/round" + r, from,
                        from + share / 2));
                Policy acting = "batch".equals(policyMode) ? new BatchPolicy(model, users, items) : model.asPolicy();
                RecordingPolicy policy = new RecordingPolicy(acting, users, items);
                Dataset fresh;
                try {
                    fresh = world.sample(roundContext(ctx, r), policy);
                } catch (UnsupportedOperationException e) {
                    throw new IllegalArgumentException("protocol '" + ID + "': generator '" + worldPlugin.label()
                            + "' cannot log with a given policy: " + e.getMessage(), e);
                }
                logged.add(fresh);
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("true-utility", policy.meanShownUtility(truthRows));
                m.put("true-utility-chosen", meanChosenUtility(fresh, truthRows));
                m.put("choices", (double) fresh.size());
                m.put("coverage", policy.coverage());
                m.put("entropy", policy.entropy());
                m.put("gini", giniOf(concat(logged, users, items, "logged")));
                for (Configured<Evaluator> e : evaluators) {
                    EvaluationResult res = e.plugin().evaluate(new EvaluationInput(history, fresh, model, null),
                            e.params(), Progress.scoped(ctx, rec.label() + "/round" + r + " " + e.label(), from + share / 2,
                                    from + share));
                    ctx.protocolFact("evaluator." + e.label(), e.plugin().descriptor().id() + ": " + res.protocol());
                    res.metrics().forEach((k, v) -> m.put("logged/" + k, v));
                }
                for (Map.Entry<String, Double> e : m.entrySet()) {
                    curves.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(rec.label(), k -> new ArrayList<>()).add(Point.of(r, e.getValue()));
                    ctx.metric(rec.label() + "/" + e.getKey(), r, e.getValue());
                    csv.append(String.format(Locale.ROOT, "%s,%d,%s,%.6f%n", rec.label(), r, e.getKey(),
                            e.getValue()));
                }
                last = m;
            }
            last.forEach((k, v) -> ctx.result(rec.label() + "/" + k, v));
        }
        try (OutputStream out = ctx.createArtifact("feedback-loop.csv");
             Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write(csv.toString());
        }
        for (String metric : plotted(curves.keySet())) {
            SvgChart.Builder chart = SvgChart.builder("Feedback loop: " + metric + " per round (seed " + ctx.seed()
                    + ")").xLabel("round (each recommender retrained on everything logged so far)").yLabel(metric);
            if (metric.startsWith("logged/")) {
                chart = SvgChart.builder("Feedback loop: " + metric.substring(7) + " measured on the logged data per "
                        + "round (seed " + ctx.seed() + ")").xLabel("round").yLabel(metric.substring(7)
                        + " on the round's logged choices");
            }
            for (Map.Entry<String, List<Point>> e : curves.get(metric).entrySet()) {
                chart.series(Series.line(e.getKey(), e.getValue()));
            }
            try (OutputStream out = ctx.createArtifact("feedback-loop-"
                    + RankingFidelityPlots.fileSafe(metric.replace("logged/", "logged-")) + ".svg");
                 Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                w.write(chart.build().render());
            }
        }
        ctx.progress(1.0, "done: " + recommenders.size() + " recommenders, " + rounds + " rounds");
    }

    /** The trial's context with a seed of its own for round r, the same for every recommender. */
    private static RunContext roundContext(RunContext ctx, int round) {
        long seed = ctx.seed() * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * (round + 1);
        RunContext scoped = Progress.scoped(ctx, "world/round" + round, 0, 1);
        return new RunContext() {
            @Override
            public long seed() {
                return seed;
            }

            @Override
            public void progress(double fraction, String message) {
                // rounds report through the protocol's own progress
            }

            @Override
            public boolean isCancelled() {
                return ctx.isCancelled();
            }

            @Override
            public void metric(String name, long step, double value) {
                scoped.metric(name, step, value);
            }

            @Override
            public void result(String name, double value) {
                scoped.result(name, value);
            }

            @Override
            public OutputStream createArtifact(String name) throws IOException {
                return scoped.createArtifact(name);
            }

            @Override
            public void log(System.Logger.Level level, String message) {
                scoped.log(level, message);
            }
        };
    }

    private static Dataset concat(List<Dataset> parts, int users, int items, String name) {
        DatasetBuilder b = Dataset.builder(name, users, items);
        for (Dataset d : parts) {
            for (int u = 0; u < d.numUsers(); u++) {
                for (int k = d.begin(u); k < d.end(u); k++) {
                    if (d.hasTimestamps()) {
                        b.add(u, d.item(k), d.value(k), d.timestamp(k));
                    } else {
                        b.add(u, d.item(k), d.value(k));
                    }
                }
            }
        }
        return b.build();
    }

    private static double meanChosenUtility(Dataset fresh, float[][] truth) {
        double sum = 0;
        for (int u = 0; u < fresh.numUsers(); u++) {
            for (int k = fresh.begin(u); k < fresh.end(u); k++) {
                sum += truth[u][fresh.item(k)];
            }
        }
        return fresh.size() == 0 ? Double.NaN : sum / fresh.size();
    }

    private static double giniOf(Dataset d) {
        return Gini.coefficient(d.itemCounts());
    }

    /** Passes the recommender's slates through, counting what each user was shown. */
    static final class RecordingPolicy implements Policy {
        private final Policy inner;
        private final long[] shownPerItem;
        private double utilitySum;
        private long shown;
        private final List<int[]> slates = new ArrayList<>();
        private final List<Integer> slateUsers = new ArrayList<>();

        RecordingPolicy(Policy inner, int users, int items) {
            this.inner = inner;
            this.shownPerItem = new long[items];
        }

        @Override
        public int[] act(Observation obs, int slateSize) {
            int[] slate = inner.act(obs, slateSize);
            for (int i : slate) {
                shownPerItem[i]++;
            }
            shown += slate.length;
            slates.add(slate);
            slateUsers.add(obs.user());
            return slate;
        }

        @Override
        public void observe(Observation obs, int[] slate, StepResult result) {
            inner.observe(obs, slate, result);
        }

        double meanShownUtility(float[][] truth) {
            utilitySum = 0;
            for (int s = 0; s < slates.size(); s++) {
                float[] row = truth[slateUsers.get(s)];
                for (int i : slates.get(s)) {
                    utilitySum += row[i];
                }
            }
            return shown == 0 ? Double.NaN : utilitySum / shown;
        }

        double coverage() {
            int seen = 0;
            for (long c : shownPerItem) {
                seen += c > 0 ? 1 : 0;
            }
            return (double) seen / shownPerItem.length;
        }

        double entropy() {
            if (shown == 0 || shownPerItem.length < 2) {
                return Double.NaN;
            }
            double h = 0;
            for (long c : shownPerItem) {
                if (c > 0) {
                    double p = (double) c / shown;
                    h -= p * Math.log(p);
                }
            }
            return h / Math.log(shownPerItem.length);
        }
    }

    /** The curves drawn: true utility, the first logged accuracy metric, Gini and coverage. */
    static List<String> plotted(java.util.Collection<String> names) {
        List<String> out = new ArrayList<>();
        if (names.contains("true-utility")) {
            out.add("true-utility");
        }
        String logged = names.contains("logged/ndcg@10") ? "logged/ndcg@10" : names.stream()
                .filter(n -> n.startsWith("logged/") && !n.equals("logged/users")).findFirst().orElse(null);
        if (logged != null) {
            out.add(logged);
        }
        for (String n : List.of("gini", "coverage")) {
            if (names.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
