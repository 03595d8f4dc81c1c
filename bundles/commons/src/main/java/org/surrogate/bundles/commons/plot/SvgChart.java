package org.surrogate.bundles.commons.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One chart rendered as a standalone SVG document: axes with ticks and labels, a title, series of
 * points (markers, optionally joined by lines) with error bars, optional reference lines, and a
 * legend on the right. Immutable; build it with {@link #builder(String)}.
 * <pre>{@code
 * SvgChart chart = SvgChart.builder("Ranking fidelity by generator")
 *         .xCategories(List.of("twin", "chung-lu")).yLabel("Kendall tau-b").yRange(-1, 1).hLine(0)
 *         .series(Series.scatter("ndcg@10", List.of(Point.of(0, 0.6).withYError(0.4, 0.8),
 *                                                   Point.of(1, 0.2).withYError(-0.2, 0.5))))
 *         .build();
 * Files.writeString(path, chart.render());
 * }</pre>
 * Points whose x or y is not finite (or, on a logarithmic x axis, whose x is not positive) are left
 * out and counted in a note under the plot; a line is broken at such a point. Ranges are taken from
 * the drawable points and their finite error bounds unless fixed with {@link Builder#xRange} or
 * {@link Builder#yRange}. Each marker carries {@code class="point"} and a {@code <title>} with its
 * values, so browsers show them on hover.
 */
public final class SvgChart {

    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final int LEFT = 72;
    private static final int TOP = 36;
    private static final int BOTTOM = 58;
    private static final int LEGEND = 180;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final int width;
    private final int height;
    private final boolean logX;
    private final List<String> categories;
    private final double[] xFixed;
    private final double[] yFixed;
    private final boolean diagonal;
    private final List<Double> hLines;
    private final List<Series> series;

    private SvgChart(Builder b) {
        this.title = b.title;
        this.xLabel = b.xLabel;
        this.yLabel = b.yLabel;
        this.width = b.width;
        this.height = b.height;
        this.logX = b.logX;
        this.categories = List.copyOf(b.categories);
        this.xFixed = b.xRange;
        this.yFixed = b.yRange;
        this.diagonal = b.diagonal;
        this.hLines = List.copyOf(b.hLines);
        this.series = List.copyOf(b.series);
    }

    /**
     * Starts a chart.
     *
     * @param title the title written above the plot, may be empty
     * @return a builder
     */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /**
     * The series, in drawing order.
     *
     * @return the series
     */
    public List<Series> series() {
        return series;
    }

    /**
     * Renders the chart.
     *
     * @return a standalone SVG document (UTF-8 text, starting with the XML declaration)
     */
    public String render() {
        int plotW = width - LEFT - LEGEND;
        int plotH = height - TOP - BOTTOM;
        int omitted = 0;
        List<Point> drawable = new ArrayList<>();
        for (Series s : series) {
            for (Point p : s.points()) {
                if (drawable(p)) {
                    drawable.add(p);
                } else {
                    omitted++;
                }
            }
        }
        double[] xr = xFixed != null ? xFixed : categories.isEmpty() ? range(drawable, true) : new double[] {-0.5,
            categories.size() - 0.5};
        double[] yr = yFixed != null ? yFixed : range(drawable, false);
        Axis x = new Axis(xr[0], xr[1], LEFT, LEFT + plotW, logX);
        Axis y = new Axis(yr[0], yr[1], TOP + plotH, TOP, false);

        StringBuilder svg = new StringBuilder(4096);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height,
                width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        // A long title is set smaller so that it fits the width (about 0.55 em a character).
        double titleSize = Math.max(8, Math.min(14, (width - LEFT - 8) / (0.55 * Math.max(1, title.length()))));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"%.1f\">%s</text>%n", LEFT,
                titleSize, escape(title)));
        axes(svg, x, y, plotW, plotH);
        svg.append(String.format(Locale.ROOT, "<clipPath id=\"plot\"><rect x=\"%d\" y=\"%d\" width=\"%d\" "
                + "height=\"%d\"/></clipPath>%n<g clip-path=\"url(#plot)\">%n", LEFT, TOP, plotW, plotH));
        references(svg, x, y);
        StringBuilder labels = new StringBuilder();
        for (int s = 0; s < series.size(); s++) {
            drawSeries(svg, labels, series.get(s), s, x, y);
        }
        // Point labels are drawn outside the clipped plot area, so a label next to an edge stays readable.
        svg.append("</g>\n").append(labels);
        legend(svg, plotW);
        if (drawable.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#888\">"
                    + "no data</text>%n", LEFT + plotW / 2, TOP + plotH / 2));
        }
        if (omitted > 0) {
            svg.append(String.format(Locale.ROOT, "<text class=\"omitted\" x=\"4\" y=\"%d\" font-size=\"10\" "
                    + "fill=\"#888\">%d point%s not shown (value not finite%s)</text>%n", height - 4, omitted,
                    omitted == 1 ? "" : "s", logX ? " or x not positive" : ""));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private boolean drawable(Point p) {
        return p.drawable() && (!logX || p.x() > 0);
    }

    private void axes(StringBuilder svg, Axis x, Axis y, int plotW, int plotH) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#444\"/>%n", LEFT, TOP, plotW, plotH));
        if (categories.isEmpty()) {
            for (double t : x.ticks()) {
                double px = x.map(t);
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
                        + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, TOP, px, TOP + plotH,
                        px, TOP + plotH + 14, x.format(t)));
            }
        } else {
            boolean rotate = categories.size() > 6;
            for (int i = 0; i < categories.size(); i++) {
                double px = x.map(i);
                if (rotate) {
                    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"end\" "
                            + "transform=\"rotate(-30 %.1f %d)\">%s</text>%n", px, TOP + plotH + 14, px, TOP + plotH + 14,
                            escape(categories.get(i))));
                } else {
                    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                            px, TOP + plotH + 14, escape(categories.get(i))));
                }
            }
        }
        for (double t : y.ticks()) {
            double py = y.map(t);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, py, LEFT + plotW, py,
                    LEFT - 4, py + 4, y.format(t)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + plotW / 2, TOP + plotH + 40, escape(xLabel)));
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 16 %d)\">%s</text>%n", TOP + plotH / 2, TOP + plotH / 2, escape(yLabel)));
    }

    private void references(StringBuilder svg, Axis x, Axis y) {
        if (diagonal) {
            double lo = Math.max(x.lo, y.lo);
            double hi = Math.min(x.hi, y.hi);
            if (lo < hi) {
                svg.append(String.format(Locale.ROOT, "<line class=\"reference\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                        + "y2=\"%.1f\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>%n", x.map(lo), y.map(lo), x.map(hi),
                        y.map(hi)));
            }
        }
        for (double h : hLines) {
            if (Double.isFinite(h) && h >= y.lo && h <= y.hi) {
                svg.append(String.format(Locale.ROOT, "<line class=\"reference\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" "
                        + "y2=\"%.1f\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>%n", LEFT, y.map(h), width - LEGEND,
                        y.map(h)));
            }
        }
    }

    private void drawSeries(StringBuilder svg, StringBuilder labels, Series s, int index, Axis x, Axis y) {
        String colour = COLOURS[index % COLOURS.length];
        svg.append("<g class=\"series\">\n");
        if (s.line()) {
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (Point p : s.points()) {
                if (!drawable(p)) {
                    pen = false;
                    continue;
                }
                path.append(pen ? " L" : (path.length() == 0 ? "M" : " M"));
                path.append(String.format(Locale.ROOT, "%.1f %.1f", x.map(p.x()), y.map(p.y())));
                pen = true;
            }
            if (path.length() > 0) {
                svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
                        path, colour));
            }
        }
        for (Point p : s.points()) {
            if (!drawable(p)) {
                continue;
            }
            double px = x.map(p.x());
            double py = y.map(p.y());
            if (Double.isFinite(p.yLow()) && Double.isFinite(p.yHigh())) {
                double a = y.map(p.yLow());
                double b = y.map(p.yHigh());
                svg.append(String.format(Locale.ROOT, "<path class=\"errorbar\" d=\"M%.1f %.1f L%.1f %.1f M%.1f %.1f "
                        + "L%.1f %.1f M%.1f %.1f L%.1f %.1f\" stroke=\"%s\"/>%n", px, a, px, b, px - 3, a, px + 3, a,
                        px - 3, b, px + 3, b, colour));
            }
            if (Double.isFinite(p.xLow()) && Double.isFinite(p.xHigh()) && (!logX || p.xLow() > 0)) {
                double a = x.map(p.xLow());
                double b = x.map(p.xHigh());
                svg.append(String.format(Locale.ROOT, "<path class=\"errorbar\" d=\"M%.1f %.1f L%.1f %.1f M%.1f %.1f "
                        + "L%.1f %.1f M%.1f %.1f L%.1f %.1f\" stroke=\"%s\"/>%n", a, py, b, py, a, py - 3, a, py + 3,
                        b, py - 3, b, py + 3, colour));
            }
            svg.append(marker(index, px, py, colour, tooltip(s, p)));
            if (p.label() != null && !p.label().isBlank()) {
                labels.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%.1f\" y=\"%.1f\" "
                        + "font-size=\"10\">%s</text>%n", px + 6, py - 5, escape(p.label())));
            }
        }
        svg.append("</g>\n");
    }

    private static String tooltip(Series s, Point p) {
        StringBuilder t = new StringBuilder(s.name());
        if (p.label() != null) {
            t.append(" ").append(p.label());
        }
        t.append(String.format(Locale.ROOT, ": x %.4g, y %.4g", p.x(), p.y()));
        if (Double.isFinite(p.yLow()) && Double.isFinite(p.yHigh())) {
            t.append(String.format(Locale.ROOT, " [%.4g, %.4g]", p.yLow(), p.yHigh()));
        }
        return escape(t.toString());
    }

    /** The marker of series {@code index}: circle, square, triangle, diamond, in turn. */
    private static String marker(int index, double x, double y, String colour, String tip) {
        String title = "<title>" + tip + "</title>";
        return switch (index % 4) {
            case 0 -> String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\">"
                    + "%s</circle>%n", x, y, colour, title);
            case 1 -> String.format(Locale.ROOT, "<rect class=\"point\" x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"7\" "
                    + "fill=\"%s\">%s</rect>%n", x - 3.5, y - 3.5, colour, title);
            case 2 -> String.format(Locale.ROOT, "<polygon class=\"point\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" "
                    + "fill=\"%s\">%s</polygon>%n", x, y - 4.5, x - 4.5, y + 3.5, x + 4.5, y + 3.5, colour, title);
            default -> String.format(Locale.ROOT, "<polygon class=\"point\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f "
                    + "%.1f,%.1f\" fill=\"%s\">%s</polygon>%n", x, y - 5, x + 5, y, x, y + 5, x - 5, y, colour, title);
        };
    }

    private void legend(StringBuilder svg, int plotW) {
        int x0 = LEFT + plotW + 14;
        for (int s = 0; s < series.size(); s++) {
            int yy = TOP + 8 + 16 * s;
            String colour = COLOURS[s % COLOURS.length];
            if (series.get(s).line()) {
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                        + "stroke-width=\"1.5\"/>%n", x0 - 6, yy, x0 + 6, yy, colour));
            }
            svg.append(marker(s, x0, yy, colour, escape(series.get(s).name())).replace("class=\"point\"",
                    "class=\"legend-marker\""));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x0 + 12, yy + 4,
                    escape(series.get(s).name())));
        }
    }

    /** The range of the drawable values on one axis, error bounds included, padded by 5 %. */
    private double[] range(List<Point> points, boolean xAxis) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Point p : points) {
            double[] values = xAxis ? new double[] {p.x(), p.xLow(), p.xHigh()} : new double[] {p.y(), p.yLow(),
                p.yHigh()};
            for (double v : values) {
                if (Double.isFinite(v) && (!xAxis || !logX || v > 0)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!xAxis) {
            for (double h : hLines) {
                if (Double.isFinite(h)) {
                    lo = Math.min(lo, h);
                    hi = Math.max(hi, h);
                }
            }
        }
        if (lo > hi) {
            return logX && xAxis ? new double[] {1, 10} : new double[] {0, 1};
        }
        if (xAxis && logX) {
            double a = Math.log10(lo);
            double b = Math.log10(hi);
            double pad = b > a ? 0.05 * (b - a) : 0.5;
            return new double[] {Math.pow(10, a - pad), Math.pow(10, b + pad)};
        }
        if (lo == hi) {
            double pad = lo == 0 ? 0.5 : Math.abs(lo) * 0.1;
            return new double[] {lo - pad, hi + pad};
        }
        double pad = 0.05 * (hi - lo);
        return new double[] {lo - pad, hi + pad};
    }

    /** XML-escapes text for element content and attribute values; null becomes empty. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    // Control characters other than tab, newline and carriage return are not allowed in XML 1.0.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** One axis: a value range mapped linearly (or by log10) to a pixel range. */
    private static final class Axis {
        final double lo;
        final double hi;
        final double p0;
        final double p1;
        final boolean log;

        Axis(double lo, double hi, double p0, double p1, boolean log) {
            this.lo = lo;
            this.hi = hi;
            this.p0 = p0;
            this.p1 = p1;
            this.log = log;
        }

        double map(double v) {
            double f = log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
            return p0 + f * (p1 - p0);
        }

        List<Double> ticks() {
            List<Double> out = new ArrayList<>();
            if (log) {
                int a = (int) Math.floor(Math.log10(lo));
                int b = (int) Math.ceil(Math.log10(hi));
                double[] mult = b - a <= 2 ? new double[] {1, 2, 5} : new double[] {1};
                for (int e = a; e <= b; e++) {
                    for (double m : mult) {
                        double v = m * Math.pow(10, e);
                        if (v >= lo && v <= hi) {
                            out.add(v);
                        }
                    }
                }
                return out;
            }
            double step = step();
            for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
                out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
            }
            return out;
        }

        double step() {
            double raw = (hi - lo) / 5;
            double mag = Math.pow(10, Math.floor(Math.log10(raw)));
            double norm = raw / mag;
            return (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
        }

        String format(double v) {
            if (log) {
                return String.format(Locale.ROOT, "%s", new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v))
                        .stripTrailingZeros().toPlainString());
            }
            int decimals = Math.max(0, (int) -Math.floor(Math.log10(step()) + 1e-9));
            return String.format(Locale.ROOT, "%." + decimals + "f", v);
        }
    }

    /** Builds a {@link SvgChart}. */
    public static final class Builder {
        private final String title;
        private String xLabel = "";
        private String yLabel = "";
        private int width = 720;
        private int height = 420;
        private boolean logX;
        private List<String> categories = List.of();
        private double[] xRange;
        private double[] yRange;
        private boolean diagonal;
        private final List<Double> hLines = new ArrayList<>();
        private final List<Series> series = new ArrayList<>();

        private Builder(String title) {
            this.title = title == null ? "" : title;
        }

        /**
         * The x axis label.
         *
         * @param label the label
         * @return this builder
         */
        public Builder xLabel(String label) {
            this.xLabel = label == null ? "" : label;
            return this;
        }

        /**
         * The y axis label.
         *
         * @param label the label
         * @return this builder
         */
        public Builder yLabel(String label) {
            this.yLabel = label == null ? "" : label;
            return this;
        }

        /**
         * The size in pixels (default 720 x 420); the legend takes the right 180.
         *
         * @param w the width, at least 300
         * @param h the height, at least 200
         * @return this builder
         * @throws IllegalArgumentException if smaller
         */
        public Builder size(int w, int h) {
            if (w < 300 || h < 200) {
                throw new IllegalArgumentException("chart size must be at least 300 x 200, found " + w + " x " + h);
            }
            this.width = w;
            this.height = h;
            return this;
        }

        /**
         * A logarithmic x axis (base 10); points with x &lt;= 0 are left out.
         *
         * @return this builder
         */
        public Builder logX() {
            this.logX = true;
            return this;
        }

        /**
         * A categorical x axis: point x = i is drawn at category i, labelled with its name.
         *
         * @param names the categories, in order
         * @return this builder
         */
        public Builder xCategories(List<String> names) {
            this.categories = List.copyOf(names);
            return this;
        }

        /**
         * Fixes the x range.
         *
         * @param lo the lower end
         * @param hi the upper end, above lo (both positive on a log axis)
         * @return this builder
         * @throws IllegalArgumentException if not lo &lt; hi, both finite
         */
        public Builder xRange(double lo, double hi) {
            this.xRange = checkRange("xRange", lo, hi);
            return this;
        }

        /**
         * Fixes the y range, say [-1, 1] for a correlation.
         *
         * @param lo the lower end
         * @param hi the upper end, above lo
         * @return this builder
         * @throws IllegalArgumentException if not lo &lt; hi, both finite
         */
        public Builder yRange(double lo, double hi) {
            this.yRange = checkRange("yRange", lo, hi);
            return this;
        }

        /**
         * Draws the diagonal y = x (dashed): for scatters of the same quantity on two sides.
         *
         * @return this builder
         */
        public Builder diagonal() {
            this.diagonal = true;
            return this;
        }

        /**
         * Draws a dashed horizontal reference line, such as 0.5 for an attack AUC or 0 for a correlation.
         *
         * @param y the y value
         * @return this builder
         */
        public Builder hLine(double y) {
            hLines.add(y);
            return this;
        }

        /**
         * Adds a series; series are drawn and listed in the legend in the order added.
         *
         * @param s the series
         * @return this builder
         */
        public Builder series(Series s) {
            if (s == null) {
                throw new IllegalArgumentException("series must not be null");
            }
            series.add(s);
            return this;
        }

        /**
         * Builds the chart.
         *
         * @return the chart
         * @throws IllegalArgumentException if a fixed x range is not positive on a log axis
         */
        public SvgChart build() {
            if (logX && xRange != null && xRange[0] <= 0) {
                throw new IllegalArgumentException("xRange must be positive on a log x axis, found [" + xRange[0]
                        + ", " + xRange[1] + "]");
            }
            return new SvgChart(this);
        }

        private static double[] checkRange(String name, double lo, double hi) {
            if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
                throw new IllegalArgumentException(name + " must be finite with lo < hi, found [" + lo + ", " + hi + "]");
            }
            return new double[] {lo, hi};
        }
    }
}
