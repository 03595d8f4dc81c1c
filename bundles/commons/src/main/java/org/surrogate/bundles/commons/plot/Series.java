package org.surrogate.bundles.commons.plot;

import java.util.List;

/**
 * A named set of points drawn with one colour and marker: as markers only (a scatter) or as markers
 * joined by a line in the order given.
 *
 * @param name   the legend entry, not blank
 * @param line   whether to join the points with a line
 * @param points the points, copied
 */
public record Series(String name, boolean line, List<Point> points) {

    /**
     * Checks the name and copies the points.
     *
     * @throws IllegalArgumentException if the name is blank or the points are null or hold null
     */
    public Series {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("series name must not be blank");
        }
        if (points == null || points.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("series '" + name + "': points must be a list without nulls");
        }
        points = List.copyOf(points);
    }

    /**
     * Markers only.
     *
     * @param name   the legend entry
     * @param points the points
     * @return the series
     */
    public static Series scatter(String name, List<Point> points) {
        return new Series(name, false, points);
    }

    /**
     * Markers joined by a line, in the order given; a point that cannot be drawn breaks the line.
     *
     * @param name   the legend entry
     * @param points the points
     * @return the series
     */
    public static Series line(String name, List<Point> points) {
        return new Series(name, true, points);
    }
}
