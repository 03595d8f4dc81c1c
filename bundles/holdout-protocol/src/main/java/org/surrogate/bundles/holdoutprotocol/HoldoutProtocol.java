package org.surrogate.bundles.holdoutprotocol;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.evaluation.EvaluationResult;
import org.surrogate.api.evaluation.Evaluator;
import org.surrogate.api.generator.Generator;
import org.surrogate.api.generator.GeneratorModel;
import org.surrogate.api.param.ParamSchema;
import org.surrogate.api.param.ParamSpec;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.api.protocol.Configured;
import org.surrogate.api.protocol.Protocol;
import org.surrogate.api.protocol.SlotSpec;
import org.surrogate.api.protocol.Trial;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;

/**
 * The random holdout experiment: generate a dataset, hold out a random fraction of each user's
 * interactions, fit every recommender on the rest and evaluate it with every evaluator.
 *
 * <p>Steps: the generator in slot {@code data} is fitted without a reference and sampled; the
 * dataset is split per user with the random stream "split" ({@link HoldoutSplit}); then for each
 * recommender, in spec order, the protocol checks for cancellation, fits it on the training part
 * and evaluates the model with each evaluator on the test part. Results are
 * {@code data/interactions} and {@code <recommender label>/<metric>} for every metric of every
 * evaluator. Each plugin gets a context whose progress maps into its step's share of the trial and
 * whose curves, results, artifacts and log lines carry its label.
 */
@Component(service = Protocol.class)
public final class HoldoutProtocol implements Protocol {

    /** The plugin id. */
    public static final String ID = "holdout";

    /** The descriptor, with the parameter schema. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.PROTOCOL,
            "Random per-user holdout",
            "Generates a dataset, holds out a random fraction of each user's interactions, fits every "
                    + "recommender on the rest and evaluates it with every evaluator.",
            null,
            ParamSchema.of(ParamSpec.doubleParam("testFraction").defaultValue(0.2).range(0, 1)
                    .help("Fraction of each user's interactions held out for testing, in (0, 1): a user with d >= 2 "
                            + "interactions gets round(testFraction * d) of them, at most d - 1, in the test set; "
                            + "users with fewer keep all in training.").build()));

    private static final List<SlotSpec> SLOTS = List.of(
            SlotSpec.one("data", PluginKind.GENERATOR,
                    "Makes the dataset: fitted without a reference dataset, then sampled once."),
            SlotSpec.oneOrMore("recommenders", PluginKind.RECOMMENDER,
                    "Fitted on the training part and compared."),
            SlotSpec.oneOrMore("evaluators", PluginKind.EVALUATOR,
                    "Compute the metrics of each fitted model on the held-out part."));

    // Shares of the trial's progress: data generation, then the split, then the recommenders.
    private static final double FIT_GENERATOR_END = 0.05;
    private static final double SAMPLE_END = 0.2;
    private static final double SPLIT_END = 0.25;
    private static final double FIT_SHARE = 0.7;

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<SlotSpec> slots() {
        return SLOTS;
    }

    /**
     * Runs the trial.
     *
     * @param trial the filled slots and {@code testFraction}
     * @param ctx   the run context
     * @throws IllegalArgumentException if testFraction is 0 or 1, or a slot is empty
     * @throws org.surrogate.api.run.TrialCancelledException if the trial is cancelled
     */
    @Override
    public void run(Trial trial, RunContext ctx) {
        double testFraction = trial.params().getDouble("testFraction");
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("protocol '" + ID + "': testFraction must be in (0, 1), found "
                    + testFraction + "; use for example 0.2");
        }
        Configured<Generator> generator = trial.single("data", Generator.class);
        List<Configured<Recommender>> recommenders = nonEmpty(trial.slot("recommenders", Recommender.class),
                "recommenders");
        List<Configured<Evaluator>> evaluators = nonEmpty(trial.slot("evaluators", Evaluator.class), "evaluators");

        Dataset data = generate(generator, ctx);
        ctx.checkCancelled();
        ctx.progress(SAMPLE_END, "splitting " + data.size() + " interactions");
        HoldoutSplit split = HoldoutSplit.of(data, testFraction, ctx.random("split"));
        ctx.log(System.Logger.Level.INFO, "split with testFraction " + testFraction + ": train " + describe(split.train())
                + ", test " + describe(split.test()));

        double share = (1 - SPLIT_END) / recommenders.size();
        for (int r = 0; r < recommenders.size(); r++) {
            ctx.checkCancelled();
            runRecommender(recommenders.get(r), evaluators, split, SPLIT_END + r * share, share, ctx);
        }
        ctx.progress(1.0, "done: " + recommenders.size() + " recommenders evaluated");
    }

    private static Dataset generate(Configured<Generator> generator, RunContext ctx) {
        String label = generator.label();
        ctx.progress(0.0, "fitting generator " + label);
        GeneratorModel model = generator.plugin().fit(null, generator.params(),
                ctx.scoped(label, 0.0, FIT_GENERATOR_END));
        ctx.checkCancelled();
        Dataset data = model.sample(ctx.scoped(label, FIT_GENERATOR_END, SAMPLE_END));
        ctx.log(System.Logger.Level.INFO, "dataset from generator " + label + ": " + describe(data));
        ctx.result("data/interactions", data.size());
        return data;
    }

    private static void runRecommender(Configured<Recommender> rec, List<Configured<Evaluator>> evaluators,
                                       HoldoutSplit split, double start, double share, RunContext ctx) {
        String label = rec.label();
        double fitEnd = start + FIT_SHARE * share;
        ctx.progress(start, "fitting " + label);
        Model model = rec.plugin().fit(split.train(), rec.params(), ctx.scoped(label, start, fitEnd));
        EvaluationInput input = new EvaluationInput(split.train(), split.test(), model);
        double evalShare = (start + share - fitEnd) / evaluators.size();
        Set<String> reported = new HashSet<>();
        for (int e = 0; e < evaluators.size(); e++) {
            ctx.checkCancelled();
            Configured<Evaluator> evaluator = evaluators.get(e);
            double from = fitEnd + e * evalShare;
            ctx.progress(from, "evaluating " + label + " with " + evaluator.label());
            EvaluationResult result = evaluator.plugin().evaluate(input, evaluator.params(),
                    ctx.scoped(label + " " + evaluator.label(), from, from + evalShare));
            for (Map.Entry<String, Double> metric : result.metrics().entrySet()) {
                String name = label + "/" + metric.getKey();
                if (!reported.add(name)) {
                    ctx.log(System.Logger.Level.WARNING, "result " + name + " of evaluator " + evaluator.label()
                            + " replaces the one of an earlier evaluator");
                }
                ctx.result(name, metric.getValue());
            }
        }
    }

    private static <T extends Plugin> List<Configured<T>> nonEmpty(
            List<Configured<T>> plugins, String slot) {
        if (plugins.isEmpty()) {
            throw new IllegalArgumentException("protocol '" + ID + "': slot '" + slot
                    + "' is empty; give at least one plugin");
        }
        return plugins;
    }

    private static String describe(Dataset data) {
        return "'" + data.name() + "', " + data.numUsers() + " users, " + data.numItems() + " items, " + data.size()
                + " interactions, sha256 " + data.checksum();
    }
}
