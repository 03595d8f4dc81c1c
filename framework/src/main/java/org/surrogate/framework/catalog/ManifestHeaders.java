package org.surrogate.framework.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses OSGi manifest headers such as {@code Import-Package} and {@code Require-Bundle} into
 * clauses: {@code a.b;c.d;version="[1.0,2)";resolution:=optional, e.f} gives two clauses, the first
 * with two names, one attribute and one directive. Commas and semicolons inside quotes are text.
 */
final class ManifestHeaders {

    /**
     * One clause of a header.
     *
     * @param names      the names (package names, a symbolic name)
     * @param attributes the attributes ({@code name=value}), quotes removed
     * @param directives the directives ({@code name:=value}), quotes removed
     */
    record Clause(List<String> names, Map<String, String> attributes, Map<String, String> directives) {
    }

    private ManifestHeaders() {
    }

    /**
     * Parses a header value.
     *
     * @param value the value, or null
     * @return its clauses; empty for null
     */
    static List<Clause> parse(String value) {
        List<Clause> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        for (String clause : split(value, ',')) {
            List<String> names = new ArrayList<>();
            Map<String, String> attrs = new LinkedHashMap<>();
            Map<String, String> dirs = new LinkedHashMap<>();
            for (String part : split(clause, ';')) {
                String p = part.strip();
                int eq = p.indexOf('=');
                if (eq < 0) {
                    if (!p.isEmpty()) {
                        names.add(p);
                    }
                } else if (eq > 0 && p.charAt(eq - 1) == ':') {
                    dirs.put(p.substring(0, eq - 1).strip(), unquote(p.substring(eq + 1)));
                } else {
                    String key = p.substring(0, eq).strip();
                    int colon = key.indexOf(':'); // typed attribute: name:List<String>=...
                    attrs.put(colon < 0 ? key : key.substring(0, colon), unquote(p.substring(eq + 1)));
                }
            }
            if (!names.isEmpty()) {
                out.add(new Clause(List.copyOf(names), attrs, dirs));
            }
        }
        return out;
    }

    private static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == sep && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static String unquote(String v) {
        String s = v.strip();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
