package org.surrogate.bundles.casr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.surrogate.bundles.commons.plot.Point;
import org.surrogate.bundles.commons.plot.Series;
import org.surrogate.bundles.commons.plot.SvgChart;

/**
 * Not a test: turns the {@code casr.csv} artifacts of several runs (one per seed) into the results
 * table (mean over seeds with a 95 % t-interval over seeds; per-seed paired differences against the
 * plain anchor with their per-user bootstrap intervals) and an SVG plot of NDCG@5 per variant.
 * <pre>
 * mvn -o -q -f bundles/casr/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.surrogate.bundles.casr.CasrResultsReport \
 *     -Dexec.args="docs/results/casr-beauty seed1/casr.csv seed2/casr.csv seed3/casr.csv"
 * </pre>
 * Options before the folder: {@code --title=TEXT} names the data in the plot titles (default
 * "Amazon Beauty (bounded)"); {@code --out=PREFIX} prefixes the written file names (for a second
 * report in the same folder, such as a kappa sweep: {@code --out=kappa-} writes
 * {@code kappa-results.md}, {@code kappa-ndcg5.svg}, {@code kappa-ndcg5-delta.svg}).
 */
public final class CasrResultsReport {

    private static final List<String> METRICS = List.of("f1@5", "ndcg@5", "f1@10", "ndcg@10", "f1@20", "ndcg@20");

    private CasrResultsReport() {
    }

    /** One row of a casr.csv. */
    private record Row(int seed, String model, String anchor, String variant, String metric, double mean,
                       double delta, double lower, double upper, double pT, int generated) {
    }

    /**
     * Writes {@code results.md} and {@code ndcg5.svg} into the folder.
     *
     * @param args the folder, then the casr.csv files relative to it
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        String title = "Amazon Beauty (bounded)";
        String out = "";
        int first = 0;
        for (; first < args.length && args[first].startsWith("--"); first++) {
            if (args[first].startsWith("--title=")) {
                title = args[first].substring("--title=".length());
            } else if (args[first].startsWith("--out=")) {
                out = args[first].substring("--out=".length());
            } else {
                throw new IllegalArgumentException("unknown option " + args[first] + "; known: --title=, --out=");
            }
        }
        Path dir = Path.of(args[first]);
        List<List<Row>> seeds = new ArrayList<>();
        for (int k = first + 1; k < args.length; k++) {
            seeds.add(read(dir.resolve(args[k]), k - first));
        }
        Map<String, Map<String, List<Row>>> byModel = new LinkedHashMap<>();
        for (List<Row> seed : seeds) {
            for (Row r : seed) {
                byModel.computeIfAbsent(r.model(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(r.metric(), k -> new ArrayList<>()).add(r);
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("## Means over seeds (").append(seeds.size()).append(" seeds; ± half-width of the 95 % t-interval "
                + "over seeds), values in %\n\n| model |");
        for (String m : METRICS) {
            md.append(' ').append(m).append(" |");
        }
        md.append("\n|---|");
        md.append("---|".repeat(METRICS.size())).append('\n');
        for (Map.Entry<String, Map<String, List<Row>>> e : byModel.entrySet()) {
            int n = e.getValue().get("ndcg@5").size();
            md.append("| ").append(e.getKey())
                    .append(n < seeds.size() ? " (" + n + " of " + seeds.size() + " seeds)" : "").append(" |");
            for (String m : METRICS) {
                double[] v = values(e.getValue().get(m), Row::mean);
                double h = halfWidth(v);
                md.append(Double.isNaN(h) ? String.format(Locale.ROOT, " %.2f |", 100 * mean(v))
                        : String.format(Locale.ROOT, " %.2f ± %.2f |", 100 * mean(v), 100 * h));
            }
            md.append('\n');
        }
        md.append("\n## Paired differences against the plain anchor, NDCG@5 and F1@5 (per seed: mean over test users "
                + "of augmented minus plain, bootstrap 95 % interval over users, paired t-test p), values in %\n\n"
                + "| model | generated | NDCG@5 Δ per seed [CI] (p) | F1@5 Δ per seed [CI] (p) | mean Δ NDCG@5 |\n"
                + "|---|---|---|---|---|\n");
        for (Map.Entry<String, Map<String, List<Row>>> e : byModel.entrySet()) {
            List<Row> nd = e.getValue().get("ndcg@5");
            if (nd == null || nd.get(0).variant().equals("plain")) {
                continue;
            }
            List<Row> f1 = e.getValue().get("f1@5");
            md.append("| ").append(e.getKey()).append(" | ");
            for (Row r : nd) {
                md.append(r.generated()).append(' ');
            }
            md.append("| ").append(deltas(nd)).append(" | ").append(deltas(f1)).append(" | ")
                    .append(String.format(Locale.ROOT, "%+.3f", 100 * mean(values(nd, Row::delta)))).append(" |\n");
        }
        Files.writeString(dir.resolve(out + "results.md"), md.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(out + "ndcg5.svg"), chart(byModel, title), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(out + "ndcg5-delta.svg"), deltaChart(byModel, seeds.size(), title),
                StandardCharsets.UTF_8);
        System.out.print(md);
    }

    private static String deltas(List<Row> rows) {
        StringBuilder s = new StringBuilder();
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "s%d %+.2f [%+.2f, %+.2f] (%.2g); ", r.seed(), 100 * r.delta(),
                    100 * r.lower(), 100 * r.upper(), r.pT()));
        }
        return s.toString().trim();
    }

    private static String chart(Map<String, Map<String, List<Row>>> byModel, String title) {
        List<String> names = new ArrayList<>(byModel.keySet());
        List<Point> points = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            double[] v = values(byModel.get(names.get(k)).get("ndcg@5"), Row::mean);
            double m = 100 * mean(v);
            double h = 100 * halfWidth(v);
            points.add(Double.isNaN(h) ? Point.of(k, m) : Point.of(k, m).withYError(m - h, m + h));
        }
        return SvgChart.builder("CASR on " + title + ": NDCG@5, mean over seeds with 95 % t-interval")
                .xCategories(names).yLabel("NDCG@5 (%)").size(900, 420)
                .series(Series.scatter("NDCG@5", points)).build().render();
    }

    private static String deltaChart(Map<String, Map<String, List<Row>>> byModel, int seeds, String title) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<Row>>> e : byModel.entrySet()) {
            if (!e.getValue().get("ndcg@5").get(0).variant().equals("plain")) {
                names.add(e.getKey());
            }
        }
        SvgChart.Builder b = SvgChart.builder("CASR on " + title + ": paired difference in NDCG@5 against the plain "
                        + "anchor (bootstrap 95 % CI over test users), per seed").xCategories(names)
                .yLabel("delta NDCG@5 (%)").size(900, 420)
                .hLine(0);
        for (int s = 0; s < seeds; s++) {
            List<Point> points = new ArrayList<>();
            for (int k = 0; k < names.size(); k++) {
                int seed = s + 1;
                Row r = byModel.get(names.get(k)).get("ndcg@5").stream().filter(x -> x.seed() == seed).findFirst()
                        .orElse(null);
                if (r == null) {
                    continue;
                }
                double x = k + (s - (seeds - 1) / 2.0) * 0.2;
                points.add(Point.of(x, 100 * r.delta()).withYError(100 * r.lower(), 100 * r.upper()));
            }
            b.series(Series.scatter("seed " + (s + 1), points));
        }
        return b.build().render();
    }

    private static List<Row> read(Path csv, int seed) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            rows.add(new Row(seed, f[0], f[1], f[2], f[3], Double.parseDouble(f[4]), num(f[5]), num(f[6]), num(f[7]),
                    num(f[8]), f[11].isEmpty() ? 0 : Integer.parseInt(f[11])));
        }
        return rows;
    }

    private static double num(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    private static double[] values(List<Row> rows, java.util.function.ToDoubleFunction<Row> f) {
        return rows.stream().mapToDouble(f).toArray();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double halfWidth(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        double sd = Math.sqrt(ss / (v.length - 1));
        return new TDistribution(v.length - 1).inverseCumulativeProbability(0.975) * sd / Math.sqrt(v.length);
    }
}
