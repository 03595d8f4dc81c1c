package org.surrogate.bundles.recsimu;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The off-policy validity check of {@link SimulatorAccuracyProtocol}: IPS and SNIPS estimates of
 * popularity-tempered target policies on the held-out tuples, and each simulator's own estimate of
 * the same policies' reward.
 */
final class OffPolicy {

    private final SimulatorAccuracyProtocol.HeldOut held;
    private final FeedbackMapping mapping;
    private final List<Double> exponents;
    private final int samples;
    private final double[][] policies;
    private final double[] snips;

    OffPolicy(SimulatorAccuracyProtocol.HeldOut held, FeedbackMapping mapping, List<Double> exponents, int samples) {
        this.held = held;
        this.mapping = mapping;
        this.exponents = exponents;
        this.samples = samples;
        this.policies = new double[exponents.size()][];
        for (int k = 0; k < exponents.size(); k++) {
            policies[k] = policy(held.trainCounts(), exponents.get(k));
        }
        this.snips = new double[exponents.size()];
    }

    private static double[] policy(int[] counts, double exponent) {
        double[] p = new double[counts.length];
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            p[i] = Math.pow(counts[i] + 1.0, exponent);
            sum += p[i];
        }
        for (int i = 0; i < counts.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    static String name(double exponent) {
        return String.format(Locale.ROOT, "pop%s", exponent == Math.rint(exponent)
                ? String.valueOf((long) exponent) : String.valueOf(exponent));
    }

    void report(SimulatorAccuracyProtocol.Reporter report) {
        Tuples t = held.test();
        double[] logging = policy(held.trainCounts(), 1.0);
        double[] reward = new double[t.size];
        for (int r = 0; r < t.size; r++) {
            reward[r] = mapping.rewards()[t.labels[r]];
        }
        report.value("ope", "logged/reward", Scores.mean(reward, null));
        for (int k = 0; k < policies.length; k++) {
            double sw = 0;
            double swr = 0;
            for (int r = 0; r < t.size; r++) {
                double w = policies[k][t.actions[r]] / logging[t.actions[r]];
                sw += w;
                swr += w * reward[r];
            }
            snips[k] = swr / sw;
            report.value("ope", name(exponents.get(k)) + "/ips", swr / t.size);
            report.value("ope", name(exponents.get(k)) + "/snips", snips[k]);
        }
    }

    void reportSimulator(String label, Predictor predictor, SimulatorAccuracyProtocol.Reporter report, Random rng) {
        Tuples t = held.test();
        double errors = 0;
        for (int k = 0; k < policies.length; k++) {
            double[] cdf = policies[k].clone();
            for (int i = 1; i < cdf.length; i++) {
                cdf[i] += cdf[i - 1];
            }
            int[] rows = new int[t.size * samples];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = r / samples;
            }
            Tuples drawn = t.subset(rows);
            for (int r = 0; r < rows.length; r++) {
                int i = Arrays.binarySearch(cdf, rng.nextDouble() * cdf[cdf.length - 1]);
                drawn.actions[r] = Math.min(cdf.length - 1, i < 0 ? -i - 1 : i);
                drawn.labels[r] = -1;
            }
            float[][] probs = predictor.predict(drawn);
            double sum = 0;
            for (float[] p : probs) {
                for (int c = 0; c < p.length; c++) {
                    sum += p[c] * mapping.rewards()[c];
                }
            }
            double estimate = sum / probs.length;
            String name = name(exponents.get(k));
            report.value(label, "ope/" + name + "/estimate", estimate);
            report.value(label, "ope/" + name + "/abs_error", Math.abs(estimate - snips[k]));
            errors += Math.abs(estimate - snips[k]);
        }
        report.value(label, "ope/mean_abs_error", errors / policies.length);
    }
}
