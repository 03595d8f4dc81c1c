package org.surrogate.bundles.commons.plot;

/**
 * One point of a {@link Series}: a position, optional error bounds on either axis (a confidence
 * interval) and an optional label written next to the marker. Bounds are NaN when absent; values that
 * are not finite are allowed (the chart leaves such points out).
 *
 * @param x     the x value
 * @param y     the y value
 * @param xLow  the lower x bound, or NaN
 * @param xHigh the upper x bound, or NaN
 * @param yLow  the lower y bound, or NaN
 * @param yHigh the upper y bound, or NaN
 * @param label text written next to the marker, or null
 */
public record Point(double x, double y, double xLow, double xHigh, double yLow, double yHigh, String label) {

    /**
     * A point without error bars or label.
     *
     * @param x the x value
     * @param y the y value
     * @return the point
     */
    public static Point of(double x, double y) {
        return new Point(x, y, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null);
    }

    /**
     * This point with a vertical error bar.
     *
     * @param low  the lower y bound
     * @param high the upper y bound
     * @return a new point
     */
    public Point withYError(double low, double high) {
        return new Point(x, y, xLow, xHigh, low, high, label);
    }

    /**
     * This point with a horizontal error bar.
     *
     * @param low  the lower x bound
     * @param high the upper x bound
     * @return a new point
     */
    public Point withXError(double low, double high) {
        return new Point(x, y, low, high, yLow, yHigh, label);
    }

    /**
     * This point with a label written next to its marker.
     *
     * @param text the label, or null for none
     * @return a new point
     */
    public Point withLabel(String text) {
        return new Point(x, y, xLow, xHigh, yLow, yHigh, text);
    }

    /**
     * Whether the point can be drawn: x and y finite.
     *
     * @return true when both are finite
     */
    public boolean drawable() {
        return Double.isFinite(x) && Double.isFinite(y);
    }
}
