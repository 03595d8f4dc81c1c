package org.surrogate.framework.impl;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.FrameworkWiring;
import org.surrogate.framework.HostConfig;
import org.surrogate.framework.testbundles.TestBundles;
import org.surrogate.framework.trials.SlotBinding;
import org.surrogate.framework.trials.TrialHandle;
import org.surrogate.framework.trials.TrialRequest;
import org.surrogate.framework.trials.TrialResult;
import org.surrogate.framework.trials.TrialStatus;

/**
 * Benchmark of the plugin host (run by {@code ./surrogate bench host}, not by the test suite):
 * host start, install-to-available latency, and update latency while 8 trials run, side by side
 * with a naive in-place {@code Bundle.update} + refresh in the same container, counting the trials
 * each approach breaks.
 */
public final class HostBenchmark {

    private static final int TRIALS = 8;

    private HostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path systemBundles = Path.of(args.length > 0 ? args[0] : "framework/target/system-bundles");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path tmp = Files.createTempDirectory("surrogate-bench");
        System.out.printf("machine: %d cores, Java %s, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"));

        double[] starts = new double[rounds];
        FelixHost host = null;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            host = FelixHost.start(new HostConfig(tmp.resolve("start-" + r), systemBundles, null, false));
            starts[r] = ms(t0);
            if (r < rounds - 1) {
                host.close();
            }
        }
        System.out.println("host start in process (empty data folder; ND4J initialised once per JVM): " + stats(starts));

        host.bundles().install("score.jar", TestBundles.scoreProtocol("b.score"), null, "upload");
        double[] install = new double[rounds * 4];
        for (int r = 0; r < install.length; r++) {
            byte[] jar = TestBundles.constant("b.constant", "1.0." + r, r);
            long t0 = System.nanoTime();
            host.bundles().install("c.jar", jar, null, "upload");
            install[r] = ms(t0); // install returns once the plugin is registered and usable
            if (host.plugins().find("test-constant").isEmpty()) {
                throw new IllegalStateException("plugin not available after install returned");
            }
            host.bundles().uninstall("b.constant");
        }
        System.out.println("install to plugin available: " + stats(install));

        double[] ours = new double[rounds];
        double[] naive = new double[rounds];
        int oursFailed = 0;
        int naiveFailed = 0;
        int oursWrongVersion = 0;
        for (int r = 0; r < rounds; r++) {
            host.bundles().install("c1.jar", TestBundles.constant("b.constant", "1.0.0", 1f), null, "upload");
            List<TrialHandle> running = startTrials(host);
            long t0 = System.nanoTime();
            host.bundles().update("b.constant", "c2.jar", TestBundles.constant("b.constant", "2.0.0", 2f), null);
            ours[r] = ms(t0);
            for (TrialHandle h : running) {
                TrialResult res = h.await(Duration.ofSeconds(60));
                if (res.status() != TrialStatus.SUCCEEDED) {
                    oursFailed++;
                } else if (res.results().get("test-constant/score0") != 1.0) {
                    oursWrongVersion++;
                }
            }
            host.bundles().uninstall("b.constant");

            // The naive way: Bundle.update in place, then refresh, as a plain OSGi console would.
            host.bundles().install("c1.jar", TestBundles.constant("b.constant", "1.0.0", 1f), null, "upload");
            running = startTrials(host);
            Bundle b = Arrays.stream(host.context().getBundles())
                    .filter(x -> "b.constant".equals(x.getSymbolicName())).findFirst().orElseThrow();
            t0 = System.nanoTime();
            b.update(new ByteArrayInputStream(TestBundles.constant("b.constant", "2.0.0", 2f)));
            CountDownLatch refreshed = new CountDownLatch(1);
            host.context().getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(b), e -> refreshed.countDown());
            refreshed.await();
            naive[r] = ms(t0);
            for (TrialHandle h : running) {
                if (h.await(Duration.ofSeconds(60)).status() != TrialStatus.SUCCEEDED) {
                    naiveFailed++;
                }
            }
            host.bundles().uninstall("b.constant");
        }
        System.out.println("update while " + TRIALS + " trials run, Surrogate (side by side): " + stats(ours)
                + "; trials failed " + oursFailed + " of " + rounds * TRIALS + ", finished on the wrong version "
                + oursWrongVersion);
        System.out.println("update while " + TRIALS + " trials run, naive in-place update + refresh: " + stats(naive)
                + "; trials failed " + naiveFailed + " of " + rounds * TRIALS);
        System.out.printf("update latency ratio ours / naive (medians): %.2f%n", median(ours) / median(naive));
        host.close();
    }

    private static List<TrialHandle> startTrials(FelixHost host) throws InterruptedException {
        List<TrialHandle> out = new ArrayList<>();
        for (int i = 0; i < TRIALS; i++) {
            out.add(host.trials().start(new TrialRequest("test-score", Map.of(), Map.of("recommenders",
                    List.of(new SlotBinding("test-constant", Map.of("millis", 1500), null))), i)));
        }
        Thread.sleep(300); // every trial is inside fit() when the update comes
        return out;
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String stats(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format("median %.1f ms (min %.1f, max %.1f, n=%d)", s[s.length / 2], s[0], s[s.length - 1],
                s.length);
    }
}
