package org.surrogate.bundles.surveyprotocols;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.surrogate.bundles.commons.plot.Point;
import org.surrogate.bundles.commons.plot.Series;
import org.surrogate.bundles.commons.plot.SvgChart;

/** The tables and plots of the privacy-fidelity protocol, from its frontier points. */
final class PrivacyPlots {

    private PrivacyPlots() {
    }

    /**
     * One CSV row per point: budget, ε, δ, then estimate, lower and upper of every correlation, attack
     * AUC and recommender accuracy measured at any point (empty where not measured).
     *
     * @param points  the points, baseline first
     * @param metrics the correlated metrics
     * @return the CSV text
     */
    static String summary(List<FrontierPoint> points, List<String> metrics) {
        List<String> columns = new ArrayList<>();
        List<Function<FrontierPoint, double[]>> getters = new ArrayList<>();
        for (String m : metrics) {
            columns.add("kendall/" + m);
            getters.add(p -> p.kendall().get(m));
            columns.add("spearman/" + m);
            getters.add(p -> p.spearman().get(m));
        }
        Set<String> attacks = new LinkedHashSet<>();
        Set<String> recs = new LinkedHashSet<>();
        points.forEach(p -> {
            attacks.addAll(p.attack().keySet());
            recs.addAll(p.accuracy().keySet());
        });
        for (String a : attacks) {
            columns.add("attack/" + a + "/auc");
            getters.add(p -> p.attack().get(a));
        }
        for (String r : recs) {
            columns.add(r + "/" + metrics.get(0));
            getters.add(p -> p.accuracy().get(r));
        }
        StringBuilder csv = new StringBuilder("point,budget,epsilon,delta");
        for (String c : columns) {
            csv.append(',').append(csv(c)).append(',').append(csv(c + ".lower")).append(',').append(csv(c + ".upper"));
        }
        csv.append('\n');
        for (FrontierPoint p : points) {
            csv.append(p.name()).append(',').append(num(p.budget())).append(',').append(num(p.epsilon())).append(',')
                    .append(num(p.delta()));
            for (Function<FrontierPoint, double[]> g : getters) {
                double[] v = g.apply(p);
                for (int k = 0; k < 3; k++) {
                    csv.append(',').append(v == null ? "" : num(v[k]));
                }
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    /**
     * Ranking fidelity (Kendall tau-b with its interval) against the first attack's AUC, one series per
     * metric; against ε (log scale) when there are no attacks.
     *
     * @param points      the points, baseline first
     * @param metrics     the correlated metrics
     * @param attacks     the attack labels, possibly empty
     * @param budgetParam the budget parameter's name
     * @return the SVG text
     */
    static String fidelity(List<FrontierPoint> points, List<String> metrics, List<String> attacks,
                           String budgetParam) {
        SvgChart.Builder chart = frame("Ranking fidelity against privacy", attacks, budgetParam)
                .yLabel("Kendall tau-b, release vs real training").yRange(-1.05, 1.05).hLine(0);
        for (String m : metrics) {
            chart.series(Series.line(m, points(points, attacks, budgetParam, m.equals(metrics.get(0)),
                    p -> p.kendall().get(m))));
        }
        return chart.build().render();
    }

    /**
     * Each recommender's accuracy (with its interval over test users) against the first attack's AUC, or
     * against ε without attacks.
     *
     * @param points       the points, baseline first
     * @param metric       the accuracy metric
     * @param recommenders the recommender labels
     * @param attacks      the attack labels, possibly empty
     * @param budgetParam  the budget parameter's name
     * @return the SVG text
     */
    static String accuracy(List<FrontierPoint> points, String metric, List<String> recommenders, List<String> attacks,
                           String budgetParam) {
        SvgChart.Builder chart = frame("Accuracy against privacy", attacks, budgetParam)
                .yLabel(metric + " on the real test part");
        for (String r : recommenders) {
            chart.series(Series.line(r, points(points, attacks, budgetParam, r.equals(recommenders.get(0)),
                    p -> p.accuracy().get(r))));
        }
        return chart.build().render();
    }

    /**
     * Every attack's AUC (with its interval) against ε, log scale; the unprotected baseline's AUCs in the
     * title.
     *
     * @param points  the points, baseline first
     * @param attacks the attack labels
     * @return the SVG text
     */
    static String attackAuc(List<FrontierPoint> points, List<String> attacks) {
        StringBuilder title = new StringBuilder("Membership attack AUC by privacy budget (unprotected:");
        for (String a : attacks) {
            double[] v = points.get(0).attack().get(a);
            title.append(String.format(Locale.ROOT, " %s %.3f", a, v == null ? Double.NaN : v[0]));
        }
        SvgChart.Builder chart = SvgChart.builder(title.append(")").toString()).logX()
                .xLabel("stated \u03b5 (log scale)").yLabel("attack AUC (0.5 = no membership signal)")
                .yRange(0, 1.02).hLine(0.5);
        for (String a : attacks) {
            List<Point> ps = new ArrayList<>();
            for (FrontierPoint p : byEpsilon(points)) {
                double[] v = p.attack().get(a);
                if (v != null && !"none".equals(p.name())) {
                    ps.add(Point.of(p.epsilon(), v[0]).withYError(v[1], v[2]));
                }
            }
            chart.series(Series.line(a, ps));
        }
        return chart.build().render();
    }

    private static SvgChart.Builder frame(String title, List<String> attacks, String budgetParam) {
        if (attacks.isEmpty()) {
            return SvgChart.builder(title + " (baseline not shown: ε = ∞)").logX()
                    .xLabel("stated \u03b5 of " + budgetParam + " (log scale)");
        }
        return SvgChart.builder(title + ": points from none (unprotected) to the strongest budget")
                .xLabel("membership attack AUC (" + attacks.get(0) + "; 0.5 = no signal)");
    }

    /** The points in order of decreasing ε (baseline first), x = first attack's AUC or ε. */
    private static List<Point> points(List<FrontierPoint> points, List<String> attacks, String budgetParam,
                                      boolean labels, Function<FrontierPoint, double[]> y) {
        List<Point> out = new ArrayList<>();
        for (FrontierPoint p : byEpsilon(points)) {
            double[] v = y.apply(p);
            if (v == null) {
                continue;
            }
            Point point;
            if (attacks.isEmpty()) {
                if ("none".equals(p.name())) {
                    continue;
                }
                point = Point.of(p.epsilon(), v[0]).withYError(v[1], v[2]);
            } else {
                double[] auc = p.attack().get(attacks.get(0));
                point = Point.of(auc[0], v[0]).withYError(v[1], v[2]).withXError(auc[1], auc[2])
                        .withLabel(labels ? p.label(budgetParam) : null);
            }
            out.add(point);
        }
        return out;
    }

    /** Baseline first, then by decreasing ε (least to most protected). */
    private static List<FrontierPoint> byEpsilon(List<FrontierPoint> points) {
        List<FrontierPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble((FrontierPoint p) -> Double.isNaN(p.epsilon()) ? Double.NEGATIVE_INFINITY
                : p.epsilon()).reversed());
        return sorted;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.valueOf(v);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
