package org.surrogate.bundles.s2r;

import org.surrogate.bundles.commons.run.CurveRecorder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetSource;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.param.Params;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.protocol.Configured;
import org.surrogate.api.protocol.Protocol;
import org.surrogate.api.protocol.SlotSpec;
import org.surrogate.api.protocol.Trial;
import org.surrogate.api.recommender.Policy;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.simulator.Environment;
import org.surrogate.api.simulator.Simulator;
import org.surrogate.bundles.commons.plot.Point;
import org.surrogate.bundles.commons.plot.Series;
import org.surrogate.bundles.commons.plot.SvgChart;
import org.surrogate.bundles.commons.stats.Bootstrap;
import org.surrogate.bundles.commons.stats.Interval;

/**
 * Sim-to-real (S2R-Rec, section 5): the environment slot builds a simulation task and a real task
 * (all simulation data plus a small real training budget; real validation and test users); every
 * agent learns with {@code learn(environment)} and is then run for one session of T steps with every
 * real test user. Results per agent: {@code reward} (average cumulative reward per session divided
 * by T), {@code precision@T}, {@code recall@T}, {@code f1@T}, each with a percentile bootstrap
 * interval over test users ({@code .lo}, {@code .hi}), and {@code validation-reward}; a seeded
 * uniformly random policy ({@code random}) is evaluated as the floor. Across seeds, the server's
 * mean and spread over trials give the seed-level view.
 *
 * <p>With {@code sweepParam} (such as {@code gap} of {@code s2r-known-preference-gap}) the
 * environment is rebuilt for each of {@code sweepValues} and results are named
 * {@code agent/param=value/metric}; {@code reward-vs-param.svg} plots reward with its interval
 * against the value. Artifacts: {@code sim-to-real.csv}, {@code reward.svg} or the sweep plot, and
 * {@code training-reward.svg} (simulation reward per iteration of each agent, moving average of 10).
 */
@Component(service = Protocol.class)
public final class SimToRealProtocol implements Protocol {

    /** The plugin id. */
    public static final String ID = "sim-to-real";

    /** The descriptor. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.PROTOCOL,
            "Sim-to-real interactive recommendation",
            "Agents learn in a simulation environment plus a small real training budget and are evaluated in "
                    + "sessions with real test users: reward per step, Precision/Recall/F1@T with bootstrap "
                    + "intervals; optional sweep of an environment parameter (the sim-to-real gap).",
            S2rPaper.REFERENCE, ParamSchema.of(
                    ParamSpec.intParam("resamples").defaultValue(1000).range(100, 1_000_000)
                            .help("Bootstrap resamples of the intervals over test users.").build(),
                    ParamSpec.stringParam("sweepParam").defaultValue("")
                            .help("An environment parameter to sweep (e.g. gap); empty for none.").build(),
                    ParamSpec.doubleListParam("sweepValues")
                            .help("Values of sweepParam (with sweepParam only).").build(),
                    ParamSpec.booleanParam("randomBaseline").defaultValue(true)
                            .help("Also evaluate a uniformly random policy.").build()));

    private static final List<SlotSpec> SLOTS = List.of(
            SlotSpec.optional("dataset", PluginKind.DATASET_SOURCE,
                    "Rating data for a genre-split environment (not needed by the controlled gap world)."),
            SlotSpec.one("environment", PluginKind.SIMULATOR,
                    "s2r-genre-split or s2r-known-preference-gap: the simulation and real tasks."),
            SlotSpec.oneOrMore("agents", PluginKind.RECOMMENDER,
                    "Learners with learn(environment): s2r-rec variants, s2r-mf, s2r-darec."));

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
        Params p = trial.params();
        String sweep = p.getString("sweepParam").trim();
        List<Double> values = p.has("sweepValues") ? p.getDoubleList("sweepValues") : List.of();
        Configured<Simulator> envPlugin = trial.single("environment", Simulator.class);
        if (sweep.isEmpty() != values.isEmpty()) {
            throw new IllegalArgumentException("sweepValues: give values together with sweepParam (found sweepParam '"
                    + sweep + "' and " + values.size() + " values)");
        }
        if (!sweep.isEmpty() && envPlugin.plugin().descriptor().params().params().stream()
                .noneMatch(s -> s.name().equals(sweep))) {
            throw new IllegalArgumentException("sweepParam: environment '" + envPlugin.label() + "' has no parameter '"
                    + sweep + "'");
        }
        List<Configured<DatasetSource>> sources = trial.slot("dataset", DatasetSource.class);
        Dataset data = sources.isEmpty() ? null : sources.get(0).plugin().load(sources.get(0).params(),
                ctx.scoped("dataset", 0, 0.02));
        List<Configured<Recommender>> agents = trial.slot("agents", Recommender.class);
        List<Double> settings = sweep.isEmpty() ? java.util.Collections.singletonList(null) : values;
        StringBuilder csv = new StringBuilder("setting,agent,metric,mean,lower,upper,n\n");
        Map<String, List<Point>> sweepPoints = new LinkedHashMap<>();
        Map<String, Interval> single = new LinkedHashMap<>();
        Map<String, List<double[]>> training = new LinkedHashMap<>();
        int resamples = p.getInt("resamples");
        int total = settings.size() * agents.size();
        int done = 0;
        for (int si = 0; si < settings.size(); si++) {
            Double value = settings.get(si);
            String setting = value == null ? "" : String.format(Locale.ROOT, "%s=%s", sweep, fmt(value));
            Params envParams = envPlugin.params();
            if (value != null) {
                Map<String, Object> raw = new LinkedHashMap<>(envPlugin.params().asMap());
                raw.put(sweep, value);
                envParams = envPlugin.plugin().descriptor().params().validate(raw, "slots.environment[0].params");
            }
            Environment env = envPlugin.plugin().create(data, envParams, ctx.scoped("environment", 0.02, 0.03));
            SimToRealTask task = SimToRealEnvironment.taskOf(env, "protocol " + ID);
            // the environment and its parameters define the task; the drawn split (its rating counts
            // depend on the seed) is information only, so seeds of one spec share a fingerprint
            ctx.protocolFact("environment" + (setting.isEmpty() ? "" : " " + setting),
                    envPlugin.plugin().descriptor().id() + " " + envParams.asMap());
            ctx.protocolFact("info.task" + (setting.isEmpty() ? "" : " " + setting), task.name());
            ctx.protocolFact("horizon", String.valueOf(task.rules().horizon()));
            ReplayEnvironment test = task.realTestEnvironment();
            ReplayEnvironment validation = task.realValidationEnvironment();
            List<String> labels = new ArrayList<>();
            List<Policy> policies = new ArrayList<>();
            if (p.getBoolean("randomBaseline")) {
                labels.add("random");
                policies.add(null);
            }
            for (Configured<Recommender> a : agents) {
                labels.add(a.label());
                policies.add(null);
            }
            for (int k = 0; k < labels.size(); k++) {
                ctx.checkCancelled();
                String label = labels.get(k);
                String prefix = setting.isEmpty() ? label : label + "/" + setting;
                Policy policy;
                if (label.equals("random") && p.getBoolean("randomBaseline") && k == 0) {
                    policy = new RandomPolicy(test.numItems(), ctx.random("s2r-random-policy"));
                } else {
                    Configured<Recommender> a = agents.get(k - (p.getBoolean("randomBaseline") ? 1 : 0));
                    double from = 0.03 + 0.95 * done / total;
                    CurveRecorder rec = new CurveRecorder(ctx.scoped(prefix, Math.min(1, from),
                            Math.min(1, 0.03 + 0.95 * (done + 1) / total)));
                    policy = a.plugin().learn(env, a.params(), rec);
                    List<double[]> curve = rec.curves().get("reward/sim");
                    if (curve != null) {
                        training.put(prefix, curve);
                    }
                    done++;
                }
                SessionEvaluation ev = SessionEvaluation.run(policy, test);
                if (label.equals("random")) {
                    ctx.result((setting.isEmpty() ? "" : setting + "/") + "env/test-sessions-per-second",
                            test.numUsers() / Math.max(1e-9, ev.seconds()));
                }
                Map<String, double[]> metrics = new LinkedHashMap<>();
                int horizon = task.rules().horizon();
                metrics.put("reward", ev.reward());
                metrics.put("precision@" + horizon, ev.precision());
                metrics.put("recall@" + horizon, ev.recall());
                metrics.put("f1@" + horizon, ev.f1());
                for (Map.Entry<String, double[]> m : metrics.entrySet()) {
                    Interval ci = Bootstrap.meanInterval(m.getValue(), resamples, 0.95,
                            new java.util.Random(ctx.seed() * 31 + m.getKey().hashCode()));
                    ctx.result(prefix + "/" + m.getKey(), ci.estimate());
                    ctx.result(prefix + "/" + m.getKey() + ".lo", ci.lower());
                    ctx.result(prefix + "/" + m.getKey() + ".hi", ci.upper());
                    csv.append(String.format(Locale.ROOT, "%s,%s,%s,%.6f,%.6f,%.6f,%d%n", setting, label, m.getKey(),
                            ci.estimate(), ci.lower(), ci.upper(), m.getValue().length));
                    if (m.getKey().equals("reward")) {
                        single.put(label, ci);
                        if (value != null) {
                            sweepPoints.computeIfAbsent(label, x -> new ArrayList<>()).add(
                                    Point.of(value, ci.estimate()).withYError(ci.lower(), ci.upper()));
                            ctx.metric(label + "/reward-vs-" + sweep, si, ci.estimate());
                        }
                    }
                }
                if (validation.numUsers() > 0) {
                    SessionEvaluation val = SessionEvaluation.run(policy, validation);
                    double mean = java.util.Arrays.stream(val.reward()).average().orElse(Double.NaN);
                    ctx.result(prefix + "/validation-reward", mean);
                }
            }
        }
        write(ctx, "sim-to-real.csv", csv.toString());
        if (!sweep.isEmpty()) {
            SvgChart.Builder b = SvgChart.builder("Reward per step in the real task against " + sweep)
                    .xLabel(sweep).yLabel("reward per step (95% bootstrap CI over test users)");
            sweepPoints.forEach((label, pts) -> b.series(Series.line(label, pts)));
            write(ctx, "reward-vs-" + sweep + ".svg", b.build().render());
        } else {
            List<String> names = new ArrayList<>(single.keySet());
            List<Point> pts = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                Interval ci = single.get(names.get(i));
                pts.add(Point.of(i, ci.estimate()).withYError(ci.lower(), ci.upper()));
            }
            write(ctx, "reward.svg", SvgChart.builder("Reward per step in the real task (test users)")
                    .size(Math.max(720, 130 * names.size()), 420).xCategories(names).yLabel("reward per step (95% CI)").series(Series.scatter("reward", pts))
                    .build().render());
        }
        if (!training.isEmpty()) {
            SvgChart.Builder b = SvgChart.builder("Simulator reward per step during training (moving average of 10)")
                    .xLabel("iteration").yLabel("reward per step");
            training.forEach((label, curve) -> b.series(Series.line(label, smooth(curve, 10))));
            write(ctx, "training-reward.svg", b.build().render());
        }
        ctx.progress(1, "done: " + agents.size() + " agents" + (sweep.isEmpty() ? "" : ", " + values.size()
                + " values of " + sweep));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static List<Point> smooth(List<double[]> curve, int window) {
        List<Point> out = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < curve.size(); i++) {
            sum += curve.get(i)[1];
            if (i >= window) {
                sum -= curve.get(i - window)[1];
            }
            out.add(Point.of(curve.get(i)[0], sum / Math.min(i + 1, window)));
        }
        return out;
    }

    private static void write(RunContext ctx, String name, String text) throws IOException {
        try (OutputStream out = ctx.createArtifact(name)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
