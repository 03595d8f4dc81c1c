package org.surrogate.bundles.surveyprotocols;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.surrogate.bundles.commons.plot.Point;
import org.surrogate.bundles.commons.plot.Series;
import org.surrogate.bundles.commons.plot.SvgChart;

/** The correlation table and the plots of the ranking-fidelity protocol. */
final class RankingFidelityPlots {

    private RankingFidelityPlots() {
    }

    /**
     * One correlation between the real and a synthetic ordering.
     *
     * @param generator the generator's label
     * @param metric    the metric
     * @param method    "kendall" or "spearman"
     * @param estimate  the correlation of the mean scores
     * @param lower     the interval's lower bound, NaN without one
     * @param upper     the upper bound, NaN without one
     * @param basis     what the interval resamples: "seeds" or "users"
     * @param seeds     the number of seeds (replicates)
     */
    record Correlation(String generator, String metric, String method, double estimate, double lower, double upper,
                       String basis, int seeds) {
    }

    /**
     * The correlations as CSV.
     *
     * @param rows the correlations
     * @return the CSV text with a header
     */
    static String correlationsCsv(List<Correlation> rows) {
        StringBuilder csv = new StringBuilder("generator,metric,method,estimate,lower,upper,interval_over,seeds\n");
        for (Correlation c : rows) {
            csv.append(field(c.generator())).append(',').append(field(c.metric())).append(',').append(c.method())
                    .append(',').append(num(c.estimate())).append(',').append(num(c.lower())).append(',')
                    .append(num(c.upper())).append(',').append(c.basis()).append(',').append(c.seeds()).append('\n');
        }
        return csv.toString();
    }

    /**
     * A metric name as part of a file name: letters, digits, '.', '_' and '-' kept, others '-'.
     *
     * @param metric the metric, such as "ndcg@10"
     * @return the safe form, such as "ndcg-10"
     */
    static String fileSafe(String metric) {
        return metric.replaceAll("[^A-Za-z0-9._-]+", "-");
    }

    /**
     * Algorithm scores, real (x) against synthetic (y), one series per generator, with intervals on both
     * axes; the first series' points are labelled with the recommenders.
     *
     * @param metric     the metric
     * @param recs       the recommender labels
     * @param sides      per side ("real" first, then each generator): per recommender {mean, lower, upper}
     * @param replicates the number of seeds, for the title
     * @return the SVG text
     */
    static String scores(String metric, List<String> recs, Map<String, List<double[]>> sides, int replicates) {
        List<double[]> real = sides.get("real");
        SvgChart.Builder chart = SvgChart.builder(metric + ": algorithm scores, real vs synthetic ("
                        + (replicates > 1 ? "means over " + replicates + " seeds, intervals over seeds"
                        : "one seed, intervals over test users") + ")")
                .xLabel(metric + " on the real data").yLabel(metric + " on the synthetic data").diagonal();
        boolean first = true;
        for (Map.Entry<String, List<double[]>> e : sides.entrySet()) {
            if ("real".equals(e.getKey())) {
                continue;
            }
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < recs.size(); i++) {
                double[] x = real.get(i);
                double[] y = e.getValue().get(i);
                points.add(Point.of(x[0], y[0]).withXError(x[1], x[2]).withYError(y[1], y[2])
                        .withLabel(first ? recs.get(i) : null));
            }
            chart.series(Series.scatter(e.getKey(), points));
            first = false;
        }
        return chart.build().render();
    }

    /**
     * Every correlation per generator (categorical x), one series per method and metric, with intervals.
     *
     * @param rows       the correlations
     * @param generators the generator labels, in order
     * @param replicates the number of seeds, for the title
     * @return the SVG text
     */
    static String correlations(List<Correlation> rows, List<String> generators, int replicates) {
        Set<String> keys = new LinkedHashSet<>();
        rows.forEach(c -> keys.add(c.method() + " " + c.metric()));
        SvgChart.Builder chart = SvgChart.builder("Ranking fidelity per generator (" + (replicates > 1
                        ? replicates + " seeds, bootstrap intervals over seeds" : "bootstrap intervals over test users")
                        + ")")
                .xCategories(generators).xLabel("generator").yLabel("rank correlation, real vs synthetic ordering")
                .yRange(-1.05, 1.05).hLine(0);
        int s = 0;
        for (String key : keys) {
            double offset = keys.size() == 1 ? 0 : (s - (keys.size() - 1) / 2.0) * 0.5 / keys.size();
            List<Point> points = new ArrayList<>();
            for (Correlation c : rows) {
                if (key.equals(c.method() + " " + c.metric())) {
                    points.add(Point.of(generators.indexOf(c.generator()) + offset, c.estimate())
                            .withYError(c.lower(), c.upper()));
                }
            }
            chart.series(Series.scatter(key, points));
            s++;
        }
        return chart.build().render();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    private static String field(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
