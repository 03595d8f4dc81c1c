package org.surrogate.bundles.recsimu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.surrogate.bundles.commons.plot.Point;
import org.surrogate.bundles.commons.plot.Series;
import org.surrogate.bundles.commons.plot.SvgChart;

/**
 * The charts of the simulator-accuracy protocol, drawn with the shared SVG chart writer: the training
 * curves of the simulators and their AUC and F1 with intervals. Used by the protocol for the artifacts
 * of a trial and by the tool that redraws the charts of recorded results.
 *
 * <p>Charts, by artifact name (without the {@code .svg}):
 * <ul>
 *   <li>{@code simulator-accuracy-loss-discriminator}: {@code d_loss} per discriminator step, one series per
 *       simulator that logs it (RecSimu, GAN, GAN-s);</li>
 *   <li>{@code simulator-accuracy-loss-generator}: {@code g_loss} per generator step, one series per
 *       simulator that logs it;</li>
 *   <li>{@code simulator-accuracy-loss-classifier}: {@code loss} per step of the supervised baselines
 *       (LR, GRU), one series per simulator;</li>
 *   <li>{@code simulator-accuracy-loss-<label>}: every curve of one simulator that logs more than these
 *       (RecSimu: pre-training, and the unsupervised and supervised parts of both losses), one series per
 *       curve;</li>
 *   <li>{@code simulator-accuracy-scores}: AUC and F1 per simulator with their intervals, a dashed line at
 *       0.5 (the AUC of a random simulator).</li>
 * </ul>
 * A chart without any series is not written.
 */
final class AccuracyPlots {

    /** The artifact name prefix. */
    static final String PREFIX = "simulator-accuracy-";

    private static final Set<String> SHARED = Set.of("d_loss", "g_loss", "loss");

    private AccuracyPlots() {
    }

    /**
     * All charts of one set of curves and scores.
     *
     * @param curves per simulator label, in order: curve name (such as {@code d_loss} or
     *               {@code pretrain/g_sup}) to its points {@code {step, value}} in step order
     * @param scores per label, in order: metric ({@code auc}, {@code f1}) to {@code {estimate, lower, upper}};
     *               bounds may be NaN
     * @param note   text appended to every title (such as the seed), may be empty
     * @return the charts by artifact name (ending in {@code .svg}), in a stable order
     */
    static Map<String, SvgChart> charts(Map<String, Map<String, List<double[]>>> curves,
                                        Map<String, Map<String, double[]>> scores, String note) {
        Map<String, SvgChart> out = new LinkedHashMap<>();
        String suffix = note == null || note.isBlank() ? "" : " (" + note + ")";
        shared(curves, "d_loss", "Discriminator loss per step" + suffix, "discriminator step", "d_loss", out,
                "loss-discriminator");
        shared(curves, "g_loss", "Generator loss per step" + suffix, "generator step", "g_loss", out,
                "loss-generator");
        shared(curves, "loss", "Training loss of the supervised simulators per step" + suffix, "step",
                "cross-entropy", out, "loss-classifier");
        for (Map.Entry<String, Map<String, List<double[]>>> sim : curves.entrySet()) {
            if (sim.getValue().keySet().stream().allMatch(SHARED::contains)) {
                continue;
            }
            SvgChart.Builder b = SvgChart.builder("Training curves of " + sim.getKey() + suffix).xLabel("step")
                    .yLabel("loss");
            for (Map.Entry<String, List<double[]>> c : sim.getValue().entrySet()) {
                b.series(Series.line(c.getKey(), points(c.getValue())));
            }
            out.put(PREFIX + "loss-" + fileName(sim.getKey()) + ".svg", b.build());
        }
        if (!scores.isEmpty()) {
            out.put(PREFIX + "scores.svg", scoresChart(scores, "AUC and F1 of predicted feedback, 95 % bootstrap "
                    + "intervals" + suffix));
        }
        return out;
    }

    private static void shared(Map<String, Map<String, List<double[]>>> curves, String curve, String title,
                               String xLabel, String yLabel, Map<String, SvgChart> out, String name) {
        SvgChart.Builder b = SvgChart.builder(title).xLabel(xLabel).yLabel(yLabel);
        int n = 0;
        for (Map.Entry<String, Map<String, List<double[]>>> sim : curves.entrySet()) {
            List<double[]> points = sim.getValue().get(curve);
            if (points != null && !points.isEmpty()) {
                b.series(Series.line(sim.getKey(), points(points)));
                n++;
            }
        }
        if (n > 0) {
            out.put(PREFIX + name + ".svg", b.build());
        }
    }

    private static List<Point> points(List<double[]> steps) {
        List<Point> out = new ArrayList<>(steps.size());
        for (double[] s : steps) {
            out.add(Point.of(s[0], s[1]));
        }
        return out;
    }

    /**
     * AUC and F1 side by side at each simulator's category, with their intervals as error bars, and a
     * dashed line at 0.5; y from 0 to 1.02, so that a marker at 1 (the oracle) is drawn whole.
     *
     * @param scores per label, in order: metric to {@code {estimate, lower, upper}}
     * @param title  the title, saying what the intervals are
     * @return the chart
     */
    static SvgChart scoresChart(Map<String, Map<String, double[]>> scores, String title) {
        List<String> labels = new ArrayList<>(scores.keySet());
        SvgChart.Builder b = SvgChart.builder(title)
                .xCategories(labels).yLabel("score").yRange(0, 1.02).hLine(0.5);
        String[] metrics = {"auc", "f1"};
        for (int m = 0; m < metrics.length; m++) {
            double offset = (m - 0.5) * 0.24;
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                double[] v = scores.get(labels.get(i)).get(metrics[m]);
                if (v != null) {
                    points.add(Point.of(i + offset, v[0]).withYError(v[1], v[2]));
                }
            }
            b.series(Series.scatter(metrics[m], points));
        }
        return b.build();
    }

    /**
     * A label as part of a file name: letters, digits, dot, underscore and hyphen kept, runs of anything
     * else replaced by one hyphen.
     *
     * @param label the label
     * @return the name part
     */
    static String fileName(String label) {
        return label.replaceAll("[^A-Za-z0-9._-]+", "-");
    }
}
