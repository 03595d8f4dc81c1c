package org.surrogate.bundles.fidelity;

import java.util.List;
import java.util.Map;

/**
 * A minimal JSON writer for the fidelity artifact (bundles have no Jackson): objects, arrays, strings,
 * numbers and booleans, written in one pass without indentation. NaN and infinite numbers, which JSON
 * cannot hold, are written as {@code null}. Not a parser.
 */
final class JsonWriter {

    private final StringBuilder out = new StringBuilder();
    /** Whether the next value in the current container needs a comma before it. */
    private boolean comma;

    JsonWriter beginObject() {
        separate();
        out.append('{');
        comma = false;
        return this;
    }

    JsonWriter endObject() {
        out.append('}');
        comma = true;
        return this;
    }

    JsonWriter beginArray() {
        separate();
        out.append('[');
        comma = false;
        return this;
    }

    JsonWriter endArray() {
        out.append(']');
        comma = true;
        return this;
    }

    /** Writes a member name; the next call writes its value. */
    JsonWriter name(String name) {
        separate();
        string(name);
        out.append(':');
        comma = false;
        return this;
    }

    JsonWriter value(String s) {
        separate();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        comma = true;
        return this;
    }

    JsonWriter value(double d) {
        separate();
        out.append(Double.isFinite(d) ? number(d) : "null");
        comma = true;
        return this;
    }

    JsonWriter value(boolean b) {
        separate();
        out.append(b);
        comma = true;
        return this;
    }

    JsonWriter array(double[] values) {
        beginArray();
        for (double v : values) {
            value(v);
        }
        return endArray();
    }

    JsonWriter array(List<String> values) {
        beginArray();
        for (String v : values) {
            value(v);
        }
        return endArray();
    }

    JsonWriter object(Map<String, Double> values) {
        beginObject();
        for (Map.Entry<String, Double> e : values.entrySet()) {
            name(e.getKey()).value(e.getValue());
        }
        return endObject();
    }

    private void separate() {
        if (comma) {
            out.append(',');
        }
    }

    /** Integers without a fraction, other numbers as Java prints them (valid JSON for finite doubles). */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    private void string(String s) {
        out.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
