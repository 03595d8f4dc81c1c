package org.surrogate.bundles.fidelity;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.surrogate.api.data.Dataset;
import org.surrogate.api.run.RunContext;
import org.surrogate.bundles.commons.stats.CooccurrenceComparison;
import org.surrogate.bundles.commons.stats.PairedHistogram;

/**
 * Writes the data behind the fidelity metrics as run artifacts, for plots: CSV tables (UTF-8, header
 * row, comma-separated, numbers as Java prints them) and {@code fidelity.json} with every metric.
 * <ul>
 * <li>{@code activity.csv}: {@code count,real_users,synthetic_users}: how many users have each number of
 *     interactions (counts no dataset has are left out);</li>
 * <li>{@code popularity.csv}: {@code count,real_items,synthetic_items}, the same per item;</li>
 * <li>{@code ratings.csv} (when not both implicit): {@code bin_low,bin_high,real,synthetic}, interactions
 *     per value bin;</li>
 * <li>{@code sessions.csv} (when both have timestamps): {@code length,real_sessions,synthetic_sessions};</li>
 * <li>{@code singular_values.csv}: {@code index,real,synthetic,real_normalized,synthetic_normalized},
 *     index from 1, normalised by the Frobenius norm;</li>
 * <li>{@code cooccurrence.csv}: {@code item_a,item_b,real,synthetic}, the cosine of every pair of the
 *     reference's most popular items (original item ids of the reference);</li>
 * <li>{@code fidelity.json}: datasets, settings, metrics, omitted metrics with reasons, the binned
 *     histograms the Jensen-Shannon divergences were computed on, and the singular values.</li>
 * </ul>
 */
final class FidelityArtifacts {

    private final RunContext ctx;

    FidelityArtifacts(RunContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Writes every artifact.
     *
     * @param real      the reference profile
     * @param synthetic the compared profile
     * @param settings  the settings used
     * @param report    the computed report
     * @throws UncheckedIOException if an artifact cannot be written
     */
    void write(Profile real, Profile synthetic, FidelitySettings settings, FidelityReport report) {
        write("activity.csv", frequencies("count,real_users,synthetic_users", real.activity, synthetic.activity));
        write("popularity.csv", frequencies("count,real_items,synthetic_items", real.popularity,
                synthetic.popularity));
        PairedHistogram ratings = report.histograms.get("ratings");
        if (ratings != null) {
            write("ratings.csv", histogram("bin_low,bin_high,real,synthetic", ratings));
        }
        if (real.sessionLengths != null && synthetic.sessionLengths != null) {
            write("sessions.csv", frequencies("length,real_sessions,synthetic_sessions", real.sessionLengths,
                    synthetic.sessionLengths));
        }
        write("singular_values.csv", singularValues(report));
        write("cooccurrence.csv", cooccurrence(real.data, report.cooccurrence));
        write("fidelity.json", json(real, synthetic, settings, report));
    }

    private void write(String name, String content) {
        try (OutputStream out = ctx.createArtifact(name)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("evaluator 'fidelity': cannot write artifact '" + name + "': "
                    + e.getMessage(), e);
        }
    }

    /** Rows {@code value,a,b}: how often each value occurs in a and in b, values in increasing order. */
    static String frequencies(String header, int[] a, int[] b) {
        int max = 0;
        for (int v : a) {
            max = Math.max(max, v);
        }
        for (int v : b) {
            max = Math.max(max, v);
        }
        int[] fa = new int[max + 1];
        int[] fb = new int[max + 1];
        for (int v : a) {
            fa[v]++;
        }
        for (int v : b) {
            fb[v]++;
        }
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (int v = 0; v <= max; v++) {
            if (fa[v] != 0 || fb[v] != 0) {
                sb.append(v).append(',').append(fa[v]).append(',').append(fb[v]).append('\n');
            }
        }
        return sb.toString();
    }

    static String histogram(String header, PairedHistogram h) {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (int b = 0; b < h.bins(); b++) {
            sb.append(JsonWriter.number(h.low()[b])).append(',').append(JsonWriter.number(h.high()[b])).append(',')
                    .append(JsonWriter.number(h.first()[b])).append(',').append(JsonWriter.number(h.second()[b]))
                    .append('\n');
        }
        return sb.toString();
    }

    static String singularValues(FidelityReport r) {
        StringBuilder sb = new StringBuilder("index,real,synthetic,real_normalized,synthetic_normalized\n");
        int n = Math.max(r.svReference.length, r.svCompared.length);
        for (int i = 0; i < n; i++) {
            sb.append(i + 1).append(',')
                    .append(cell(r.svReference, i, 1)).append(',')
                    .append(cell(r.svCompared, i, 1)).append(',')
                    .append(cell(r.svReference, i, r.normReference)).append(',')
                    .append(cell(r.svCompared, i, r.normCompared)).append('\n');
        }
        return sb.toString();
    }

    private static String cell(double[] values, int i, double divisor) {
        return i < values.length && divisor > 0 ? Double.toString(values[i] / divisor) : "";
    }

    static String cooccurrence(Dataset reference, CooccurrenceComparison c) {
        StringBuilder sb = new StringBuilder("item_a,item_b,real,synthetic\n");
        int[] items = c.items();
        int p = 0;
        for (int a = 0; a < items.length; a++) {
            for (int b = a + 1; b < items.length; b++, p++) {
                sb.append(csv(reference.itemId(items[a]))).append(',').append(csv(reference.itemId(items[b])))
                        .append(',').append(c.reference()[p]).append(',').append(c.other()[p]).append('\n');
            }
        }
        return sb.toString();
    }

    /** Quotes a CSV field when it holds a comma, a quote or a line break (RFC 4180). */
    static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    static String json(Profile real, Profile synthetic, FidelitySettings s, FidelityReport r) {
        JsonWriter w = new JsonWriter().beginObject();
        w.name("evaluator").value(FidelityEvaluator.ID);
        w.name("reference").beginObject().name("name").value(real.data.name()).name("input").value("test").endObject();
        w.name("compared").beginObject().name("name").value(synthetic.data.name()).name("input").value("train")
                .endObject();
        w.name("settings").beginObject()
                .name(FidelityEvaluator.TOP_K).value(s.topK())
                .name(FidelityEvaluator.COOC_ITEMS).value(s.coocItems())
                .name(FidelityEvaluator.SV_MATRIX).value(s.svMatrix().label())
                .name(FidelityEvaluator.INCLUDE_EMPTY).value(s.includeEmpty())
                .name(FidelityEvaluator.SESSION_GAP).value(s.sessionGap()).endObject();
        w.name("metrics").object(r.metrics());
        w.name("omitted").array(r.omitted());
        w.name("histograms").beginObject();
        for (Map.Entry<String, PairedHistogram> e : r.histograms.entrySet()) {
            PairedHistogram h = e.getValue();
            w.name(e.getKey()).beginObject().name("low").array(h.low()).name("high").array(h.high())
                    .name("real").array(h.first()).name("synthetic").array(h.second()).endObject();
        }
        w.endObject();
        w.name("singularValues").beginObject().name("real").array(r.svReference).name("synthetic").array(r.svCompared)
                .name("realFrobenius").value(r.normReference).name("syntheticFrobenius").value(r.normCompared)
                .endObject();
        List<String> ids = new ArrayList<>();
        for (int i : r.cooccurrence.items()) {
            ids.add(real.data.itemId(i));
        }
        w.name("cooccurrenceItems").array(ids);
        return w.endObject().toString();
    }
}
