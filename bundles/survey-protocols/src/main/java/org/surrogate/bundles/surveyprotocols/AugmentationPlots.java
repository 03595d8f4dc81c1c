package org.surrogate.bundles.surveyprotocols;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.surrogate.bundles.commons.plot.Point;
import org.surrogate.bundles.commons.plot.Series;
import org.surrogate.bundles.commons.plot.SvgChart;

/** The plots of the augmentation protocol. */
final class AugmentationPlots {

    private AugmentationPlots() {
    }

    /**
     * One recommender trained on one mix.
     *
     * @param generator the generator's label
     * @param rec       the recommender's label
     * @param ratio     the synthetic ratio, 0 for real data alone
     * @param metric    the metric
     * @param mean      the metric's mean over the real test users
     * @param lower     the lower bound of the mean's bootstrap interval over users, NaN without one
     * @param upper     the upper bound, NaN without one
     * @param delta     the mean paired difference against real-only training (0 at ratio 0)
     * @param deltaLow  the lower bound of the difference's bootstrap interval
     * @param deltaHigh the upper bound
     */
    record Row(String generator, String rec, double ratio, String metric, double mean, double lower, double upper,
               double delta, double deltaLow, double deltaHigh) {
    }

    /**
     * The metric against the ratio, one line per recommender, with intervals over users.
     *
     * @param rows      all rows
     * @param generator the generator shown
     * @param metric    the metric shown
     * @return the SVG text
     */
    static String values(List<Row> rows, String generator, String metric) {
        SvgChart.Builder chart = SvgChart.builder("Augmentation with " + generator + ": " + metric
                        + " on the real test part (95 % CI over users)")
                .xLabel("synthetic interactions added / real training interactions").yLabel(metric);
        for (String rec : recs(rows, generator, metric)) {
            List<Point> points = new ArrayList<>();
            for (Row r : rows) {
                if (r.generator().equals(generator) && r.metric().equals(metric) && r.rec().equals(rec)) {
                    points.add(Point.of(r.ratio(), r.mean()).withYError(r.lower(), r.upper()));
                }
            }
            chart.series(Series.line(rec, points));
        }
        return chart.build().render();
    }

    /**
     * The paired difference against real-only training, one line per recommender, with its interval.
     *
     * @param rows      all rows
     * @param generator the generator shown
     * @param metric    the metric shown
     * @return the SVG text
     */
    static String deltas(List<Row> rows, String generator, String metric) {
        SvgChart.Builder chart = SvgChart.builder("Augmentation with " + generator + ": change in " + metric
                        + " vs real-only (paired, 95 % CI)")
                .xLabel("synthetic interactions added / real training interactions")
                .yLabel("\u0394 " + metric).hLine(0);
        for (String rec : recs(rows, generator, metric)) {
            List<Point> points = new ArrayList<>();
            for (Row r : rows) {
                if (r.generator().equals(generator) && r.metric().equals(metric) && r.rec().equals(rec)) {
                    points.add(Point.of(r.ratio(), r.delta()).withYError(r.deltaLow(), r.deltaHigh()));
                }
            }
            chart.series(Series.line(rec, points));
        }
        return chart.build().render();
    }

    private static Set<String> recs(List<Row> rows, String generator, String metric) {
        Set<String> out = new LinkedHashSet<>();
        rows.stream().filter(r -> r.generator().equals(generator) && r.metric().equals(metric))
                .forEach(r -> out.add(r.rec()));
        return out;
    }
}
