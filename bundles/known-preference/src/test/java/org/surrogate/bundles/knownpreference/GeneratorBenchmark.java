package org.surrogate.bundles.knownpreference;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.generator.GeneratorModel;
import org.surrogate.api.param.Params;
import org.surrogate.api.run.RunContext;

/**
 * Throughput of the known-preference generator: interactions generated per second and peak heap, by
 * default at 1,000,000 users x 100,000 items, d = 32, 20 interactions per user (20M interactions),
 * popularity logging policy, every available processor.
 *
 * <p>Run from {@code bundles/known-preference} after {@code mvn -q -B -o install -pl
 * bundles/known-preference} in the reactor root:
 * <pre>
 * mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx16g -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     org.surrogate.bundles.knownpreference.GeneratorBenchmark [name=value ...]
 * </pre>
 * Arguments are generator parameters ({@code numUsers=100000 loggingPolicy=uniform threads=1}) plus
 * {@code seed=N}. With fewer than 1,000,000 users it also prints the time 1,000,000 users would take
 * at the measured rate, labelled as an extrapolation.
 */
public final class GeneratorBenchmark {

    private static final int FULL_USERS = 1_000_000;

    private GeneratorBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args generator parameters as name=value, and seed=N
     */
    public static void main(String[] args) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("numUsers", 1_000_000);
        values.put("numItems", 100_000);
        values.put("dimension", 32);
        values.put("interactionsPerUser", 20);
        long seed = 42;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("argument '" + a + "': expected name=value");
            }
            if (kv[0].equals("seed")) {
                seed = Long.parseLong(kv[1]);
            } else {
                values.put(kv[0], kv[1]);
            }
        }
        Params params = KnownPreferenceGenerator.DESCRIPTOR.params().validate(values, "");
        HeapMonitor heap = new HeapMonitor();
        heap.start();
        TimingContext ctx = new TimingContext(seed);
        long t0 = System.nanoTime();
        GeneratorModel model = new KnownPreferenceGenerator().fit(null, params, ctx);
        long t1 = System.nanoTime();
        ctx.buildStarted.set(0);
        Dataset data = model.sample(ctx);
        long t2 = System.nanoTime();
        heap.stopMonitor();
        report(params, data, t0, t1, ctx.buildStarted.get(), t2, heap);
    }

    private static void report(Params params, Dataset data, long t0, long t1, long tb, long t2, HeapMonitor heap) {
        double fit = (t1 - t0) / 1e9;
        double sample = (t2 - t1) / 1e9;
        double choices = ((tb == 0 ? t2 : tb) - t1) / 1e9;
        double build = tb == 0 ? 0 : (t2 - tb) / 1e9;
        int users = data.numUsers();
        System.out.println("known-preference generator benchmark");
        System.out.println("  params: " + params);
        System.out.printf(Locale.ROOT, "  machine: %d processors, max heap %.1f GB, Java %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1e9,
                System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "  dataset: %d users, %d items, %d interactions, checksum %s%n", users,
                data.numItems(), data.size(), data.checksum());
        System.out.printf(Locale.ROOT, "  fit (draw the world): %.2f s%n", fit);
        System.out.printf(Locale.ROOT, "  sample: %.2f s = slates and choices %.2f s + dataset build %.2f s%n",
                sample, choices, build);
        System.out.printf(Locale.ROOT, "  throughput: %.0f interactions/s (sample), %.0f interactions/s "
                + "(slates and choices only)%n", data.size() / sample, data.size() / choices);
        System.out.printf(Locale.ROOT, "  peak heap: %.0f MB sampled every 10 ms; %.0f MB sum of pool peaks "
                + "(an upper bound)%n", heap.maxUsed / 1e6, heap.poolPeaks() / 1e6);
        if (users < FULL_USERS && users > 0) {
            double scale = (double) FULL_USERS / users;
            System.out.printf(Locale.ROOT, "  EXTRAPOLATED (not measured) to %d users at the measured rate: "
                    + "fit %.1f s, sample %.1f s, %d interactions%n", FULL_USERS, fit * scale, sample * scale,
                    Math.round(data.size() * scale));
        }
    }

    /** Samples the used heap every 10 ms on a daemon thread. */
    private static final class HeapMonitor extends Thread {
        private volatile boolean running = true;
        private volatile long maxUsed;

        HeapMonitor() {
            super("known-preference-benchmark-heap");
            setDaemon(true);
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
        }

        @Override
        public void run() {
            while (running) {
                Runtime rt = Runtime.getRuntime();
                maxUsed = Math.max(maxUsed, rt.totalMemory() - rt.freeMemory());
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopMonitor() {
            running = false;
        }

        long poolPeaks() {
            long sum = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    sum += pool.getPeakUsage().getUsed();
                }
            }
            return sum;
        }
    }

    /** A run context that prints progress every 10% and notes when the dataset build starts. */
    private static final class TimingContext implements RunContext {
        private final long seed;
        private final AtomicLong buildStarted = new AtomicLong();
        private volatile int lastDecile = -1;

        TimingContext(long seed) {
            this.seed = seed;
        }

        @Override
        public long seed() {
            return seed;
        }

        @Override
        public synchronized void progress(double fraction, String message) {
            if (message.startsWith("building")) {
                buildStarted.set(System.nanoTime());
            }
            int decile = (int) (fraction * 10);
            if (decile != lastDecile) {
                lastDecile = decile;
                System.out.printf(Locale.ROOT, "  [%3.0f%%] %s%n", fraction * 100, message);
            }
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void metric(String name, long step, double value) {
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
            System.out.println("  " + level + " " + message);
        }
    }
}
