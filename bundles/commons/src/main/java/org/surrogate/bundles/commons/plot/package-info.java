/**
 * A small, dependency-free SVG chart writer for the artifacts of protocols: scatter plots and lines
 * with markers, vertical and horizontal error bars (confidence intervals), a legend, axis labels, a
 * linear or logarithmic x axis, and categorical x ticks. {@link org.surrogate.bundles.commons.plot.SvgChart}
 * is the entry point; {@link org.surrogate.bundles.commons.plot.Series} and
 * {@link org.surrogate.bundles.commons.plot.Point} are its values.
 * <pre>{@code
 * String svg = SvgChart.builder("NDCG@10 by ratio")
 *         .xLabel("synthetic / real").yLabel("NDCG@10")
 *         .series(Series.line("ease", List.of(Point.of(0, 0.44).withYError(0.43, 0.45),
 *                                              Point.of(1, 0.43))))
 *         .build().render();
 * }</pre>
 * Points whose x or y is not finite are left out (a line is broken there) and counted in a note under
 * the chart; error bounds that are not finite are not drawn. The output is a standalone, well-formed
 * SVG 1.1 document; all text is XML-escaped. Numbers are formatted with {@link java.util.Locale#ROOT}.
 */
package org.surrogate.bundles.commons.plot;
