package org.surrogate.repository;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes runs as RFC 4180 CSV (UTF-8, CRLF line ends): one row per run; columns {@code id,
 * experiment, user, status, protocol, seed, fingerprint}, then {@code param.<name>} for every
 * parameter and {@code metric.<name>} for every metric any of the runs has, in first-seen order.
 * A field containing a comma, quote, CR or LF, or with leading or trailing blanks, is quoted and
 * its quotes doubled; a missing value is an empty field.
 */
final class CsvExport {

    private CsvExport() {
    }

    static void write(List<RunRecord> runs, OutputStream out) throws IOException {
        Set<String> params = new LinkedHashSet<>();
        Set<String> metrics = new LinkedHashSet<>();
        for (RunRecord r : runs) {
            params.addAll(r.params().keySet());
            metrics.addAll(r.metrics().keySet());
        }
        // Not closed: the caller owns the stream.
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        List<String> header = new ArrayList<>(List.of("id", "experiment", "user", "status", "protocol", "seed",
                "fingerprint"));
        params.forEach(p -> header.add("param." + p));
        metrics.forEach(m -> header.add("metric." + m));
        line(w, header);
        for (RunRecord r : runs) {
            List<String> row = new ArrayList<>(List.of(str(r.id()), str(r.experimentId()), str(r.user()),
                    r.status().name(), str(r.protocol()), Long.toString(r.seed()), str(r.fingerprint())));
            params.forEach(p -> row.add(str(r.params().get(p))));
            metrics.forEach(m -> row.add(str(r.metrics().get(m))));
            line(w, row);
        }
        w.flush();
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    private static void line(Writer w, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(quote(fields.get(i)));
        }
        w.write("\r\n");
    }

    static String quote(String s) {
        boolean needs = !s.isEmpty() && (Character.isWhitespace(s.charAt(0))
                || Character.isWhitespace(s.charAt(s.length() - 1)));
        for (int i = 0; i < s.length() && !needs; i++) {
            char c = s.charAt(i);
            needs = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
