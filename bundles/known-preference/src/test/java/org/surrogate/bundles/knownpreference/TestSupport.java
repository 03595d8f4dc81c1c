package org.surrogate.bundles.knownpreference;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.param.Params;
import org.surrogate.api.run.RunContext;
import org.surrogate.testkit.RecordingRunContext;

/** Helpers shared by the tests: parameters, generation, and the statistics the tests compute. */
final class TestSupport {

    private TestSupport() {
    }

    static Params generatorParams(Map<String, ?> values) {
        return KnownPreferenceGenerator.DESCRIPTOR.params().validate(values, "");
    }

    static Params simulatorParams(Map<String, ?> values) {
        return KnownPreferenceSimulator.DESCRIPTOR.params().validate(values, "");
    }

    static KnownPreferenceModel fit(Map<String, ?> values, long seed) {
        return (KnownPreferenceModel) new KnownPreferenceGenerator().fit(null, generatorParams(values),
                new RecordingRunContext(seed));
    }

    static Dataset generate(Map<String, ?> values, long seed) {
        return fit(values, seed).sample(new RecordingRunContext(seed));
    }

    /** The activity (interactions per user) of every user. */
    static int[] activity(Dataset data) {
        int[] out = new int[data.numUsers()];
        for (int u = 0; u < out.length; u++) {
            out[u] = data.degree(u);
        }
        return out;
    }

    /**
     * The two-sample Kolmogorov-Smirnov statistic: the largest distance between the empirical
     * distribution functions of two samples of integers.
     */
    static double ks(int[] a, int[] b) {
        int[] x = a.clone();
        int[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            int v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] == v) {
                i++;
            }
            while (j < y.length && y[j] == v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }

    /** Spearman's rank correlation (average ranks for ties). */
    static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double ma = mean(ra);
        double mb = mean(rb);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int k = 0; k < a.length; k++) {
            sab += (ra[k] - ma) * (rb[k] - mb);
            saa += (ra[k] - ma) * (ra[k] - ma);
            sbb += (rb[k] - mb) * (rb[k] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int k = 0; k < v.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (p, q) -> Double.compare(v[p], v[q]));
        double[] r = new double[v.length];
        for (int k = 0; k < v.length;) {
            int e = k;
            while (e + 1 < v.length && v[order[e + 1]] == v[order[k]]) {
                e++;
            }
            for (int t = k; t <= e; t++) {
                r[order[t]] = (k + e) / 2.0;
            }
            k = e + 1;
        }
        return r;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** The Gini coefficient of non-negative counts. */
    static double gini(int[] counts) {
        int[] c = counts.clone();
        Arrays.sort(c);
        double weighted = 0;
        double total = 0;
        for (int k = 0; k < c.length; k++) {
            weighted += (2.0 * (k + 1) - c.length - 1) * c[k];
            total += c[k];
        }
        return weighted / (c.length * total);
    }

    /** A run context that reports cancelled after a number of isCancelled/checkCancelled calls. */
    static RunContext cancelledAfter(long seed, int calls) {
        AtomicInteger seen = new AtomicInteger();
        return new RunContext() {
            @Override
            public long seed() {
                return seed;
            }

            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return seen.incrementAndGet() > calls;
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
            }
        };
    }
}
