package org.surrogate.bundles.sequential;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.Recommender;
import org.surrogate.api.run.RunContext;
import org.surrogate.api.split.Split;
import org.surrogate.bundles.neighborhood.MarkovChainRecommender;
import org.surrogate.bundles.popularity.PopularityRecommender;
import org.surrogate.testkit.RecordingRunContext;

/**
 * Benchmark (not a unit test): trains popularity, the first-order Markov chain, FPMC, GRU4Rec and
 * NARM on MovieLens-100K (time-ordered by timestamp) and on Amazon Beauty (S3-Rec sequences: the
 * position in the line is the time), splits leave-one-out with the splitters bundle (each user's
 * last item is the test item, everything before it trains; no validation part and no tuning), and
 * evaluates with the ranking-metrics bundle: HR@10 and NDCG@10 by full ranking over all items with
 * each user's training items excluded. Prints the per-epoch training time and the metrics as
 * markdown rows. A dataset whose file is absent is skipped with a message.
 *
 * <pre>
 * cd /work/main &amp;&amp; mvn -o -q -f bundles/sequential/pom.xml test-compile exec:java \
 *     -Dexec.mainClass=org.surrogate.bundles.sequential.SequentialBenchmark \
 *     -Dexec.args="--data ml-100k,beauty --models popularity,markov-chain,fpmc,gru4rec,narm --epochs 0 --seed 1"
 * </pre>
 * {@code --epochs 0} keeps each model's default number of epochs; any other value overrides it for
 * fpmc, gru4rec and narm. {@code --set name=value,...} overrides parameters of the models that have them
 * (such as {@code --set learningRate=0.005}).
 */
public final class SequentialBenchmark {

    private static final Path ML_100K = Path.of("/work/shared/datasets/ml-100k/u.data");
    private static final Path BEAUTY = Path.of("/work/shared/datasets/amazon-s3rec-seq/Beauty.txt");

    private SequentialBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --data a,b --models x,y --epochs n --seed s}
     * @throws IOException if a data file cannot be read
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new HashMap<>(Map.of("--data", "ml-100k,beauty",
                "--models", "popularity,markov-chain,fpmc,gru4rec,narm", "--epochs", "0", "--seed", "1", "--set", ""));
        for (int k = 0; k + 1 < args.length; k += 2) {
            opts.put(args[k], args[k + 1]);
        }
        int epochs = Integer.parseInt(opts.get("--epochs"));
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (String kv : opts.get("--set").split(",")) {
            if (!kv.isBlank()) {
                String[] p = kv.split("=", 2);
                overrides.put(p[0], p[1]);
            }
        }
        long seed = Long.parseLong(opts.get("--seed"));
        warmUp();
        System.out.println("| dataset | model | epochs | fit s | s/epoch (mean; first) | HR@10 | NDCG@10 | users |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String name : opts.get("--data").split(",")) {
            Dataset data = load(name);
            if (data == null) {
                continue;
            }
            Split split = Fixtures.leaveOneOut(data);
            for (String model : opts.get("--models").split(",")) {
                run(name, split, recommender(model), epochs, seed, overrides);
            }
        }
    }

    /**
     * Splits and evaluates a tiny dataset first, so that every class of the splitter and the evaluator
     * is loaded while training has not started: another build re-installing those bundles into the
     * local Maven repository during a long run once made a lazily loaded class vanish.
     */
    private static void warmUp() {
        Split tiny = Fixtures.leaveOneOut(Fixtures.markovWalks(20, 10, 5, 0.5, 1));
        Recommender pop = new PopularityRecommender();
        Fixtures.evaluate(pop.fit(tiny.train(), pop.descriptor().params().defaults(), new RecordingRunContext(1)), tiny);
        new MarkovChainRecommender();
    }

    private static Dataset load(String name) throws IOException {
        Path file = name.equals("ml-100k") ? ML_100K : name.equals("beauty") ? BEAUTY : null;
        if (file == null) {
            throw new IllegalArgumentException("unknown dataset '" + name + "', expected ml-100k or beauty");
        }
        if (!Files.isRegularFile(file)) {
            System.out.println("skipped " + name + ": " + file + " is absent");
            return null;
        }
        List<String> lines = Files.readAllLines(file);
        DatasetBuilder b = Dataset.builder(name);
        for (int n = 0; n < lines.size(); n++) {
            String[] f = lines.get(n).split(name.equals("ml-100k") ? "\t" : " ");
            if (name.equals("ml-100k")) {
                if (f.length != 4) {
                    throw new IOException(file + ":" + (n + 1) + ": expected 4 tab-separated fields, found " + f.length);
                }
                b.add(f[0], f[1], 1f, Long.parseLong(f[3]));
            } else {
                for (int k = 1; k < f.length; k++) {
                    b.add(f[0], f[k], 1f, k);
                }
            }
        }
        Dataset d = b.build();
        System.out.println("<!-- " + d + " -->");
        return d;
    }

    private static Recommender recommender(String id) {
        return switch (id) {
            case "popularity" -> new PopularityRecommender();
            case "markov-chain" -> new MarkovChainRecommender();
            case FpmcRecommender.ID -> new FpmcRecommender();
            case Gru4RecRecommender.ID -> new Gru4RecRecommender();
            case NarmRecommender.ID -> new NarmRecommender();
            default -> throw new IllegalArgumentException("unknown model '" + id + "'");
        };
    }

    private static void run(String data, Split split, Recommender rec, int epochs, long seed,
                            Map<String, Object> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : overrides.entrySet()) {
            if (rec.descriptor().params().params().stream().anyMatch(p -> p.name().equals(e.getKey()))) {
                values.put(e.getKey(), e.getValue());
            }
        }
        boolean hasEpochs = rec.descriptor().params().params().stream().anyMatch(p -> p.name().equals("epochs"));
        if (epochs > 0 && hasEpochs) {
            values.put("epochs", epochs);
        }
        EpochClock ctx = new EpochClock(seed);
        long t0 = System.nanoTime();
        Model model = rec.fit(split.train(), rec.descriptor().params().validate(values, ""), ctx);
        double fit = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> m = Fixtures.evaluate(model, split);
        List<Double> perEpoch = ctx.epochSeconds;
        String times = perEpoch.isEmpty() ? "-" : String.format("%.2f; %.2f",
                perEpoch.stream().mapToDouble(Double::doubleValue).average().orElse(0), perEpoch.get(0));
        System.out.printf("| %s | %s%s | %s | %.1f | %s | %.4f | %.4f | %d |%n", data, rec.descriptor().id(),
                values.isEmpty() ? "" : " " + values,
                perEpoch.isEmpty() ? "-" : Integer.toString(perEpoch.size()), fit, times, m.get("hit@10"),
                m.get("ndcg@10"), Math.round(m.get("users")));
        if (!perEpoch.isEmpty()) {
            List<double[]> loss = ctx.inner.metrics.get("loss");
            System.out.printf("<!-- %s %s loss first %.4f last %.4f -->%n", data, rec.descriptor().id(), loss.get(0)[1],
                    loss.get(loss.size() - 1)[1]);
        }
    }

    /** Records the wall time between the per-epoch "loss" points. */
    private static final class EpochClock implements RunContext {
        final RecordingRunContext inner;
        final List<Double> epochSeconds = new ArrayList<>();
        private long last = System.nanoTime();

        EpochClock(long seed) {
            inner = new RecordingRunContext(seed);
        }

        @Override
        public long seed() {
            return inner.seed();
        }

        @Override
        public void progress(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void metric(String name, long step, double value) {
            inner.metric(name, step, value);
            if (name.equals("loss")) {
                long now = System.nanoTime();
                epochSeconds.add((now - last) / 1e9);
                last = now;
            }
        }

        @Override
        public void result(String name, double value) {
        }

        @Override
        public OutputStream createArtifact(String name) {
            return OutputStream.nullOutputStream();
        }

        @Override
        public void log(System.Logger.Level level, String message) {
        }
    }
}
