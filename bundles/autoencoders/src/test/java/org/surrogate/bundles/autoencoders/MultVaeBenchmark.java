package org.surrogate.bundles.autoencoders;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.data.DatasetBuilder;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.recommender.TopK;
import org.surrogate.api.run.RunContext;

/**
 * Benchmark, not a unit test: trains Mult-VAE on MovieLens-100K under the strong generalization
 * protocol of Liang et al. and prints the time of every epoch, a breakdown of where the time went,
 * and NDCG@100, Recall@20 and Recall@50 of the held-out users scored from their fold-in items.
 *
 * <p>Data as Liang et al.: ratings above 3.5 are the positives; users with fewer than 5 positives
 * are dropped. Split: the remaining users are shuffled ({@code java.util.Random(seed)}), the first
 * {@code heldOut} are test users, the others train; a test user's positives on items that have a
 * training interaction are shuffled with the same generator, the first {@code floor(0.2 d)} (at
 * least 1) are the test items, the rest the fold-in. The split is written to {@code out} (files
 * {@code meta.tsv}, {@code train.tsv}, {@code foldin.tsv}, {@code test.tsv}: dense user and item ids)
 * so that {@code benchmarks/multvae/multvae_torch.py} trains on exactly the same data.
 *
 * <p>Arguments: {@code data=PATH epochs=N threads=T heldOut=H seed=S out=DIR profile=BOOL
 * engine=direct|samediff}; every one has a default (the ML-100K path under /work/shared, 20 epochs,
 * 2 threads, 200 users, seed 1, no output, no per-op profile, the hand-written pass; {@code samediff}
 * runs the SameDiff graph instead, and {@code profile} only applies to it).
 * When the data file is absent it says so and exits with status 0. Run it with
 * {@code benchmarks/multvae/run.sh}.
 */
public final class MultVaeBenchmark {

    private MultVaeBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code key=value} arguments, see the class comment
     * @throws IOException if the data cannot be read or the split cannot be written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> a = new HashMap<>(Map.of("data", "/work/shared/datasets/ml-100k/u.data", "epochs", "20",
                "threads", "2", "heldOut", "200", "seed", "1", "out", "", "profile", "false", "engine", "direct"));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !a.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("argument '" + arg + "': expected key=value with key in "
                        + a.keySet());
            }
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Path data = Path.of(a.get("data"));
        if (!Files.isRegularFile(data)) {
            System.out.println("MovieLens-100K not found at " + data + "; Mult-VAE benchmark skipped");
            return;
        }
        int epochs = Integer.parseInt(a.get("epochs"));
        int threads = Integer.parseInt(a.get("threads"));
        Split split = split(data, Integer.parseInt(a.get("heldOut")), Long.parseLong(a.get("seed")));
        if (!a.get("out").isEmpty()) {
            split.write(Path.of(a.get("out")));
        }
        System.out.printf(Locale.ROOT, "java: %d train users, %d test users, %d items, %d train interactions; "
                + "%d epochs, %d threads%n", split.trainUsers, split.test.size(), split.train.numItems(),
                split.train.size(), epochs, threads);
        Params params = MultVaeRecommender.DESCRIPTOR.params().validate(Map.of("epochs", epochs,
                "threads", threads), "");
        AutoencoderTrainer trainer = new AutoencoderTrainer(AutoencoderSettings.from(MultVaeRecommender.ID, true,
                params));
        PrintingContext ctx = new PrintingContext(Long.parseLong(a.get("seed")));
        OpTimingListener ops = Boolean.parseBoolean(a.get("profile")) ? new OpTimingListener() : null;
        trainer.listener(ops);
        trainer.useSameDiff("samediff".equals(a.get("engine")));
        long t0 = System.nanoTime();
        Model model = trainer.fit(split.train, ctx);
        double total = (System.nanoTime() - t0) / 1e9;
        double[] metrics = evaluate(model, split);
        double[] seconds = ctx.seconds.stream().mapToDouble(Double::doubleValue).toArray();
        double[] cpu = ctx.cpu.stream().mapToDouble(Double::doubleValue).toArray();
        System.out.println("java breakdown: " + trainer.timings());
        if (!trainer.directProfile().isEmpty()) {
            System.out.println("java forward+backward and Adam by part: " + trainer.directProfile());
        }
        if (ops != null) {
            System.out.print(ops.report(trainer.timings().gradients));
        }
        System.out.printf(Locale.ROOT, "RESULT java engine=" + a.get("engine") + " epochs=%d median_epoch_s=%.4f "
                + "median_epoch_cpu_s=%.4f mean_epoch_s=%.4f first_epoch_s=%.4f "
                + "train_s=%.3f ndcg100=%.4f recall20=%.4f recall50=%.4f%n", epochs, median(seconds, 1),
                median(cpu, 1), mean(seconds, 1), seconds[0], total, metrics[0], metrics[1], metrics[2]);
    }

    /** The median of values[from..], or of all when fewer. */
    static double median(double[] values, int from) {
        double[] v = values.length > from ? Arrays.copyOfRange(values, from, values.length) : values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double mean(double[] values, int from) {
        double[] v = values.length > from ? Arrays.copyOfRange(values, from, values.length) : values;
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    /** A strong generalization split with dense ids. */
    static final class Split {
        final Dataset train;
        final int trainUsers;
        final List<int[]> foldIn = new ArrayList<>();
        final List<int[]> test = new ArrayList<>();

        Split(Dataset train, int trainUsers) {
            this.train = train;
            this.trainUsers = trainUsers;
        }

        void write(Path dir) throws IOException {
            Files.createDirectories(dir);
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("meta.tsv"),
                    StandardCharsets.UTF_8))) {
                w.println(train.numUsers() + "\t" + train.numItems() + "\t" + test.size());
            }
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("train.tsv"),
                    StandardCharsets.UTF_8))) {
                for (int u = 0; u < train.numUsers(); u++) {
                    for (int k = train.begin(u); k < train.end(u); k++) {
                        w.println(u + "\t" + train.item(k));
                    }
                }
            }
            writeRows(dir.resolve("foldin.tsv"), foldIn);
            writeRows(dir.resolve("test.tsv"), test);
        }

        private static void writeRows(Path file, List<int[]> rows) throws IOException {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
                for (int r = 0; r < rows.size(); r++) {
                    for (int item : rows.get(r)) {
                        w.println(r + "\t" + item);
                    }
                }
            }
        }
    }

    /** Reads u.data and splits it as the class comment says. */
    static Split split(Path uData, int heldOut, long seed) throws IOException {
        List<String> lines = Files.readAllLines(uData, StandardCharsets.UTF_8);
        Map<Integer, List<Integer>> positives = new java.util.TreeMap<>();
        int numItems = 0;
        for (int n = 0; n < lines.size(); n++) {
            String[] f = lines.get(n).split("\t");
            if (f.length != 4) {
                throw new IllegalArgumentException(uData + ":" + (n + 1) + ": expected 4 tab-separated fields, found "
                        + f.length);
            }
            int item = Integer.parseInt(f[1]) - 1;
            numItems = Math.max(numItems, item + 1);
            if (Double.parseDouble(f[2]) > 3.5) {
                positives.computeIfAbsent(Integer.parseInt(f[0]), k -> new ArrayList<>()).add(item);
            }
        }
        List<List<Integer>> users = new ArrayList<>();
        for (List<Integer> items : positives.values()) {
            if (items.size() >= 5) {
                users.add(items);
            }
        }
        Random rng = new Random(seed);
        java.util.Collections.shuffle(users, rng);
        int trainUsers = users.size() - heldOut;
        DatasetBuilder b = Dataset.builder("ml-100k-positives-train", trainUsers, numItems);
        boolean[] trainItem = new boolean[numItems];
        for (int u = 0; u < trainUsers; u++) {
            for (int item : users.get(u)) {
                b.add(u, item, 1f);
                trainItem[item] = true;
            }
        }
        Split split = new Split(b.build(), trainUsers);
        for (int u = trainUsers; u < users.size(); u++) {
            List<Integer> kept = new ArrayList<>();
            for (int item : users.get(u)) {
                if (trainItem[item]) {
                    kept.add(item);
                }
            }
            java.util.Collections.shuffle(kept, rng);
            int t = kept.size() >= 2 ? Math.max(1, (int) Math.floor(0.2 * kept.size())) : 0;
            split.test.add(kept.subList(0, t).stream().mapToInt(Integer::intValue).toArray());
            split.foldIn.add(kept.subList(t, kept.size()).stream().mapToInt(Integer::intValue).toArray());
        }
        return split;
    }

    /** {NDCG@100, Recall@20, Recall@50} of the test users, as Liang et al. (recall over min(k, |test|)). */
    static double[] evaluate(Model model, Split split) {
        int n = model.numItems();
        int[][] histories = split.foldIn.toArray(new int[0][]);
        float[] scores = new float[histories.length * n];
        model.scoreHistories(histories, scores);
        double[] sums = new double[3];
        int evaluated = 0;
        for (int r = 0; r < histories.length; r++) {
            int[] relevant = split.test.get(r);
            if (relevant.length == 0) {
                continue;
            }
            for (int item : histories[r]) {
                scores[r * n + item] = Float.NEGATIVE_INFINITY;
            }
            int[] top = TopK.select(scores, r * n, r * n + n, 100);
            boolean[] rel = new boolean[n];
            for (int item : relevant) {
                rel[item] = true;
            }
            double dcg = 0;
            double idcg = 0;
            int hits20 = 0;
            int hits50 = 0;
            for (int k = 0; k < top.length; k++) {
                if (rel[top[k]]) {
                    dcg += 1 / (Math.log(k + 2) / Math.log(2));
                    hits20 += k < 20 ? 1 : 0;
                    hits50 += k < 50 ? 1 : 0;
                }
            }
            for (int k = 0; k < Math.min(100, relevant.length); k++) {
                idcg += 1 / (Math.log(k + 2) / Math.log(2));
            }
            sums[0] += dcg / idcg;
            sums[1] += (double) hits20 / Math.min(20, relevant.length);
            sums[2] += (double) hits50 / Math.min(50, relevant.length);
            evaluated++;
        }
        return new double[] {sums[0] / evaluated, sums[1] / evaluated, sums[2] / evaluated};
    }

    /** Prints every epoch's metrics as they come and keeps the epoch times. */
    private static final class PrintingContext implements RunContext {
        private final long seed;
        final List<Double> seconds = new ArrayList<>();
        /** Process CPU seconds of each epoch (all threads: OpenMP, BLAS, JIT and GC included). */
        final List<Double> cpu = new ArrayList<>();
        private final Map<Long, StringBuilder> lines = new HashMap<>();
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        private long lastCpu = os.getProcessCpuTime();

        PrintingContext(long seed) {
            this.seed = seed;
        }

        @Override
        public long seed() {
            return seed;
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
            StringBuilder line = lines.computeIfAbsent(step, s -> new StringBuilder("java epoch " + s + ":"));
            line.append(String.format(Locale.ROOT, " %s %.4f", name, value));
            if (name.equals("seconds")) {
                seconds.add(value);
                long now = os.getProcessCpuTime();
                cpu.add((now - lastCpu) / 1e9);
                lastCpu = now;
                line.append(String.format(Locale.ROOT, " cpu %.4f", cpu.get(cpu.size() - 1)));
                System.out.println(lines.remove(step));
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
            System.out.println("java " + level + ": " + message);
        }
    }
}
