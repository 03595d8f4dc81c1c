package org.surrogate.bundles.fidelity;

import java.util.Map;
import java.util.TreeSet;
import org.surrogate.api.run.RunContext;
import org.surrogate.bundles.commons.stats.Binning;
import org.surrogate.bundles.commons.stats.CooccurrenceComparison;
import org.surrogate.bundles.commons.stats.CooccurrenceSimilarity;
import org.surrogate.bundles.commons.stats.DistributionDistance;
import org.surrogate.bundles.commons.stats.Gini;
import org.surrogate.bundles.commons.stats.PairedHistogram;
import org.surrogate.bundles.commons.stats.SingularValues;

/**
 * Computes the fidelity metrics of a compared dataset against a reference, in the order and with the
 * names {@link FidelityEvaluator} documents. Suffixes: {@code .real} is the reference (input
 * {@code test}), {@code .synthetic} the compared dataset (input {@code train}).
 */
final class FidelityComputation {

    /** Quantile bins of the reference's values when the values are not a small rating scale. */
    static final int VALUE_QUANTILE_BINS = 20;

    private final Profile real;
    private final Profile synthetic;
    private final FidelitySettings settings;
    private final RunContext ctx;
    private final FidelityReport report = new FidelityReport();

    FidelityComputation(Profile real, Profile synthetic, FidelitySettings settings, RunContext ctx) {
        this.real = real;
        this.synthetic = synthetic;
        this.settings = settings;
        this.ctx = ctx;
    }

    /**
     * Computes every metric.
     *
     * @return the report
     */
    FidelityReport run() {
        sizes();
        report.histograms.put("activity", counts("activity", real.activity, synthetic.activity));
        report.histograms.put("popularity", counts("popularity", real.popularity, synthetic.popularity));
        report.put("gini.real", Gini.coefficient(real.popularity));
        report.put("gini.synthetic", Gini.coefficient(synthetic.popularity));
        values();
        sessions();
        ctx.checkCancelled();
        ctx.progress(0.2, "singular values");
        spectrum();
        ctx.checkCancelled();
        ctx.progress(0.8, "item co-occurrence");
        cooccurrence();
        return report;
    }

    private void sizes() {
        report.put("users.real", real.users());
        report.put("users.synthetic", synthetic.users());
        report.put("items.real", real.items());
        report.put("items.synthetic", synthetic.items());
        report.put("interactions.real", real.data.size());
        report.put("interactions.synthetic", synthetic.data.size());
        report.put("density.real", real.density());
        report.put("density.synthetic", synthetic.density());
    }

    /** KS statistic and p-value, Wasserstein-1 and log2-binned Jensen-Shannon of two count samples. */
    private PairedHistogram counts(String prefix, int[] a, int[] b) {
        double[] x = toDoubles(a);
        double[] y = toDoubles(b);
        report.put(prefix + ".ks", DistributionDistance.ksStatistic(x, y));
        report.put(prefix + ".ks.pvalue", DistributionDistance.ksPValue(x, y));
        report.put(prefix + ".wasserstein", DistributionDistance.wasserstein1(x, y));
        PairedHistogram h = Binning.log2(a, b);
        report.put(prefix + ".js", h.jensenShannon());
        return h;
    }

    /** The rating histogram and the user and item value sums, unless both datasets are implicit. */
    private void values() {
        if (real.allOnes && synthetic.allOnes) {
            report.omit("rating.js, usersum.*, itemsum.*: every value is 1 in both datasets (implicit feedback); "
                    + "value sums equal activity and popularity");
            return;
        }
        PairedHistogram h = valueHistogram();
        report.histograms.put("ratings", h);
        report.put("rating.js", h.jensenShannon());
        report.put("usersum.ks", DistributionDistance.ksStatistic(real.userSums, synthetic.userSums));
        report.put("usersum.wasserstein", DistributionDistance.wasserstein1(real.userSums, synthetic.userSums));
        report.put("itemsum.ks", DistributionDistance.ksStatistic(real.itemSums, synthetic.itemSums));
        report.put("itemsum.wasserstein", DistributionDistance.wasserstein1(real.itemSums, synthetic.itemSums));
    }

    /**
     * One bin per distinct value when both datasets have at most {@link Profile#MAX_DISTINCT_VALUES} together;
     * else {@value #VALUE_QUANTILE_BINS} quantile bins of the reference's values ({@link Binning#values}).
     */
    private PairedHistogram valueHistogram() {
        if (real.valueCounts != null && synthetic.valueCounts != null) {
            TreeSet<Float> support = new TreeSet<>(real.valueCounts.keySet());
            support.addAll(synthetic.valueCounts.keySet());
            if (support.size() <= Profile.MAX_DISTINCT_VALUES) {
                double[] low = support.stream().mapToDouble(Float::doubleValue).toArray();
                return new PairedHistogram(low, low.clone(), weights(real.valueCounts, support),
                        weights(synthetic.valueCounts, support));
            }
        }
        return Binning.values(allValues(real), allValues(synthetic), Profile.MAX_DISTINCT_VALUES, VALUE_QUANTILE_BINS);
    }

    private static double[] weights(Map<Float, Long> counts, TreeSet<Float> support) {
        return support.stream().mapToDouble(v -> counts.getOrDefault(v, 0L)).toArray();
    }

    private static double[] allValues(Profile p) {
        double[] v = new double[p.data.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = p.data.value(k);
        }
        return v;
    }

    /** Session statistics when both datasets have timestamps. */
    private void sessions() {
        if (real.sessionLengths == null || synthetic.sessionLengths == null) {
            report.omit("session.*: needs timestamps in both datasets");
            return;
        }
        double[] a = toDoubles(real.sessionLengths);
        double[] b = toDoubles(synthetic.sessionLengths);
        report.put("session.length.ks", DistributionDistance.ksStatistic(a, b));
        report.put("session.length.wasserstein", DistributionDistance.wasserstein1(a, b));
        report.put("session.count.ks", DistributionDistance.ksStatistic(toDoubles(real.sessionsPerUser),
                toDoubles(synthetic.sessionsPerUser)));
    }

    /** The top-k singular values of both matrices, from the same random stream, and sv.relerr. */
    private void spectrum() {
        SingularValues.Entries entries = settings.svMatrix();
        report.svReference = SingularValues.top(real.data, settings.topK(), entries, ctx.random("svd"),
                ctx::checkCancelled);
        ctx.progress(0.5, "singular values of the compared dataset");
        report.svCompared = SingularValues.top(synthetic.data, settings.topK(), entries, ctx.random("svd"),
                ctx::checkCancelled);
        report.normReference = SingularValues.frobeniusNorm(real.data, entries);
        report.normCompared = SingularValues.frobeniusNorm(synthetic.data, entries);
        if (report.normReference > 0 && report.normCompared > 0) {
            report.put("sv.relerr", SingularValues.normalizedRelativeError(report.svReference,
                    report.normReference, report.svCompared, report.normCompared), "no positive reference value");
        } else {
            report.omit("sv.relerr: a matrix is all zeros (values 0)");
        }
    }

    private void cooccurrence() {
        CooccurrenceComparison c = CooccurrenceSimilarity.compare(real.data, synthetic.data, settings.coocItems());
        report.cooccurrence = c;
        report.put("cooc.mae", c.meanAbsoluteDifference());
        report.put("cooc.pearson", c.pearson(), c.pairs() < 2 ? "fewer than 2 item pairs (the reference has "
                + c.items().length + " items with interactions)" : "the cosines of a dataset are all equal");
    }

    static double[] toDoubles(int[] values) {
        double[] d = new double[values.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = values[k];
        }
        return d;
    }
}
