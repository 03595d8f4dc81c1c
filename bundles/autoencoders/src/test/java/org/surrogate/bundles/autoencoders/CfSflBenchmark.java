package org.surrogate.bundles.autoencoders;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.surrogate.api.param.Params;
import org.surrogate.api.recommender.Model;
import org.surrogate.api.run.RunContext;

/**
 * Benchmark, not a unit test: training time per epoch of CF-SFL (T = 1, 2 by default) against plain
 * Mult-VAE on MovieLens-100K, side by side in one JVM, on the strong generalization split of
 * {@link MultVaeBenchmark} (same data, same seed, [I-600-200-600-I], batches of 500, one thread).
 *
 * <p>Each round trains, one after the other: Mult-VAE as the plugin trains it (the hand-written ND4J
 * pass), Mult-VAE on its SameDiff graph (the engine CF-SFL's joint stage uses), then CF-SFL for each
 * T (2 epochs of Mult-VAE pretraining, 1 reward-estimator epoch, then {@code jointEpochs} joint
 * epochs). An epoch is one pass over the training users for all of them. It prints every epoch time
 * (wall, from the plugins' own "seconds" / "sfl_seconds" metrics, and the process CPU time since the
 * previous epoch ended) and, per round and over rounds, the median epoch time of each (the first
 * epoch of each run left out: JIT and graph building) and the ratios CF-SFL / Mult-VAE; the ratio of
 * a round compares runs made minutes apart under the same load. NDCG@100 of the held-out users is
 * printed too, to show the short runs are real training (it is not a quality comparison).
 *
 * <p>Arguments {@code key=value}: {@code data} (u.data path), {@code rounds} (3), {@code vaeEpochs}
 * (8), {@code jointEpochs} (6), {@code steps} ("1,2"), {@code threads} (1), {@code seed} (1). When the
 * data file is absent it says so and exits with status 0.
 */
public final class CfSflBenchmark {

    private CfSflBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code key=value} arguments, see the class comment
     * @throws IOException if the data cannot be read
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> a = new HashMap<>(Map.of("data", "/work/shared/datasets/ml-100k/u.data", "rounds", "3",
                "vaeEpochs", "8", "jointEpochs", "6", "steps", "1,2", "threads", "1", "seed", "1"));
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
            System.out.println("MovieLens-100K not found at " + data + "; CF-SFL benchmark skipped");
            return;
        }
        long seed = Long.parseLong(a.get("seed"));
        int threads = Integer.parseInt(a.get("threads"));
        int vaeEpochs = Integer.parseInt(a.get("vaeEpochs"));
        int jointEpochs = Integer.parseInt(a.get("jointEpochs"));
        List<Integer> steps = new ArrayList<>();
        for (String s : a.get("steps").split(",")) {
            steps.add(Integer.parseInt(s.trim()));
        }
        MultVaeBenchmark.Split split = MultVaeBenchmark.split(data, 200, seed);
        System.out.printf(Locale.ROOT, "%d train users, %d test users, %d items, %d train interactions; %s rounds, "
                + "%d threads, Mult-VAE %d epochs, CF-SFL 2 + 1 + %d epochs, T in %s%n", split.trainUsers,
                split.test.size(), split.train.numItems(), split.train.size(), a.get("rounds"), threads, vaeEpochs,
                jointEpochs, steps);
        Map<String, List<Double>> medians = new LinkedHashMap<>();
        Map<String, List<Double>> cpuMedians = new LinkedHashMap<>();
        for (int round = 1; round <= Integer.parseInt(a.get("rounds")); round++) {
            Map<String, double[]> r = new LinkedHashMap<>();
            r.put("mult-vae", multVae(split, vaeEpochs, threads, seed, false));
            r.put("mult-vae-samediff", multVae(split, vaeEpochs, threads, seed, true));
            for (int t : steps) {
                r.put("cf-sfl-t" + t, cfSfl(split, t, jointEpochs, threads, seed));
            }
            StringBuilder line = new StringBuilder("ROUND " + round + ":");
            for (Map.Entry<String, double[]> e : r.entrySet()) {
                medians.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()[0]);
                cpuMedians.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()[1]);
                line.append(String.format(Locale.ROOT, " %s %.3f s (cpu %.3f)", e.getKey(), e.getValue()[0],
                        e.getValue()[1]));
            }
            for (int t : steps) {
                line.append(String.format(Locale.ROOT, "; t%d/vae %.2f", t, r.get("cf-sfl-t" + t)[0]
                        / r.get("mult-vae")[0]));
            }
            System.out.println(line);
        }
        double vae = median(medians.get("mult-vae"));
        double vaeCpu = median(cpuMedians.get("mult-vae"));
        double sd = median(medians.get("mult-vae-samediff"));
        System.out.printf(Locale.ROOT, "SUMMARY median over rounds of the median epoch: mult-vae %.3f s (cpu %.3f), "
                + "mult-vae on SameDiff %.3f s (cpu %.3f)%n", vae, vaeCpu, sd, median(cpuMedians.get(
                "mult-vae-samediff")));
        for (int t : steps) {
            double c = median(medians.get("cf-sfl-t" + t));
            double cc = median(cpuMedians.get("cf-sfl-t" + t));
            System.out.printf(Locale.ROOT, "SUMMARY cf-sfl T=%d joint epoch %.3f s (cpu %.3f): %.2fx mult-vae (cpu "
                    + "%.2fx), %.2fx mult-vae on SameDiff%n", t, c, cc, c / vae, cc / vaeCpu, c / sd);
        }
    }

    /** {median epoch wall s, median epoch cpu s} of a Mult-VAE run. */
    private static double[] multVae(MultVaeBenchmark.Split split, int epochs, int threads, long seed,
                                    boolean sameDiff) {
        Params params = MultVaeRecommender.DESCRIPTOR.params().validate(Map.of("epochs", epochs, "threads", threads),
                "");
        AutoencoderTrainer trainer = new AutoencoderTrainer(AutoencoderSettings.from(MultVaeRecommender.ID, true,
                params));
        trainer.useSameDiff(sameDiff);
        Timing ctx = new Timing(seed, "seconds", "mult-vae" + (sameDiff ? " (samediff)" : ""));
        Model model = trainer.fit(split.train, ctx);
        return ctx.summary(model, split);
    }

    /** {median joint epoch wall s, median joint epoch cpu s} of a CF-SFL run. */
    private static double[] cfSfl(MultVaeBenchmark.Split split, int t, int jointEpochs, int threads, long seed) {
        Params params = CfSflRecommender.DESCRIPTOR.params().validate(Map.of("epochs", 2, "threads", threads,
                "feedbackSteps", t, "rewardPretrainEpochs", 1, "jointEpochs", jointEpochs), "");
        Timing ctx = new Timing(seed, "joint/sfl_seconds", "cf-sfl T=" + t);
        Model model = new CfSflRecommender().fit(split.train, params, ctx);
        return ctx.summary(model, split);
    }

    private static double median(List<Double> values) {
        return MultVaeBenchmark.median(values.stream().mapToDouble(Double::doubleValue).toArray(), 0);
    }

    /** Collects the epoch times of one metric and the process CPU time between its points. */
    private static final class Timing implements RunContext {
        private final long seed;
        private final String metric;
        private final String label;
        private final List<Double> wall = new ArrayList<>();
        private final List<Double> cpu = new ArrayList<>();
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private long lastCpu = os.getProcessCpuTime();

        Timing(long seed, String metric, String label) {
            this.seed = seed;
            this.metric = metric;
            this.label = label;
        }

        double[] summary(Model model, MultVaeBenchmark.Split split) {
            double[] w = wall.stream().mapToDouble(Double::doubleValue).toArray();
            double[] c = cpu.stream().mapToDouble(Double::doubleValue).toArray();
            double[] quality = MultVaeBenchmark.evaluate(model, split);
            double[] out = {MultVaeBenchmark.median(w, 1), MultVaeBenchmark.median(c, 1)};
            System.out.printf(Locale.ROOT, "RESULT %s epochs=%d median_epoch_s=%.4f median_epoch_cpu_s=%.4f "
                    + "ndcg100=%.4f%n", label.replace(' ', '_'), w.length, out[0], out[1], quality[0]);
            return out;
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
            if (name.equals(metric)) {
                long now = os.getProcessCpuTime();
                wall.add(value);
                cpu.add((now - lastCpu) / 1e9);
                lastCpu = now;
                System.out.printf(Locale.ROOT, "%s epoch %d: %.4f s, cpu %.4f s%n", label, step, value,
                        cpu.get(cpu.size() - 1));
            } else if (name.endsWith("seconds")) {
                lastCpu = os.getProcessCpuTime();
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
