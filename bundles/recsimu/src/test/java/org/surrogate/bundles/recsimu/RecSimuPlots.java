package org.surrogate.bundles.recsimu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.surrogate.bundles.commons.plot.SvgChart;

/**
 * Redraws the charts of the simulator-accuracy protocol from recorded results, with the protocol's own
 * chart code ({@link AccuracyPlots}): the per-trial charts of one seed (training curves, AUC/F1 with the
 * bootstrap intervals of that trial), and AUC/F1 as mean ± sd over all seeds. Reads the CSVs written
 * by {@code docs/results/recsimu-ml100k/collect.py}: curves {@code seed,curve,step,value} (curve
 * {@code label/name}) and results {@code seed,name,value}. Not a test:
 * <pre>
 * mvn -o -q -f bundles/recsimu/pom.xml test-compile exec:java \
 *     -Dexec.mainClass=org.surrogate.bundles.recsimu.RecSimuPlots \
 *     -Dexec.args="CURVES.csv RESULTS.csv SEED OUT_PREFIX"
 * </pre>
 * writes {@code OUT_PREFIX-seedSEED-<chart>.svg} for every chart of {@link AccuracyPlots} and
 * {@code OUT_PREFIX-scores-over-seeds.svg}.
 */
public final class RecSimuPlots {

    /** Simulator labels in the order of the charts (labels not listed follow in order of appearance). */
    private static final List<String> ORDER = List.of("oracle", "sim-random", "sim-lr", "sim-gru", "sim-gan",
            "sim-gan-s", "recsimu");

    private RecSimuPlots() {
    }

    /**
     * Runs the tool.
     *
     * @param args curves CSV, results CSV, seed, output prefix
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: RecSimuPlots CURVES.csv RESULTS.csv SEED OUT_PREFIX");
        }
        String seed = args[2].trim();
        Map<String, Map<String, List<double[]>>> curves = new LinkedHashMap<>();
        for (String[] row : rows(Path.of(args[0]), 4)) {
            if (!row[0].equals(seed)) {
                continue;
            }
            int slash = row[1].indexOf('/');
            if (slash <= 0) {
                throw new IllegalArgumentException(args[0] + ": curve '" + row[1] + "' is not label/name");
            }
            curves.computeIfAbsent(row[1].substring(0, slash), k -> new LinkedHashMap<>())
                    .computeIfAbsent(row[1].substring(slash + 1), k -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(row[2]), Double.parseDouble(row[3])});
        }
        // name -> seed -> value
        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        for (String[] row : rows(Path.of(args[1]), 3)) {
            results.computeIfAbsent(row[1], k -> new TreeMap<>()).put(row[0], Double.parseDouble(row[2]));
        }
        if (curves.isEmpty() && results.keySet().stream().noneMatch(n -> results.get(n).containsKey(seed))) {
            throw new IllegalArgumentException("no curve or result of seed " + seed + " in " + args[0] + " or "
                    + args[1]);
        }
        Map<String, Map<String, double[]>> trial = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> overSeeds = new LinkedHashMap<>();
        int seeds = 0;
        for (String label : labels(results)) {
            for (String metric : List.of("auc", "f1")) {
                Map<String, Double> est = results.get(label + "/" + metric);
                if (est == null) {
                    continue;
                }
                seeds = Math.max(seeds, est.size());
                if (est.containsKey(seed)) {
                    trial.computeIfAbsent(label, k -> new LinkedHashMap<>()).put(metric, new double[] {est.get(seed),
                        value(results, label + "/" + metric + ".lower", seed),
                        value(results, label + "/" + metric + ".upper", seed)});
                }
                double mean = est.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                double var = est.size() < 2 ? 0 : est.values().stream().mapToDouble(v -> (v - mean) * (v - mean))
                        .sum() / (est.size() - 1);
                double sd = Math.sqrt(var);
                overSeeds.computeIfAbsent(label, k -> new LinkedHashMap<>()).put(metric,
                        new double[] {mean, mean - sd, mean + sd});
            }
        }
        Map<String, Map<String, List<double[]>>> ordered = new LinkedHashMap<>();
        for (String label : order(curves.keySet())) {
            ordered.put(label, curves.get(label));
        }
        String prefix = args[3];
        for (Map.Entry<String, SvgChart> c : AccuracyPlots.charts(ordered, trial, "seed " + seed).entrySet()) {
            String name = c.getKey().substring(AccuracyPlots.PREFIX.length());
            write(Path.of(prefix + "-seed" + seed + "-" + name), c.getValue());
        }
        if (!overSeeds.isEmpty()) {
            write(Path.of(prefix + "-scores-over-seeds.svg"), AccuracyPlots.scoresChart(overSeeds,
                    "AUC and F1 of predicted feedback, mean ± sd over " + seeds + " seeds"));
        }
    }

    private static double value(Map<String, Map<String, Double>> results, String name, String seed) {
        Map<String, Double> v = results.get(name);
        return v == null || !v.containsKey(seed) ? Double.NaN : v.get(seed);
    }

    /** Labels with an AUC result, in {@link #ORDER} first. */
    private static List<String> labels(Map<String, Map<String, Double>> results) {
        List<String> found = new ArrayList<>();
        for (String name : results.keySet()) {
            if (name.endsWith("/auc")) {
                found.add(name.substring(0, name.length() - "/auc".length()));
            }
        }
        return order(found);
    }

    private static List<String> order(java.util.Collection<String> labels) {
        List<String> out = new ArrayList<>();
        for (String l : ORDER) {
            if (labels.contains(l)) {
                out.add(l);
            }
        }
        for (String l : labels) {
            if (!out.contains(l)) {
                out.add(l);
            }
        }
        return out;
    }

    private static List<String[]> rows(Path csv, int columns) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String[]> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] row = lines.get(i).split(",", -1);
            if (row.length != columns) {
                throw new IllegalArgumentException(csv + " line " + (i + 1) + ": expected " + columns
                        + " columns, found " + row.length);
            }
            out.add(row);
        }
        return out;
    }

    private static void write(Path path, SvgChart chart) throws IOException {
        Files.writeString(path, chart.render(), StandardCharsets.UTF_8);
        System.out.println("wrote " + path);
    }
}
