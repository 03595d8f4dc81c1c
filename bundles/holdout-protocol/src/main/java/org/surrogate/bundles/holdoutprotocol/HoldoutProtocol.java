package org.surrogate.bundles.holdoutprotocol;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetSource;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.evaluation.EvaluationResult;
import org.surrogate.api.evaluation.Evaluator;
import org.surrogate.api.generator.Generator;
import org.surrogate.api.generator.GeneratorModel;
import org.surrogate.api.param.ParamSchema;
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
import org.surrogate.api.split.Split;
import org.surrogate.api.split.Splitter;

/**
 * The hold-out experiment: generate or load a dataset, split it with a splitter plugin, fit every
 * recommender on each training part and evaluate it with every evaluator on the held-out part.
 *
 * <p>Steps: the generator in slot {@code data} is fitted without a reference and sampled, or the
 * dataset source in slot {@code dataset} loads the dataset (exactly one of the two); the
 * splitter in slot {@code split} divides the dataset into one split, or several (k-fold); each
 * split's description, part sizes and checksums go to the log and to the artifact
 * {@value #SPLIT_ARTIFACT}, so the trial says which protocol produced its numbers. Then for each
 * split and each recommender, in spec order, the protocol checks for cancellation, fits the
 * recommender on the split's {@code train} and evaluates the model with each evaluator on its
 * {@code test}, passing the split's {@code foldIn} (strong generalization) when it has one. The
 * validation part of a split is not used: this protocol tunes nothing.
 *
 * <p>Results: {@code data/interactions}, {@code split/count} (the number of splits), and for one
 * split {@code <recommender label>/<metric>} for every metric of every evaluator. For several
 * splits, {@code <recommender label>/fold<i>/<metric>} per split ({@code i} from 1) and
 * {@code <recommender label>/<metric>} their mean. Each plugin gets a context whose progress maps
 * into its step's share of the trial and whose curves, results, artifacts and log lines carry its
 * label (with {@code /fold<i>} for several splits).
 * <pre>{@code
 * {"protocol": "holdout", "seed": 42,
 *  "slots": {"data": [{"plugin": "demo-latent"}], "split": [{"plugin": "random-holdout"}],
 *            "recommenders": [{"plugin": "popularity"}, {"plugin": "item-cosine"}],
 *            "evaluators": [{"plugin": "ranking-metrics"}]}}
 * }</pre>
 */
@Component(service = Protocol.class)
public final class HoldoutProtocol implements Protocol {

    /** The plugin id. */
    public static final String ID = "holdout";

    /** The artifact that records the splitter, its parameters and every split. */
    public static final String SPLIT_ARTIFACT = "split.txt";

    /** The descriptor; its one parameter says whether fitted models are kept as artifacts. */
    public static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, PluginKind.PROTOCOL,
            "Hold-out evaluation",
            "Generates or loads a dataset, splits it with a splitter (one split, or k folds averaged), fits every "
                    + "recommender on each training part and evaluates it with every evaluator on the held-out part.",
            null, ParamSchema.of(org.surrogate.api.param.ParamSpec.booleanParam("saveModels").defaultValue(false)
                    .help("Save every fitted model as the artifact '<label>.model' of the run (Model.save), to be "
                            + "loaded again with its recommender; models that cannot be saved are logged.").build()));

    private static final List<SlotSpec> SLOTS = List.of(
            SlotSpec.optional("data", PluginKind.GENERATOR,
                    "Makes the dataset: fitted without a reference dataset, then sampled once. Give this or 'dataset'."),
            SlotSpec.optional("dataset", PluginKind.DATASET_SOURCE,
                    "Loads the dataset (MovieLens, Amazon, CSV...). Give this or 'data'."),
            SlotSpec.one("split", PluginKind.SPLITTER,
                    "Divides the dataset into training and held-out parts; several splits (k-fold) are averaged."),
            SlotSpec.oneOrMore("recommenders", PluginKind.RECOMMENDER,
                    "Fitted on each training part and compared."),
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
     * @param trial the filled slots
     * @param ctx   the run context
     * @throws IllegalArgumentException if a slot is empty
     * @throws IllegalStateException if the splitter returns no split
     * @throws IOException if the split artifact cannot be written
     * @throws org.surrogate.api.run.TrialCancelledException if the trial is cancelled
     */
    @Override
    public void run(Trial trial, RunContext ctx) throws IOException {
        List<Configured<Generator>> generators = trial.slot("data", Generator.class);
        List<Configured<DatasetSource>> sources = trial.slot("dataset", DatasetSource.class);
        if (generators.size() + sources.size() != 1) {
            throw new IllegalArgumentException("protocol '" + ID + "': give exactly one of slot 'data' (a generator) "
                    + "and slot 'dataset' (a dataset source); found " + generators.size() + " and " + sources.size());
        }
        Configured<Splitter> splitter = trial.single("split", Splitter.class);
        List<Configured<Recommender>> recommenders = nonEmpty(trial.slot("recommenders", Recommender.class),
                "recommenders");
        List<Configured<Evaluator>> evaluators = nonEmpty(trial.slot("evaluators", Evaluator.class), "evaluators");

        Dataset data = generators.isEmpty() ? load(sources.get(0), ctx) : generate(generators.get(0), ctx);
        if (generators.isEmpty()) {
            ctx.protocolFact("dataset.checksum", data.checksum());
        } else {
            // Generated data changes with the seed; the protocol is the generator and its parameters.
            Configured<Generator> g = generators.get(0);
            ctx.protocolFact("dataset.generator", g.plugin().descriptor().id() + " " + g.params().asMap());
            ctx.protocolFact("info.dataset.checksum", data.checksum());
        }
        ctx.checkCancelled();
        List<Split> splits = split(splitter, data, ctx);
        int n = splits.size();
        double share = (1 - SPLIT_END) / (n * recommenders.size());
        FoldMeans means = new FoldMeans();
        for (int s = 0; s < n; s++) {
            String fold = n == 1 ? "" : "/fold" + (s + 1);
            for (int r = 0; r < recommenders.size(); r++) {
                ctx.checkCancelled();
                Configured<Recommender> rec = recommenders.get(r);
                double start = SPLIT_END + (s * recommenders.size() + r) * share;
                Map<String, Double> metrics = runRecommender(rec, rec.label() + fold, evaluators, splits.get(s),
                        start, share, ctx, trial.params().getBoolean("saveModels"));
                for (Map.Entry<String, Double> metric : metrics.entrySet()) {
                    ctx.result(rec.label() + fold + "/" + metric.getKey(), metric.getValue());
                    means.add(rec.label() + "/" + metric.getKey(), metric.getValue());
                }
            }
        }
        if (n > 1) {
            means.report(n, ctx);
        }
        ctx.progress(1.0, "done: " + recommenders.size() + " recommenders evaluated on " + n
                + (n == 1 ? " split" : " splits"));
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

    private static Dataset load(Configured<DatasetSource> source, RunContext ctx) throws IOException {
        String label = source.label();
        ctx.progress(0.0, "loading dataset with " + label);
        Dataset data = source.plugin().load(source.params(), ctx.scoped(label, 0.0, SAMPLE_END));
        ctx.log(System.Logger.Level.INFO, "dataset from source " + label + ": " + describe(data));
        ctx.result("data/interactions", data.size());
        return data;
    }

    private static List<Split> split(Configured<Splitter> splitter, Dataset data, RunContext ctx) throws IOException {
        String label = splitter.label();
        ctx.progress(SAMPLE_END, "splitting " + data.size() + " interactions with " + label);
        List<Split> splits = splitter.plugin().split(data, splitter.params(),
                ctx.scoped(label, SAMPLE_END, SPLIT_END));
        if (splits == null || splits.isEmpty()) {
            throw new IllegalStateException("protocol '" + ID + "': splitter '" + label + "' returned no split of "
                    + "dataset '" + data.name() + "'; a splitter must return at least one");
        }
        StringBuilder record = new StringBuilder();
        record.append("splitter: ").append(splitter.plugin().descriptor().id()).append(" (label ").append(label)
                .append("), params ").append(splitter.params().asMap()).append('\n');
        record.append("dataset: ").append(describe(data)).append('\n');
        for (int s = 0; s < splits.size(); s++) {
            Split split = splits.get(s);
            String head = "split " + (s + 1) + " of " + splits.size() + ": " + split.description();
            String parts = "train " + describe(split.train()) + "; validation " + describe(split.validation())
                    + "; test " + describe(split.test()) + "; fold-in " + describe(split.foldIn());
            ctx.log(System.Logger.Level.INFO, head + " (" + parts + ")");
            record.append(head).append('\n').append("  ").append(parts).append('\n');
        }
        try (OutputStream out = ctx.createArtifact(SPLIT_ARTIFACT);
             Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write(record.toString());
        }
        ctx.result("split/count", splits.size());
        ctx.protocolFact("split", splitter.plugin().descriptor().id() + " " + splitter.params().asMap());
        for (int s = 0; s < splits.size(); s++) {
            Split split = splits.get(s);
            ctx.protocolFact("info.split." + (s + 1), "train " + checksum(split.train()) + ", test "
                    + checksum(split.test()) + ", fold-in " + checksum(split.foldIn()));
        }
        return splits;
    }

    /**
     * Fits one recommender on a split and evaluates it with every evaluator.
     *
     * @return the metrics of all evaluators by name; a later evaluator's metric replaces an earlier
     *         one of the same name, with a warning
     */
    private static Map<String, Double> runRecommender(Configured<Recommender> rec, String label,
                                                      List<Configured<Evaluator>> evaluators, Split split,
                                                      double start, double share, RunContext ctx,
                                                      boolean saveModel) {
        double fitEnd = start + FIT_SHARE * share;
        ctx.progress(start, "fitting " + label);
        Model model = rec.plugin().fit(split.train(), rec.params(), ctx.scoped(label, start, fitEnd));
        if (saveModel) {
            String name = label.replaceAll("[^A-Za-z0-9._-]+", "-") + ".model";
            try (OutputStream out = ctx.createArtifact(name)) {
                model.save(out);
                ctx.log(System.Logger.Level.INFO, "model of " + label + " saved as artifact " + name);
            } catch (UnsupportedOperationException | IOException e) {
                ctx.log(System.Logger.Level.WARNING, "model of " + label + " not saved: " + e.getMessage());
            }
        }
        EvaluationInput input = new EvaluationInput(split.train(), split.test(), model, split.foldIn());
        double evalShare = (start + share - fitEnd) / evaluators.size();
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int e = 0; e < evaluators.size(); e++) {
            ctx.checkCancelled();
            Configured<Evaluator> evaluator = evaluators.get(e);
            double from = fitEnd + e * evalShare;
            ctx.progress(from, "evaluating " + label + " with " + evaluator.label());
            EvaluationResult result = evaluator.plugin().evaluate(input, evaluator.params(),
                    ctx.scoped(label + " " + evaluator.label(), from, from + evalShare));
            // The metric names carry the cutoffs (ndcg@10); the protocol text the candidate set.
            ctx.protocolFact("evaluator." + evaluator.label(), evaluator.plugin().descriptor().id() + ": "
                    + result.protocol() + "; metrics " + String.join(", ", new java.util.TreeSet<>(
                    result.metrics().keySet())));
            for (Map.Entry<String, Double> metric : result.metrics().entrySet()) {
                if (metrics.containsKey(metric.getKey())) {
                    ctx.log(System.Logger.Level.WARNING, "result " + label + "/" + metric.getKey() + " of evaluator "
                            + evaluator.label() + " replaces the one of an earlier evaluator");
                }
                metrics.put(metric.getKey(), metric.getValue());
            }
        }
        return metrics;
    }

    private static <T extends Plugin> List<Configured<T>> nonEmpty(
            List<Configured<T>> plugins, String slot) {
        if (plugins.isEmpty()) {
            throw new IllegalArgumentException("protocol '" + ID + "': slot '" + slot
                    + "' is empty; give at least one plugin");
        }
        return plugins;
    }

    private static String checksum(Dataset data) {
        return data == null ? "none" : data.checksum();
    }

    private static String describe(Dataset data) {
        if (data == null) {
            return "none";
        }
        return "'" + data.name() + "', " + data.numUsers() + " users, " + data.numItems() + " items, " + data.size()
                + " interactions, sha256 " + data.checksum();
    }
}
