package org.surrogate.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Index benchmark (not a unit test): generates realistic runs, indexes them, rebuilds the index
 * from the run directories, and measures search latency over a mix of filtered, faceted, sorted
 * queries.
 *
 * <pre>
 * mvn -o -q -f repository/pom.xml test-compile exec:java \
 *     -Dexec.mainClass=org.surrogate.repository.IndexBenchmark -Dexec.args="100000 repository/target/bench"
 * </pre>
 *
 * Arguments: number of runs (default 100000), work folder (default {@code target/bench}, emptied
 * first). Every random choice comes from a seeded {@link Random}, so two executions index the same
 * runs and issue the same queries.
 */
public final class IndexBenchmark {

    static final String[] PROTOCOLS = {"holdout", "fidelity-privacy", "sim-accuracy", "augmentation-gain",
        "feedback-loop"};
    static final String[] DATASETS = {"movielens-100k", "movielens-1m", "lastfm-hetrec", "amazon-seq"};
    static final String[] RECOMMENDERS = {"popularity", "item-cosine", "als", "bpr", "ease", "mult-vae", "sasrec",
        "gru4rec"};
    static final String[] USERS = {"alice", "bob", "carol", "dave", "erin"};
    static final String[] TAGS = new String[20];
    static final String[] METRICS = {"ndcg@10", "ndcg@20", "recall@10", "recall@20", "precision@10", "map@10",
        "mrr@10", "auc", "hit@10", "f1@10"};
    static final String[] WORDS = {"baseline", "sweep", "ablation", "rerun", "paper", "figure", "tuned", "default",
        "synthetic", "real", "privacy", "budget", "cold-start", "long-tail", "sequential", "implicit"};

    static {
        String[] names = {"nightly", "weekly", "paper-2025", "ablation", "sweep", "baseline", "debug", "camera-ready",
            "gpu", "cpu", "ml100k", "privacy", "fidelity", "simulator", "augmentation", "rerun", "final", "draft",
            "student", "reviewer"};
        System.arraycopy(names, 0, TAGS, 0, 20);
    }

    private IndexBenchmark() {
    }

    /** Run {@code i}, the same every time. */
    static RunRecord run(int i, Map<String, List<double[]>> curvesOut) {
        Random rnd = new Random(1_000_003L * i + 17);
        String protocol = PROTOCOLS[rnd.nextInt(PROTOCOLS.length)];
        String dataset = DATASETS[rnd.nextInt(DATASETS.length)];
        RunRecord.Builder b = RunRecord.builder(String.format(Locale.ROOT, "run-%06d", i))
                .experimentId("exp-" + (i / 50))
                .user(USERS[rnd.nextInt(USERS.length)])
                .protocol(protocol)
                .seed(rnd.nextInt(10))
                .fingerprint(Integer.toHexString((protocol + dataset).hashCode()))
                .datasetChecksum(Integer.toHexString(dataset.hashCode()))
                .created(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i * 60L))
                .environment(Map.of("java.version", "17.0.15", "os.name", "Linux", "host", "lab-" + (i % 3)));
        int status = rnd.nextInt(100);
        b.status(status < 80 ? RunStatus.SUCCEEDED : status < 90 ? RunStatus.FAILED
                : status < 95 ? RunStatus.CANCELLED : RunStatus.INTERRUPTED);
        if (status >= 80 && status < 90) {
            b.message("java.lang.IllegalStateException: loss became NaN at epoch " + rnd.nextInt(50));
        }
        b.started(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i * 60L + 5));
        b.ended(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i * 60L + 5 + rnd.nextInt(3600)));
        b.plugin(new PluginUse("dataset", dataset, "1." + rnd.nextInt(3) + ".0", "org.surrogate.datasets", null));
        b.plugin(new PluginUse("split", "random-holdout", "1.0.0", "org.surrogate.splitters", null));
        Set<String> recs = new LinkedHashSet<>();
        int nrec = 1 + rnd.nextInt(3);
        while (recs.size() < nrec) {
            recs.add(RECOMMENDERS[rnd.nextInt(RECOMMENDERS.length)]);
        }
        for (String r : recs) {
            b.plugin(new PluginUse("recommenders", r, "2." + rnd.nextInt(4) + ".1", "org.surrogate.rec." + r, null));
        }
        if (protocol.equals("fidelity-privacy")) {
            b.plugin(new PluginUse("privacy", "laplace-ratings", "1.0.0", "org.surrogate.privacy", null));
        }
        Set<String> tags = new LinkedHashSet<>();
        int ntags = rnd.nextInt(4);
        while (tags.size() < ntags) {
            tags.add(TAGS[rnd.nextInt(TAGS.length)]);
        }
        b.tags(new ArrayList<>(tags));
        b.description(WORDS[rnd.nextInt(WORDS.length)] + " " + String.join(" ", recs) + " on " + dataset + ", "
                + WORDS[rnd.nextInt(WORDS.length)] + " " + WORDS[rnd.nextInt(WORDS.length)]);

        String main = recs.iterator().next();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(main + ".factors", 16 << rnd.nextInt(5));
        params.put(main + ".reg", Math.pow(10, -1 - rnd.nextInt(4)));
        params.put("split.fraction", 0.2);
        int extra = rnd.nextInt(4);
        if (extra > 0) {
            params.put(main + ".epochs", 10 + rnd.nextInt(90));
        }
        if (extra > 1) {
            params.put(main + ".loss", rnd.nextBoolean() ? "bpr" : "warp");
        }
        if (extra > 2) {
            params.put("privacy.epsilon", 0.1 * (1 + rnd.nextInt(50)));
        }
        b.params(params);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("protocol", protocol);
        spec.put("seed", 0);
        spec.put("params", params);
        spec.put("slots", Map.of("dataset", List.of(Map.of("plugin", dataset)),
                "recommenders", recs.stream().map(r -> Map.of("plugin", r)).toList()));
        b.spec(spec);

        int nmetrics = 4 + rnd.nextInt(5);
        List<String> names = new ArrayList<>(Arrays.asList(METRICS));
        java.util.Collections.shuffle(names, rnd);
        double quality = 0.1 + 0.4 * rnd.nextDouble();
        for (String m : names.subList(0, nmetrics)) {
            List<double[]> curve = new ArrayList<>();
            double v = 0;
            for (int step = 1; step <= 10; step++) {
                v = quality * (1 - Math.exp(-step / 3.0)) + 0.01 * rnd.nextGaussian();
                curve.add(new double[] {step, v});
            }
            b.metric(m, v);
            curvesOut.put(m, curve);
        }
        return b.build();
    }

    /** Query templates: [0] query, [1] sort; facets are chosen per template. */
    static SearchRequest query(Random rnd, int template) {
        String p = PROTOCOLS[rnd.nextInt(PROTOCOLS.length)];
        String r1 = RECOMMENDERS[rnd.nextInt(RECOMMENDERS.length)];
        String r2 = RECOMMENDERS[rnd.nextInt(RECOMMENDERS.length)];
        String r3 = RECOMMENDERS[rnd.nextInt(RECOMMENDERS.length)];
        String tag = TAGS[rnd.nextInt(TAGS.length)];
        String user = USERS[rnd.nextInt(USERS.length)];
        String ds = DATASETS[rnd.nextInt(DATASETS.length)];
        double lo = 0.05 + 0.3 * rnd.nextDouble();
        List<String> all = List.of("protocol", "plugin", "dataset", "status", "user", "tag");
        return switch (template) {
            case 0 -> new SearchRequest("protocol:" + p + " AND plugin:(" + r1 + " OR " + r2 + ") AND metric.ndcg_10:["
                    + fmt(lo) + " TO *]", List.of("plugin", "status", "user"), "-metric.ndcg_10", 0, 20);
            case 1 -> new SearchRequest("status:succeeded AND tag:" + tag, List.of("protocol", "plugin", "tag"),
                    "-created", 0, 20);
            case 2 -> new SearchRequest("user:" + user + " AND metric.recall_20:[" + fmt(lo) + " TO " + fmt(lo + 0.1)
                    + "]", all, "metric.recall_20", 0, 20);
            case 3 -> new SearchRequest(r1 + " " + WORDS[rnd.nextInt(WORDS.length)], List.of("protocol", "dataset"),
                    null, 0, 20);
            case 4 -> new SearchRequest("plugin:(" + r1 + " OR " + r2 + " OR " + r3 + ") AND dataset:" + ds
                    + " AND NOT status:failed", all, "-metric.ndcg_10.max", 20, 20);
            case 5 -> new SearchRequest("*", all, "-created", 0, 20);
            default -> throw new IllegalArgumentException("template " + template);
        };
    }

    static final String[] TEMPLATE_NAMES = {
        "protocol + plugin IN + metric range, 3 facets, sort metric desc",
        "status + tag, 3 facets, sort -created",
        "user + metric range, 6 facets, sort metric asc",
        "free text (2 words), 2 facets, relevance",
        "plugin IN(3) + dataset + NOT status, 6 facets, sort curve max, page 2",
        "match all, 6 facets, sort -created"};

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path work = Path.of(args.length > 1 ? args[1] : "target/bench").toAbsolutePath();
        deleteTree(work);
        Path runsDir = work.resolve("runs");
        Path indexDir = work.resolve("index");
        RunStore store = new RunStore(runsDir);
        System.out.printf(Locale.ROOT, "IndexBenchmark: %,d runs, work folder %s, %d cores, max heap %d MB, Java %s%n",
                n, work, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"));

        // 1. The run directories. Writing 100k runs with fsync (2 files, 4 fsyncs each) would take
        // most of an hour on this disk and measures the disk, not the index: the bulk is written
        // without fsync, and the atomic write path is timed on a sample.
        ObjectMapper mapper = Json.mapper();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Map<String, List<double[]>> curves = new LinkedHashMap<>();
            RunRecord r = run(i, curves);
            Path d = store.dir(r.id());
            Files.createDirectories(d);
            Files.write(d.resolve(RunStore.RUN_FILE), mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(r));
            Files.write(d.resolve(RunStore.METRICS_FILE), mapper.writeValueAsBytes(curves));
        }
        double writeS = secs(t0);
        System.out.printf(Locale.ROOT, "write run dirs (no fsync): %.1f s, %,d bytes on disk%n", writeS, treeSize(runsDir));
        int sample = Math.min(200, n);
        t0 = System.nanoTime();
        RunStore atomicStore = new RunStore(work.resolve("atomic-sample"));
        for (int i = 0; i < sample; i++) {
            Map<String, List<double[]>> curves = new LinkedHashMap<>();
            RunRecord r = run(i, curves);
            atomicStore.write(r);
            atomicStore.writeCurves(r.id(), curves);
        }
        System.out.printf(Locale.ROOT, "atomic write (run.json + metrics.json, fsync): %.1f ms per run (sample of %d)%n",
                secs(t0) * 1000 / sample, sample);

        try (RunIndex index = new RunIndex(indexDir)) {
            // 2. Index from memory.
            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Map<String, List<double[]>> curves = new LinkedHashMap<>();
                RunRecord r = run(i, curves);
                index.index(r, curves);
            }
            index.commit();
            index.refresh();
            double indexS = secs(t0);
            System.out.printf(Locale.ROOT, "index %,d runs (generate + index + commit): %.1f s (%,.0f runs/s), index size %.1f MB%n",
                    n, indexS, n / indexS, index.sizeOnDisk() / 1e6);

            // 3. Rebuild from the run directories.
            List<String> problems = new ArrayList<>();
            t0 = System.nanoTime();
            int rebuilt = index.rebuild(store, problems::add);
            double rebuildS = secs(t0);
            System.out.printf(Locale.ROOT, "rebuild from disk: %,d runs in %.1f s (%,.0f runs/s), %d problems, index size %.1f MB%n",
                    rebuilt, rebuildS, rebuilt / rebuildS, problems.size(), index.sizeOnDisk() / 1e6);

            // 4. Searches: first as a server answers them (a query repeated on the same snapshot
            // comes from the result cache), then each one computed (cache emptied before it).
            searchRound(index, false);
            searchRound(index, true);

            // 5. Near-real-time: save one run, then search for it (includes the reader refresh).
            long[] nrt = new long[100];
            for (int i = 0; i < nrt.length; i++) {
                Map<String, List<double[]>> curves = new LinkedHashMap<>();
                RunRecord r = run(i, curves).withMessage("updated " + i);
                long s = System.nanoTime();
                index.index(r, curves);
                SearchResult res = index.search(new SearchRequest("id:" + r.id(), List.of("status"), null, 0, 1));
                nrt[i] = (System.nanoTime() - s) / 1000;
                if (res.total() != 1 || !res.hits().get(0).message().equals("updated " + i)) {
                    throw new IllegalStateException("update of " + r.id() + " not visible");
                }
            }
            Arrays.sort(nrt);
            System.out.printf(Locale.ROOT, "index one run then search for it (NRT refresh included): p50 %.1f ms, p99 %.1f ms%n",
                    pct(nrt, 50), pct(nrt, 99));
        }
    }

    private static void searchRound(RunIndex index, boolean uncached) throws IOException {
        Random rnd = new Random(7);
        int templates = TEMPLATE_NAMES.length;
        for (int i = 0; i < 300; i++) {
            index.search(query(rnd, i % templates));
        }
        int queries = 1200;
        long[][] micros = new long[templates][queries / templates];
        long[][] cpuMicros = new long[templates][queries / templates];
        long[] totals = new long[templates];
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.println("load average before searching: " + loadAverage());
        for (int i = 0; i < queries; i++) {
            int t = i % templates;
            SearchRequest q = query(rnd, t);
            if (uncached) {
                index.dropCachedResults();
            }
            long c = mx.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            SearchResult res = index.search(q);
            micros[t][i / templates] = (System.nanoTime() - s) / 1000;
            cpuMicros[t][i / templates] = (mx.getCurrentThreadCpuTime() - c) / 1000;
            totals[t] += res.total();
        }
        long[] allMicros = Stream.of(micros).flatMapToLong(Arrays::stream).sorted().toArray();
        long[] allCpu = Stream.of(cpuMicros).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(Locale.ROOT, "search%s, %d queries (after 300 warm-up), wall: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                uncached ? " (each computed: result cache emptied before it)" : " (as served: repeats come from the result cache)",
                queries, pct(allMicros, 50), pct(allMicros, 90), pct(allMicros, 99), allMicros[allMicros.length - 1] / 1000.0);
        System.out.printf(Locale.ROOT, "search, same queries, CPU time of the searching thread: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n",
                pct(allCpu, 50), pct(allCpu, 90), pct(allCpu, 99));
        for (int t = 0; t < templates; t++) {
            long[] m = micros[t].clone();
            long[] c = cpuMicros[t].clone();
            Arrays.sort(m);
            Arrays.sort(c);
            System.out.printf(Locale.ROOT, "  %-70s wall p50 %6.2f p99 %6.2f ms | cpu p50 %5.2f p99 %5.2f ms | mean hits %,d%n",
                    TEMPLATE_NAMES[t], pct(m, 50), pct(m, 99), pct(c, 50), pct(c, 99), totals[t] / m.length);
        }
        System.out.println("load average after searching: " + loadAverage());
    }

    private static double pct(long[] sortedMicros, int p) {
        int i = (int) Math.ceil(p / 100.0 * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, i))] / 1000.0;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long treeSize(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

}
