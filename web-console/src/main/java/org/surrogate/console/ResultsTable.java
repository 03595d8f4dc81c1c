package org.surrogate.console;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.surrogate.repository.RunRecord;
import org.surrogate.repository.RunStatus;

/**
 * Prints the results of an experiment's runs: one row per metric, one column per grid point (the
 * parameters that differ between runs), each cell the mean ± standard deviation over the seeds,
 * with the number of runs.
 */
final class ResultsTable {

    private ResultsTable() {
    }

    static void print(List<RunRecord> runs, PrintWriter out) {
        if (runs.isEmpty()) {
            out.println("no runs");
            return;
        }
        Set<String> varying = new TreeSet<>();
        for (RunRecord r : runs) {
            for (String k : r.params().keySet()) {
                for (RunRecord o : runs) {
                    if (!Objects.equals(r.params().get(k), o.params().get(k))) {
                        varying.add(k);
                    }
                }
            }
        }
        Map<String, List<RunRecord>> groups = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            StringBuilder key = new StringBuilder();
            for (String k : varying) {
                key.append(key.length() == 0 ? "" : " ").append(k).append('=').append(r.params().get(k));
            }
            groups.computeIfAbsent(key.length() == 0 ? "mean ± sd over seeds" : key.toString(),
                    k -> new ArrayList<>()).add(r);
        }
        Set<String> metrics = new LinkedHashSet<>();
        runs.forEach(r -> metrics.addAll(r.metrics().keySet()));
        List<String> header = new ArrayList<>();
        header.add("metric");
        header.addAll(groups.keySet());
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (String m : metrics) {
            List<String> row = new ArrayList<>();
            row.add(m);
            for (List<RunRecord> g : groups.values()) {
                row.add(cell(g, m));
            }
            rows.add(row);
        }
        int[] width = new int[header.size()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < rows.get(i).size(); c++) {
                String v = rows.get(i).get(c);
                line.append(c == 0 ? "" : "  ").append(v).append(" ".repeat(width[c] - v.length()));
            }
            out.println(line.toString().stripTrailing());
            if (i == 0) {
                out.println("-".repeat(line.toString().stripTrailing().length()));
            }
        }
        long failed = runs.stream().filter(r -> r.status() != RunStatus.SUCCEEDED).count();
        Set<String> fingerprints = new TreeSet<>();
        runs.forEach(r -> fingerprints.add(String.valueOf(r.fingerprint())));
        out.println(runs.size() + " runs" + (failed == 0 ? "" : ", " + failed + " not succeeded")
                + "; protocol fingerprint" + (fingerprints.size() == 1 ? " " : "s ") + String.join(", ", fingerprints));
        groups.forEach((column, g) -> {
            Set<String> fp = new TreeSet<>();
            g.forEach(r -> fp.add(String.valueOf(r.fingerprint())));
            if (fp.size() > 1) {
                out.println("WARNING: the runs of column '" + column + "' were measured under different protocols "
                        + "(fingerprints " + fp + "); their mean mixes protocols");
            }
        });
        out.flush();
    }

    private static String cell(List<RunRecord> group, String metric) {
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (RunRecord r : group) {
            Double v = r.metrics().get(metric);
            if (v != null && !v.isNaN()) {
                sum += v;
                sq += v * v;
                n++;
            }
        }
        if (n == 0) {
            return "-";
        }
        double mean = sum / n;
        if (n == 1) {
            return String.format(Locale.ROOT, "%.4f (1)", mean);
        }
        double sd = Math.sqrt(Math.max(0, (sq - n * mean * mean) / (n - 1)));
        return String.format(Locale.ROOT, "%.4f ± %.4f (%d)", mean, sd, n);
    }
}
