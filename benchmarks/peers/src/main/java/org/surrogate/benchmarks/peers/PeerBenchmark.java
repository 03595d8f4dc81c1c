package org.surrogate.benchmarks.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.factory.Nd4j;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.evaluation.EvaluationInput;
import org.surrogate.api.evaluation.EvaluationResult;
import org.surrogate.api.split.Split;
import org.surrogate.bundles.loaders.MovieLens100kSource;
import org.surrogate.bundles.matrixfactorization.AlsRecommender;
import org.surrogate.bundles.matrixfactorization.BprRecommender;
import org.surrogate.bundles.neighborhood.EaseRecommender;
import org.surrogate.bundles.neighborhood.ItemKnnRecommender;
import org.surrogate.bundles.neighborhood.UserKnnRecommender;
import org.surrogate.bundles.popularity.PopularityRecommender;
import org.surrogate.bundles.rankingmetrics.RankingMetricsEvaluator;
import org.surrogate.bundles.splitters.RandomHoldoutSplitter;
import org.surrogate.testkit.RecordingRunContext;

/**
 * Issue 5, "Peers, side by side": our recommenders and peer libraries on one MovieLens-100K split,
 * every model's full score matrix ranked by our {@code ranking-metrics} evaluator.
 *
 * <p>Usage: {@code PeerBenchmark [--data u.data] [--rounds n] [--only text] [--results file]}. Each
 * entry is trained {@code rounds} times (default 2) on the same split; the table reports the fastest
 * training and the scoring time of the last round. {@code --only} keeps entries whose library,
 * algorithm or family contains the text.
 */
public final class PeerBenchmark {

    static final long SEED = 42;
    static final int THREADS = 2;
    static final int FACTORS = 50;
    static final int ALS_ITERATIONS = 15;
    static final double ALPHA = 10;
    static final double OUR_LAMBDA = 1;
    static final int BPR_EPOCHS = 30;
    /** A training slower than this is not repeated: its JIT warm-up is a small share of it. */
    static final long SLOW_NANOS = 30_000_000_000L;

    private PeerBenchmark() {
    }

    /** One measured row. */
    record Row(Peer peer, double ndcg10, double recall20, double trainSeconds, double scoreSeconds,
               double trainCpuSeconds) {
    }

    /** CPU time of the whole process (every thread, JIT and GC included), in nanoseconds. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        Path data = Path.of(opts.getOrDefault("data", "/work/shared/datasets/ml-100k/u.data"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "2"));
        String only = opts.get("only");
        Path results = opts.containsKey("results") ? Path.of(opts.get("results")) : null;

        Nd4j.getBackend();
        Split split = split(data);
        Dataset train = split.train();
        System.out.printf(Locale.ROOT, "data %s: %d users, %d items; train %d, test %d interactions (%s)%n", data,
                train.numUsers(), train.numItems(), train.size(), split.test().size(), split.description());

        SparkSession spark = null;
        List<Peer> peers = new ArrayList<>();
        for (Peer p : ours()) {
            peers.add(p);
        }
        peers.add(MahoutPeers.als(FACTORS, ALS_ITERATIONS, OUR_LAMBDA, ALPHA, THREADS));
        peers.add(LibrecPeers.wrmf(FACTORS, ALS_ITERATIONS, OUR_LAMBDA, ALPHA, SEED));
        peers.add(LibrecPeers.bpr(FACTORS, BPR_EPOCHS, 0.05, 0.0025, SEED));
        peers.add(MahoutPeers.itemBased(true));
        peers.add(MahoutPeers.itemBased(false));
        boolean wantSpark = only == null || "spark mllib als implicitprefs".contains(only.toLowerCase(Locale.ROOT));
        if (wantSpark) {
            long t0 = System.nanoTime();
            spark = SparkAls.start(THREADS);
            spark.sparkContext().setLogLevel("WARN");
            System.out.printf(Locale.ROOT, "Spark session local[%d] started in %.1f s (not counted)%n", THREADS,
                    (System.nanoTime() - t0) / 1e9);
            peers.add(new SparkAls(spark, FACTORS, ALS_ITERATIONS, 0.01, ALPHA, SEED));
        }
        List<Row> rows = new ArrayList<>();
        try {
            for (Peer p : peers) {
                if (only != null && !(p.library() + " " + p.algorithm() + " " + p.family()).toLowerCase(Locale.ROOT)
                        .contains(only.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                rows.add(measure(p, split, rounds));
            }
        } finally {
            if (spark != null) {
                spark.stop();
            }
        }
        String table = table(rows);
        System.out.println();
        System.out.println(table);
        if (results != null) {
            Files.writeString(results, report(rows, table, split, rounds));
            System.out.println("written " + results);
        }
    }

    static List<Peer> ours() {
        return List.of(
                new OurPeer(new AlsRecommender(), "als", Map.of("factors", FACTORS, "iterations", ALS_ITERATIONS,
                        "alpha", ALPHA, "regularization", OUR_LAMBDA), SEED),
                new OurPeer(new BprRecommender(), "bpr", Map.of("factors", FACTORS, "epochs", BPR_EPOCHS), SEED),
                // stratified (DSGD) over THREADS threads: deterministic for a seed and thread count
                new OurPeer(new BprRecommender(), "bpr", Map.of("factors", FACTORS, "epochs", BPR_EPOCHS,
                        "threads", THREADS), SEED, "bpr, " + THREADS + " threads"),
                new OurPeer(new ItemKnnRecommender(), "item-knn", Map.of(), SEED),
                new OurPeer(new UserKnnRecommender(), "user-knn", Map.of(), SEED),
                new OurPeer(new EaseRecommender(), "ease", Map.of(), SEED),
                new OurPeer(new PopularityRecommender(), "popularity", Map.of(), SEED));
    }

    static Split split(Path uData) throws IOException {
        MovieLens100kSource source = new MovieLens100kSource();
        Dataset all = source.load(source.descriptor().params().validate(Map.of("path", uData.toString()), ""),
                new RecordingRunContext(SEED));
        RandomHoldoutSplitter splitter = new RandomHoldoutSplitter();
        return splitter.split(all, splitter.descriptor().params().validate(Map.of("testFraction", 0.2), ""),
                new RecordingRunContext(SEED)).get(0);
    }

    static Row measure(Peer peer, Split split, int rounds) throws Exception {
        System.out.printf(Locale.ROOT, "%-30s %-28s ", peer.library(), peer.algorithm());
        double best = Double.POSITIVE_INFINITY;
        double bestCpu = Double.POSITIVE_INFINITY;
        Peer.Trained trained = null;
        for (int r = 0; r < rounds; r++) {
            trained = null;
            System.gc();
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            trained = peer.train(split.train());
            long nanos = trained instanceof Timed t ? t.trainNanos() : System.nanoTime() - t0;
            double cpu = (cpuNanos() - c0) / 1e9;
            best = Math.min(best, nanos / 1e9);
            bestCpu = Math.min(bestCpu, cpu);
            System.out.printf(Locale.ROOT, "train %.3f s (cpu %.2f)  ", nanos / 1e9, cpu);
            if (nanos > SLOW_NANOS) {
                break;
            }
        }
        long s0 = System.nanoTime();
        ScoreMatrix scores = trained.scores();
        double scoreSeconds = (System.nanoTime() - s0) / 1e9;
        RankingMetricsEvaluator evaluator = new RankingMetricsEvaluator();
        EvaluationResult result = evaluator.evaluate(new EvaluationInput(split.train(), split.test(), scores),
                evaluator.descriptor().params().validate(Map.of("ks", List.of(10, 20), "threads", THREADS), ""),
                new RecordingRunContext(SEED));
        Row row = new Row(peer, result.metrics().get("ndcg@10"), result.metrics().get("recall@20"), best,
                scoreSeconds, bestCpu);
        System.out.printf(Locale.ROOT, "score %.3f s  NDCG@10 %.4f  Recall@20 %.4f%n", scoreSeconds, row.ndcg10(),
                row.recall20());
        return row;
    }

    /** The fastest peer (not ours) of a family, or null. */
    static Row fastestPeer(List<Row> rows, String family) {
        Row best = null;
        for (Row r : rows) {
            if (!r.peer().library().equals("Surrogate") && r.peer().family().equals(family)
                    && (best == null || r.trainSeconds() < best.trainSeconds())) {
                best = r;
            }
        }
        return best;
    }

    /** The most accurate peer (not ours) of a family, or null. */
    static Row bestPeer(List<Row> rows, String family) {
        Row best = null;
        for (Row r : rows) {
            if (!r.peer().library().equals("Surrogate") && r.peer().family().equals(family)
                    && (best == null || r.ndcg10() > best.ndcg10())) {
                best = r;
            }
        }
        return best;
    }

    /** "Spark ALS", "LibRec BPRRecommender", "Mahout BooleanPrefItemBased": library without version. */
    static String shortName(Peer p) {
        String lib = p.library().startsWith("Apache ") ? p.library().substring(7) : p.library();
        return lib.split(" ")[0] + " " + p.algorithm().split(" ")[0];
    }

    static String table(List<Row> rows) {
        StringBuilder s = new StringBuilder();
        s.append("| library | algorithm | family | NDCG@10 | Recall@20 | train s | train CPU s | score s "
                + "| ours / fastest peer (train) | NDCG@10 vs best peer |\n");
        s.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            String ratio = "";
            String acc = "";
            if (r.peer().library().equals("Surrogate")) {
                Row fast = fastestPeer(rows, r.peer().family());
                Row best = bestPeer(rows, r.peer().family());
                if (fast != null) {
                    double q = r.trainSeconds() / fast.trainSeconds();
                    ratio = String.format(Locale.ROOT, "%.4f (%.0f× faster than %s)", q, 1 / q,
                            shortName(fast.peer()));
                }
                if (best != null) {
                    acc = String.format(Locale.ROOT, "%+.1f %%", 100 * (r.ndcg10() / best.ndcg10() - 1));
                }
            }
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %.4f | %.4f | %.3f | %.2f | %.3f | %s | %s |%n",
                    r.peer().library(), r.peer().algorithm(), r.peer().family(), r.ndcg10(), r.recall20(),
                    r.trainSeconds(), r.trainCpuSeconds(), r.scoreSeconds(), ratio, acc));
        }
        return s.toString();
    }

    static String report(List<Row> rows, String table, Split split, int rounds) {
        StringBuilder s = new StringBuilder();
        s.append("# Peers, side by side (issue 5)\n\n");
        s.append("Generated by `benchmarks/peers/run.sh` on ").append(LocalDate.now()).append(" (")
                .append(System.getProperty("java.version")).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores). Rounds per entry: ")
                .append(rounds).append(" (train s = the fastest round; score s = the last round).\n\n");
        s.append(table).append('\n');
        s.append("## Settings\n\n");
        for (Row r : rows) {
            s.append("- **").append(r.peer().library()).append(" — ").append(r.peer().algorithm()).append("**: ")
                    .append(r.peer().settings()).append('\n');
        }
        s.append("\nSplit: ").append(split.description()).append("; seed ").append(SEED).append(".\n");
        return s.toString();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int k = 0; k < args.length; k++) {
            if (!args[k].startsWith("--") || k + 1 >= args.length) {
                throw new IllegalArgumentException("usage: PeerBenchmark [--data u.data] [--rounds n] [--only text] "
                        + "[--results file]; bad argument '" + args[k] + "'");
            }
            o.put(args[k].substring(2), args[++k]);
        }
        return o;
    }
}
