package org.surrogate.bundles.loaders;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The fields of one line, found by hand (no regular expressions) and kept as positions in the line, so
 * numbers are parsed without copying; with the conversions every format needs, whose errors name the
 * file, the line, the column and the text. Fields are trimmed of spaces and tabs. Reused from line
 * to line; not thread-safe.
 */
final class Fields {

    private final LineReader in;
    private final IntFunction<String> labels;
    private String[] source = new String[8];
    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private int count;
    /** The last id returned per field, to reuse its String (and its cached hash) when it repeats. */
    private String[] lastIds = new String[8];
    /** The Strings of numeric ids. */
    private final IdInterner ids = new IdInterner();

    /**
     * Creates the fields of a file.
     *
     * @param in     the file, for error messages
     * @param labels names a field in messages from its 0-based index, such as {@code "column 'rating'"};
     *               called only when there is an error
     */
    Fields(LineReader in, IntFunction<String> labels) {
        this.in = in;
        this.labels = labels;
    }

    /**
     * Splits a line at every occurrence of a delimiter.
     *
     * @param line      the line
     * @param delimiter the delimiter, one character or more (such as "::")
     */
    void split(String line, String delimiter) {
        count = 0;
        int from = 0;
        int at;
        while ((at = line.indexOf(delimiter, from)) >= 0) {
            add(line, from, at, true);
            from = at + delimiter.length();
        }
        add(line, from, line.length(), true);
    }

    /**
     * Splits a line at runs of spaces and tabs.
     *
     * @param line the line
     */
    void splitWhitespace(String line) {
        count = 0;
        int n = line.length();
        int k = 0;
        while (k < n) {
            while (k < n && isBlank(line.charAt(k))) {
                k++;
            }
            int from = k;
            while (k < n && !isBlank(line.charAt(k))) {
                k++;
            }
            if (k > from) {
                add(line, from, k, false);
            }
        }
    }

    /**
     * Splits a line at a one-character delimiter, reading fields in double quotes as CSV does
     * ({@code "a,b"} is one field, {@code ""} inside quotes is one quote; quoted text is not trimmed).
     * A quoted field cannot span lines.
     *
     * @param line      the line
     * @param delimiter the delimiter, one character
     * @throws MalformedFileException if a quoted field is not closed
     */
    void splitQuoted(String line, String delimiter) throws MalformedFileException {
        if (line.indexOf('"') < 0) {
            split(line, delimiter);
            return;
        }
        splitQuoted(line, delimiter.charAt(0));
    }

    private void splitQuoted(String line, char delimiter) throws MalformedFileException {
        count = 0;
        int n = line.length();
        int k = 0;
        while (true) {
            int from = k;
            while (k < n && line.charAt(k) != delimiter && isBlank(line.charAt(k))) {
                k++;
            }
            if (k < n && line.charAt(k) == '"') {
                StringBuilder text = new StringBuilder();
                k = readQuoted(line, k + 1, text);
                while (k < n && line.charAt(k) != delimiter) {
                    text.append(line.charAt(k++));
                }
                String s = text.toString();
                add(s, 0, s.length(), false);
            } else {
                k = line.indexOf(delimiter, from);
                k = k < 0 ? n : k;
                add(line, from, k, true);
            }
            if (k >= n) {
                return;
            }
            k++;
        }
    }

    /** Reads a quoted field's text from just after its opening quote; returns the index after the closing one. */
    private int readQuoted(String line, int k, StringBuilder text) throws MalformedFileException {
        int n = line.length();
        while (k < n) {
            char c = line.charAt(k++);
            if (c != '"') {
                text.append(c);
            } else if (k < n && line.charAt(k) == '"') {
                text.append('"');
                k++;
            } else {
                return k;
            }
        }
        throw in.error("field " + (count + 1) + " opens a double quote that is not closed on this line");
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private void add(String s, int from, int to, boolean trim) {
        if (count == starts.length) {
            int n = count * 2;
            source = Arrays.copyOf(source, n);
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            lastIds = Arrays.copyOf(lastIds, n);
        }
        while (trim && from < to && isBlank(s.charAt(from))) {
            from++;
        }
        while (trim && to > from && isBlank(s.charAt(to - 1))) {
            to--;
        }
        source[count] = s;
        starts[count] = from;
        ends[count] = to;
        count++;
    }

    /**
     * The number of fields of the line last split.
     *
     * @return the count, at least 1 after {@link #split}, possibly 0 after {@link #splitWhitespace}
     */
    int count() {
        return count;
    }

    /**
     * The text of a field.
     *
     * @param k the 0-based field index
     * @return the trimmed text
     */
    String text(int k) {
        return source[k].substring(starts[k], ends[k]);
    }

    /**
     * The texts of every field, such as the column names of a header.
     *
     * @return the trimmed texts
     */
    List<String> texts() {
        List<String> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add(text(k));
        }
        return out;
    }

    /**
     * An id: any text that is not empty.
     *
     * @param k the field index
     * @return the id
     * @throws MalformedFileException if the field is empty
     */
    String id(int k) throws MalformedFileException {
        if (starts[k] == ends[k]) {
            throw in.error(labels.apply(k) + ": expected an id, found an empty field");
        }
        return reuse(k);
    }

    /**
     * An id that must be a non-negative integer, written without leading zeros ("007" is "7"), the same
     * String for the same id.
     *
     * @param k the field index
     * @return the id
     * @throws MalformedFileException if the field is not a non-negative integer
     */
    String numericId(int k) throws MalformedFileException {
        String s = source[k];
        int from = starts[k];
        int to = ends[k];
        if (from == to) {
            throw in.error(labels.apply(k) + ": expected a non-negative integer id, found an empty field");
        }
        long value = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw in.error(labels.apply(k) + ": expected a non-negative integer id, found '" + text(k) + "'");
            }
            value = value * 10 + (c - '0');
            digits += value == 0 ? 0 : 1;
        }
        if (digits <= 18) {
            return ids.intern(value);
        }
        // Too long for a long: keep the text, without leading zeros.
        while (from < to - 1 && s.charAt(from) == '0') {
            from++;
        }
        return s.substring(from, to);
    }

    /** The field's text, as the same String as last time when the text is the same. */
    private String reuse(int k) {
        String last = lastIds[k];
        int len = ends[k] - starts[k];
        if (last != null && last.length() == len && source[k].regionMatches(starts[k], last, 0, len)) {
            return last;
        }
        String id = text(k);
        lastIds[k] = id;
        return id;
    }

    /**
     * A finite number, such as a rating or a weight.
     *
     * @param k the field index
     * @return the value
     * @throws MalformedFileException if the field is not a finite decimal number
     */
    float number(int k) throws MalformedFileException {
        String s = source[k];
        int from = starts[k];
        int to = ends[k];
        int len = to - from;
        // Fast paths for the usual ratings "4" and "3.5"; dividing exact integers by 10 rounds like
        // Float.parseFloat, since both give the float nearest to the decimal.
        if (len == 1 && isDigit(s.charAt(from))) {
            return s.charAt(from) - '0';
        }
        if (len == 3 && isDigit(s.charAt(from)) && s.charAt(from + 1) == '.' && isDigit(s.charAt(from + 2))) {
            return ((s.charAt(from) - '0') * 10 + (s.charAt(from + 2) - '0')) / 10f;
        }
        boolean digit = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            digit |= isDigit(c);
            if (!isDigit(c) && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                digit = false;
                break;
            }
        }
        if (digit) {
            try {
                float v = Float.parseFloat(s.substring(from, to));
                if (Float.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below, with the column and the text
            }
        }
        throw in.error(labels.apply(k) + ": expected a number, found '" + text(k) + "'");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * An integer, such as a timestamp.
     *
     * @param k the field index
     * @return the value
     * @throws MalformedFileException if the field is not an integer, or is {@link Long#MIN_VALUE}, which
     *                                the dataset builder reserves for "no timestamp"
     */
    long integer(int k) throws MalformedFileException {
        long v;
        try {
            v = Long.parseLong(source[k], starts[k], ends[k], 10);
        } catch (NumberFormatException e) {
            throw in.error(labels.apply(k) + ": expected an integer, found '" + text(k) + "'");
        }
        if (v == Long.MIN_VALUE) {
            throw in.error(labels.apply(k) + ": expected an integer above " + Long.MIN_VALUE + " (reserved), found '"
                    + text(k) + "'");
        }
        return v;
    }
}
