package org.surrogate.bundles.autoencoders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;
import org.surrogate.bundles.commons.plot.Point;
import org.surrogate.bundles.commons.plot.Series;
import org.surrogate.bundles.commons.plot.SvgChart;

/**
 * Tool, not a test: draws a metric of CF-SFL against its feedback steps T from the per-seed results
 * CSV that {@code docs/results/cf-sfl-ml100k/collect.py} writes (columns seed, name, value; names
 * {@code <label>/<metric>}). Two charts: the metric itself (mean over seeds with the 95 % Student-t
 * interval as error bars; labels {@code cf-sfl-t<T>} make the CF-SFL line, every label starting with
 * {@code mult-vae} a flat reference line drawn with its interval at both ends), and the paired
 * difference to a reference label per seed (same seed, same split), mean and 95 % t interval.
 *
 * <p>Arguments: {@code RESULTS_CSV OUT_PREFIX [METRIC [DATASET [REFERENCE]]]}: writes
 * {@code OUT_PREFIX.svg} and {@code OUT_PREFIX-delta.svg}; METRIC default {@code ndcg@100}, DATASET a
 * name for the titles, REFERENCE the label of the differences (default {@code mult-vae}).
 */
public final class CfSflPlot {

    private CfSflPlot() {
    }

    /**
     * Writes the charts.
     *
     * @param args see the class comment
     * @throws IOException if the CSV cannot be read or an SVG written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: CfSflPlot RESULTS_CSV OUT_PREFIX [METRIC [DATASET [REFERENCE]]]");
        }
        String metric = args.length > 2 ? args[2] : "ndcg@100";
        String dataset = args.length > 3 ? args[3] : "";
        String reference = args.length > 4 ? args[4] : "mult-vae";
        // label -> seed -> value
        Map<String, Map<Long, Double>> values = new TreeMap<>();
        List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f.length == 3 && f[1].endsWith("/" + metric)) {
                String label = f[1].substring(0, f[1].length() - metric.length() - 1);
                values.computeIfAbsent(label, k -> new TreeMap<>()).put(Long.parseLong(f[0]), Double.parseDouble(f[2]));
            }
        }
        TreeMap<Integer, String> sfl = new TreeMap<>();
        for (String label : values.keySet()) {
            if (label.matches("cf-sfl-t\\d+")) {
                sfl.put(Integer.parseInt(label.substring("cf-sfl-t".length())), label);
            }
        }
        if (sfl.isEmpty() || !values.containsKey(reference)) {
            throw new IllegalArgumentException(args[0] + ": needs cf-sfl-t<T> rows and '" + reference + "' for "
                    + metric + ", found " + values.keySet());
        }
        int first = sfl.firstKey();
        int last = sfl.lastKey();
        int seeds = values.get(reference).size();
        String prefix = dataset.isEmpty() ? "" : dataset + ": ";
        List<String> ticks = new ArrayList<>();
        for (int t = 0; t <= last; t++) {
            ticks.add("T = " + t);
        }

        List<Point> points = new ArrayList<>();
        for (Map.Entry<Integer, String> e : sfl.entrySet()) {
            points.add(point(e.getKey(), new ArrayList<>(values.get(e.getValue()).values())));
        }
        SvgChart.Builder chart = SvgChart.builder(prefix + metric + " against T (mean, 95 % t interval over " + seeds
                + " seeds)").xLabel("feedback steps T (T = 0 is Mult-VAE)").yLabel(metric)
                .xCategories(ticks).xRange(first - 0.3, last + 0.3).series(Series.line("cf-sfl", points));
        for (Map.Entry<String, Map<Long, Double>> e : values.entrySet()) {
            if (e.getKey().startsWith("mult-vae")) {
                List<Double> v = new ArrayList<>(e.getValue().values());
                chart.series(Series.line(e.getKey(), List.of(point(first - 0.15, v), point(last + 0.15, v))));
            }
        }
        Files.writeString(Path.of(args[1] + ".svg"), chart.build().render(), StandardCharsets.UTF_8);

        List<Point> deltas = new ArrayList<>();
        for (Map.Entry<Integer, String> e : sfl.entrySet()) {
            List<Double> d = new ArrayList<>();
            for (Map.Entry<Long, Double> s : values.get(e.getValue()).entrySet()) {
                Double ref = values.get(reference).get(s.getKey());
                if (ref != null) {
                    d.add(s.getValue() - ref);
                }
            }
            deltas.add(point(e.getKey(), d));
        }
        SvgChart delta = SvgChart.builder(prefix + metric + " of CF-SFL minus " + reference + ", paired by seed (mean, "
                + "95 % t interval)").xLabel("feedback steps T").yLabel("difference in " + metric)
                .xCategories(ticks).xRange(first - 0.3, last + 0.3).hLine(0).series(Series.line("cf-sfl - " + reference, deltas)).build();
        Files.writeString(Path.of(args[1] + "-delta.svg"), delta.render(), StandardCharsets.UTF_8);
        System.out.println("wrote " + args[1] + ".svg and " + args[1] + "-delta.svg");
    }

    /** The mean of the values at x with the 95 % Student-t interval (no bar for a single value). */
    private static Point point(double x, List<Double> v) {
        int n = v.size();
        double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        Point p = Point.of(x, mean);
        if (n < 2) {
            return p;
        }
        double ss = 0;
        for (double value : v) {
            ss += (value - mean) * (value - mean);
        }
        double half = new TDistribution(n - 1).inverseCumulativeProbability(0.975) * Math.sqrt(ss / (n - 1) / n);
        return p.withYError(mean - half, mean + half);
    }
}
