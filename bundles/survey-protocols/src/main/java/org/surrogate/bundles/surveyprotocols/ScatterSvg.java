package org.surrogate.bundles.surveyprotocols;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws the ranking-fidelity scatter as a standalone SVG: one panel per generator, each
 * recommender a labelled point at (score on real data, score on synthetic data), with the
 * diagonal. A point above the diagonal scores better on synthetic data than on real data; the
 * ranking is preserved when the points rise from left to right.
 */
final class ScatterSvg {

    private static final int PANEL = 320;
    private static final int MARGIN = 48;

    private ScatterSvg() {
    }

    static String render(String metric, Map<String, Map<String, Double>> real,
                         Map<String, Map<String, Map<String, Double>>> synthetic, List<String> recommenders) {
        int panels = Math.max(1, synthetic.size());
        int width = panels * (PANEL + MARGIN) + MARGIN;
        int height = PANEL + 2 * MARGIN + 20;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"13\">%s: real (x) against "
                + "synthetic (y)</text>%n", MARGIN, escape(metric)));
        int p = 0;
        for (Map.Entry<String, Map<String, Map<String, Double>>> e : synthetic.entrySet()) {
            Map<String, Map<String, Double>> syn = e.getValue();
            double max = 0;
            for (String r : recommenders) {
                max = Math.max(max, value(real, r, metric));
                max = Math.max(max, value(syn, r, metric));
            }
            max = max <= 0 || Double.isNaN(max) ? 1 : max * 1.1;
            int x0 = MARGIN + p * (PANEL + MARGIN);
            int y0 = MARGIN + 10;
            svg.append(String.format(Locale.ROOT, "<g><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                    + "stroke=\"#888\"/>%n", x0, y0, PANEL, PANEL));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ccc\" "
                    + "stroke-dasharray=\"4 3\"/>%n", x0, y0 + PANEL, x0 + PANEL, y0));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x0, y0 - 4,
                    escape(e.getKey())));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">0</text><text x=\"%d\" y=\"%d\">%.3f"
                    + "</text>%n", x0 - 10, y0 + PANEL + 12, x0 + PANEL - 30, y0 + PANEL + 12, max));
            for (String r : recommenders) {
                double vx = value(real, r, metric);
                double vy = value(syn, r, metric);
                if (Double.isNaN(vx) || Double.isNaN(vy)) {
                    continue;
                }
                double cx = x0 + vx / max * PANEL;
                double cy = y0 + PANEL - vy / max * PANEL;
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1f77b4\">"
                        + "<title>%s: real %.4f, synthetic %.4f</title></circle>%n", cx, cy, escape(r), vx, vy));
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", cx + 6, cy - 4,
                        escape(r)));
            }
            svg.append("</g>\n");
            p++;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double value(Map<String, Map<String, Double>> side, String rec, String metric) {
        Map<String, Double> m = side.get(rec);
        Double v = m == null ? null : m.get(metric);
        return v == null ? Double.NaN : v;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
