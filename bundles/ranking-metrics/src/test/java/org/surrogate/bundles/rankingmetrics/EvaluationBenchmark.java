package org.surrogate.bundles.rankingmetrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.evaluation.EvaluationResult;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Model;
import org.surrogate.bundles.commons.scoring.RankingStats;
import org.surrogate.testkit.RecordingRunContext;

/**
 * Benchmark of full-ranking evaluation (issue 4), printed as a table:
 * <ol>
 * <li>all MovieLens-100K test users (seeded 80/20 per-user random split, {@link MovieLensSplit}) for a
 *     dense 943 x 1682 score matrix held in memory: time per evaluation, one thread and all cores;</li>
 * <li>a 100,000 users x 20,000 items factor model with 64 factors ({@link FactorModel}, ND4J matrix
 *     products per batch), 10 train and 10 test items per user: achieved GFLOP/s
 *     ({@code 2 users items factors / time}) next to the ND4J rate of a 1000 x 1000 float product
 *     measured in the same run, and the share of worker time in scoring vs ranking and metrics.</li>
 * </ol>
 * Default evaluator parameters (ks [10, 20], AUC on) unless stated. Options (system properties):
 * {@code ml100k} (path of u.data, default {@code ../shared/datasets/ml-100k/u.data}), {@code users},
 * {@code items}, {@code factors}, {@code repeats} (timed MovieLens evaluations, default 20), {@code auc}
 * (true or false, for the MovieLens runs; absent: the evaluator's default, on for these catalogues). The
 * factor model runs with AUC, then once more without it to show the cost of the AUC pass.
 * Run from the repository root:
 * <pre>
 * mvn -q -o -pl bundles/commons,bundles/ranking-metrics install -DskipTests
 * mvn -q -o -pl bundles/ranking-metrics dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx6g -cp bundles/ranking-metrics/target/test-classes:bundles/ranking-metrics/target/classes:$(cat bundles/ranking-metrics/target/bench.cp) \
 *     org.surrogate.bundles.rankingmetrics.EvaluationBenchmark
 * </pre>
 */
public final class EvaluationBenchmark {

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private final RankingMetricsEvaluator evaluator = new RankingMetricsEvaluator();
    private final List<String> rows = new ArrayList<>();

    private EvaluationBenchmark() {
    }

    /**
     * Runs both benchmarks and prints the table.
     *
     * @param args none
     * @throws IOException if u.data cannot be read
     */
    public static void main(String[] args) throws IOException {
        // Initialise ND4J on the main thread before any worker touches it.
        System.out.println("ND4J backend: " + Nd4j.getBackend().getClass().getSimpleName() + ", " + CORES
                + " cores, max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB, Java "
                + System.getProperty("java.version"));
        EvaluationBenchmark bench = new EvaluationBenchmark();
        Path uData = Path.of(System.getProperty("ml100k", "../shared/datasets/ml-100k/u.data"));
        if (Files.isReadable(uData)) {
            bench.movieLens(uData, Integer.getInteger("repeats", 20));
        } else {
            System.out.println("skipping MovieLens-100K: " + uData.toAbsolutePath() + " is not readable; set -Dml100k");
        }
        bench.factorModel(Integer.getInteger("users", 100_000), Integer.getInteger("items", 20_000),
                Integer.getInteger("factors", 64));
        System.out.println();
        System.out.println("| benchmark | configuration | time | rate | notes |");
        System.out.println("|---|---|---|---|---|");
        bench.rows.forEach(System.out::println);
    }

    private static Params params(int threads) {
        return params(threads, System.getProperty("auc") == null ? null : Boolean.getBoolean("auc"));
    }

    private static Params params(int threads, Boolean auc) {
        Map<String, Object> raw = new HashMap<>();
        raw.put("threads", threads);
        if (auc != null) {
            raw.put("auc", auc);
        }
        return RankingMetricsEvaluator.DESCRIPTOR.params().validate(raw, "");
    }

    private RankingMetricsEvaluator.Outcome run(EvaluationInput input, Params params) {
        return evaluator.evaluateWithStats(input, params, new RecordingRunContext(1));
    }

    /** (a) Dense 943 x 1682 scores, all MovieLens-100K test users. */
    private void movieLens(Path uData, int repeats) throws IOException {
        MovieLensSplit split = MovieLensSplit.load(uData, 42);
        Model model = denseModel(split.train(), 7);
        EvaluationInput input = new EvaluationInput(split.train(), split.test(), model);
        for (int threads : CORES > 1 ? new int[] {1, CORES} : new int[] {1}) {
            Params p = params(threads);
            for (int w = 0; w < 5; w++) {
                run(input, p);
            }
            double[] ms = new double[repeats];
            RankingMetricsEvaluator.Outcome last = null;
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                last = run(input, p);
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            EvaluationResult res = last.result();
            rows.add(String.format(Locale.ROOT, "| ML-100K full ranking, dense %d x %d scores | %d thread(s), %d "
                            + "batch(es) of %d users | %.1f ms per evaluation (median of %d, %.1f-%.1f) | %.0f users/s "
                            + "| %d users; ndcg@10 %.4f, recall@20 %.4f, precision@10 %.4f, auc %.4f |",
                    split.train().numUsers(), split.train().numItems(), threads, last.stats().batches(),
                    last.stats().batchRows(), ms[repeats / 2], repeats, ms[0], ms[repeats - 1],
                    res.users().length / (ms[repeats / 2] / 1e3), res.users().length, res.metrics().get("ndcg@10"),
                    res.metrics().get("recall@20"), res.metrics().get("precision@10"), res.metrics().get("auc")));
        }
    }

    /** Scores = the item's train popularity + uniform noise in [0, 0.5), precomputed for all users. */
    private static Model denseModel(Dataset train, long seed) {
        int n = train.numItems();
        int[] counts = train.itemCounts();
        Random rng = new Random(seed);
        float[] scores = new float[train.numUsers() * n];
        for (int k = 0; k < scores.length; k++) {
            scores[k] = counts[k % n] + 0.5f * rng.nextFloat();
        }
        return new Model() {
            @Override
            public int numItems() {
                return n;
            }

            @Override
            public void score(int[] users, float[] out) {
                for (int k = 0; k < users.length; k++) {
                    System.arraycopy(scores, users[k] * n, out, k * n, n);
                }
            }
        };
    }

    /** (b) The factor model in batches, next to the ND4J matrix-product rate. */
    private void factorModel(int users, int items, int factors) {
        FactorModel model = new FactorModel(users, items, factors, 1);
        Dataset[] data = randomInteractions(users, items, 10, 10, 2);
        EvaluationInput input = new EvaluationInput(data[0], data[1], model);
        EvaluationInput warmUp = new EvaluationInput(data[0], firstUsers(data[1], Math.min(users, 2000)), model);
        double flops = 2.0 * users * items * factors;
        setBlasThreads(CORES);
        double square = mmulRate(1000, 1000, 1000, 20);
        setBlasThreads(1);
        double squareOne = mmulRate(1000, 1000, 1000, 20);
        rows.add(String.format(Locale.ROOT, "| ND4J float mmul 1000 x 1000 x 1000 | BLAS threads %d / 1 | "
                + "median of 20 | %.1f / %.1f GFLOP/s | the machine's matrix-product rate, same run |", CORES, square,
                squareOne));
        // {engine threads, BLAS threads, AUC (1 on, 0 off)}
        int[][] configs = CORES > 1 ? new int[][] {{CORES, 1, 1}, {1, CORES, 1}, {CORES, CORES, 1}, {CORES, 1, 0}}
                : new int[][] {{1, 1, 1}, {1, 1, 0}};
        for (int[] c : configs) {
            setBlasThreads(c[1]);
            Params p = params(c[0], c[2] == 1);
            run(warmUp, p);
            RankingMetricsEvaluator.Outcome o = run(input, p);
            RankingStats s = o.stats();
            double seconds = s.wallNanos() / 1e9;
            double scoringRate = flops / (s.scoreNanos() / 1e9 / s.threads()) / 1e9;
            double batchRate = mmulRate(s.batchRows(), items, factors, 5);
            rows.add(String.format(Locale.ROOT, "| factor model %,d users x %,d items x %d factors, full ranking "
                            + "| %d engine thread(s), BLAS threads %d, %d batches of %d users | %.2f s | %.1f GFLOP/s "
                            + "end to end (%.0f%% of the 1000^3 rate) | scoring %.0f%% / ranking+metrics %.0f%% of worker "
                            + "time; scoring phase %.1f GFLOP/s; ND4J gemm of one batch alone %.1f GFLOP/s; auc %s; "
                            + "ndcg@10 %.5f |",
                    users, items, factors, s.threads(), c[1], s.batches(), s.batchRows(), seconds, flops / seconds / 1e9,
                    100 * flops / seconds / 1e9 / square, 100 * s.scoreShare(), 100 * (1 - s.scoreShare()), scoringRate,
                    batchRate, o.result().metrics().containsKey("auc") ? "on" : "off",
                    o.result().metrics().get("ndcg@10")));
        }
    }

    private static void setBlasThreads(int threads) {
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** The median GFLOP/s of {@code repeats} float products (m x k) * (n x k)^T, after 3 warm-ups. */
    private static double mmulRate(int m, int n, int k, int repeats) {
        try (INDArray a = Nd4j.rand(DataType.FLOAT, m, k); INDArray b = Nd4j.rand(DataType.FLOAT, n, k);
             INDArray c = Nd4j.create(DataType.FLOAT, new long[] {m, n}, 'c')) {
            double[] seconds = new double[repeats];
            for (int r = -3; r < repeats; r++) {
                long t0 = System.nanoTime();
                Nd4j.gemm(a, b, c, false, true, 1.0, 0.0);
                if (r >= 0) {
                    seconds[r] = (System.nanoTime() - t0) / 1e9;
                }
            }
            Arrays.sort(seconds);
            return 2.0 * m * n * k / seconds[repeats / 2] / 1e9;
        }
    }

    /** {train, test}: for each user, perUser + heldOut distinct uniform items, the first perUser to train. */
    private static Dataset[] randomInteractions(int users, int items, int perUser, int heldOut, long seed) {
        Random rng = new Random(seed);
        DatasetBuilder train = Dataset.builder("train", users, items);
        DatasetBuilder test = Dataset.builder("test", users, items);
        int[] chosen = new int[perUser + heldOut];
        for (int u = 0; u < users; u++) {
            for (int k = 0; k < chosen.length; k++) {
                int item;
                do {
                    item = rng.nextInt(items);
                } while (contains(chosen, k, item));
                chosen[k] = item;
                (k < perUser ? train : test).add(u, item, 1f);
            }
        }
        return new Dataset[] {train.build(), test.build()};
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    /** The test interactions of the first {@code count} users only (a warm-up run). */
    private static Dataset firstUsers(Dataset test, int count) {
        DatasetBuilder b = Dataset.builder("warm-up", test.numUsers(), test.numItems());
        for (int u = 0; u < count; u++) {
            for (int i = test.begin(u); i < test.end(u); i++) {
                b.add(u, test.item(i), test.value(i));
            }
        }
        return b.build();
    }
}
