package org.surrogate.bundles.loaders;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A delimited text format with one interaction a line: user, item, optional value and optional
 * timestamp in columns named by a header or given by position. MovieLens {@code u.data},
 * {@code ratings.dat} and {@code ratings.csv}, Last.fm {@code user_artists.dat} and the generic CSV
 * loader are all this format with different settings.
 *
 * <pre>{@code
 * RecordFormat mlCsv = DelimitedFormat.builder(",").header(true).numericIds(true).looseNames(true)
 *         .user(Column.named("userId")).item(Column.named("movieId"))
 *         .value(Column.named("rating")).time(Column.named("timestamp")).build();
 * }</pre>
 */
final class DelimitedFormat implements RecordFormat {

    /**
     * A column: by its name in the header, or by its 0-based position when there is no header.
     *
     * @param name  the header name, or null
     * @param index the 0-based position, or -1
     */
    record Column(String name, int index) {

        /**
         * Checks exactly one of name and index is given.
         *
         * @throws IllegalArgumentException otherwise
         */
        Column {
            if ((name == null) == (index < 0)) {
                throw new IllegalArgumentException("a column has either a name or an index >= 0, found " + name + ", "
                        + index);
            }
        }

        /**
         * A column found by its header name.
         *
         * @param name the name
         * @return the column
         */
        static Column named(String name) {
            return new Column(Objects.requireNonNull(name, "name"), -1);
        }

        /**
         * A column at a position.
         *
         * @param index the 0-based position
         * @return the column
         */
        static Column at(int index) {
            return new Column(null, index);
        }
    }

    private final String delimiter;
    private final boolean header;
    private final int skipLines;
    private final boolean quoted;
    private final boolean numericIds;
    private final boolean looseNames;
    private final Column user;
    private final Column item;
    private final Column value;
    private final Column time;
    private final int fieldCount;
    private final List<String> fieldNames;

    private DelimitedFormat(Builder b) {
        this.delimiter = b.delimiter;
        this.header = b.header;
        this.skipLines = b.skipLines;
        this.quoted = b.quoted;
        this.numericIds = b.numericIds;
        this.looseNames = b.looseNames;
        this.user = Objects.requireNonNull(b.user, "user column");
        this.item = Objects.requireNonNull(b.item, "item column");
        this.value = b.value;
        this.time = b.time;
        this.fieldCount = b.fieldCount;
        this.fieldNames = b.fieldNames;
        if (quoted && delimiter.length() != 1) {
            throw new IllegalArgumentException("quoted fields need a one-character delimiter, found '" + delimiter
                    + "'");
        }
    }

    /**
     * Starts a format.
     *
     * @param delimiter the text between fields, such as "," or "::"; not empty
     * @return a builder
     * @throws IllegalArgumentException if the delimiter is empty
     */
    static Builder builder(String delimiter) {
        if (delimiter == null || delimiter.isEmpty()) {
            throw new IllegalArgumentException("a delimiter must not be empty");
        }
        return new Builder(delimiter);
    }

    @Override
    public void read(LineReader in, InteractionSink sink) throws IOException {
        skipLines(in, skipLines);
        if (!header) {
            int[] cols = {user.index(), item.index(), value == null ? -1 : value.index(),
                    time == null ? -1 : time.index()};
            readData(in, sink, new Fields(in, this::positionLabel), cols, fieldCount);
            return;
        }
        String line = in.next();
        if (line == null) {
            throw in.fileError(emptyMessage(skipLines));
        }
        Fields h = new Fields(in, k -> "header field " + (k + 1));
        split(h, line);
        List<String> names = h.texts();
        int[] cols = {find(names, user, in), find(names, item, in), value == null ? -1 : find(names, value, in),
                time == null ? -1 : find(names, time, in)};
        readData(in, sink, new Fields(in, k -> "column '" + names.get(k) + "'"), cols, names.size());
    }

    private void readData(LineReader in, InteractionSink sink, Fields f, int[] cols, int fields)
            throws IOException {
        int before = in.contentLines();
        int expected = fields;
        String line;
        while ((line = in.next()) != null) {
            split(f, line);
            if (expected < 0) {
                expected = f.count();
                checkPositions(in, cols, expected);
            }
            if (f.count() != expected) {
                throw in.error("expected " + expected + " fields separated by " + show(delimiter)
                        + (header ? " (as in the header)" : "") + ", found " + f.count());
            }
            String u = numericIds ? f.numericId(cols[0]) : f.id(cols[0]);
            String i = numericIds ? f.numericId(cols[1]) : f.id(cols[1]);
            float v = cols[2] < 0 ? 1f : f.number(cols[2]);
            long t = cols[3] < 0 ? InteractionSink.NO_TIME : f.integer(cols[3]);
            sink.accept(u, i, v, t, in.line());
        }
        if (in.contentLines() == before) {
            throw in.fileError(header ? "the file has a header but no data lines" : emptyMessage(skipLines));
        }
    }

    private void split(Fields f, String line) throws MalformedFileException {
        if (quoted) {
            f.splitQuoted(line, delimiter);
        } else {
            f.split(line, delimiter);
        }
    }

    private String positionLabel(int k) {
        return fieldNames != null && k < fieldNames.size() ? "column '" + fieldNames.get(k) + "'"
                : "column " + k + " (0-based)";
    }

    private void checkPositions(LineReader in, int[] cols, int fields) throws MalformedFileException {
        for (int c : cols) {
            if (c >= fields) {
                throw in.error("column " + c + " (0-based) does not exist: the line has " + fields
                        + (fields == 1 ? " field" : " fields") + " separated by " + show(delimiter));
            }
        }
    }

    /** The position of a column in a header, or an error listing the header's columns. */
    private int find(List<String> names, Column c, LineReader in) throws MalformedFileException {
        if (c.name() == null) {
            if (c.index() >= names.size()) {
                throw in.error("column " + c.index() + " (0-based) does not exist: the header has " + names.size()
                        + " columns: " + String.join(", ", names));
            }
            return c.index();
        }
        return findColumn(names, c.name(), looseNames, in);
    }

    /**
     * The position of a named column in a header.
     *
     * @param names  the header's column names
     * @param wanted the name looked for
     * @param loose  whether case, '_', '-' and spaces are ignored ("session_id" matches "sessionId")
     * @param in     the file, for the error message
     * @return the 0-based position of the first match
     * @throws MalformedFileException if no column matches, listing the header's columns
     */
    static int findColumn(List<String> names, String wanted, boolean loose, LineReader in)
            throws MalformedFileException {
        String w = loose ? normalize(wanted) : wanted;
        for (int k = 0; k < names.size(); k++) {
            if (w.equals(loose ? normalize(names.get(k)) : names.get(k))) {
                return k;
            }
        }
        throw in.error("no column '" + wanted + "' in the header; its columns are: " + String.join(", ", names));
    }

    private static String normalize(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (c != '_' && c != '-' && c != ' ') {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Skips the first lines of a file.
     *
     * @param in the file
     * @param n  how many lines, blank or not
     * @throws IOException if the file cannot be read
     */
    static void skipLines(LineReader in, int n) throws IOException {
        for (int k = 0; k < n && in.nextRaw() != null; k++) {
            // skipped
        }
    }

    /**
     * What to say when a file has no lines to read.
     *
     * @param skipLines how many lines were skipped first
     * @return the reason
     */
    static String emptyMessage(int skipLines) {
        return skipLines == 0 ? "the file is empty"
                : "the file has no lines left after skipping " + skipLines + " (skipLines)";
    }

    /**
     * A delimiter as people read it in messages: "tab", or the text in quotes.
     *
     * @param delimiter the delimiter
     * @return the description
     */
    static String show(String delimiter) {
        return "\t".equals(delimiter) ? "tab" : "'" + delimiter + "'";
    }

    /** Builds a {@link DelimitedFormat}; every option but the delimiter, user and item has a default. */
    static final class Builder {
        private final String delimiter;
        private boolean header;
        private int skipLines;
        private boolean quoted;
        private boolean numericIds;
        private boolean looseNames;
        private Column user;
        private Column item;
        private Column value;
        private Column time;
        private int fieldCount = -1;
        private List<String> fieldNames;

        private Builder(String delimiter) {
            this.delimiter = delimiter;
        }

        /**
         * Whether the first line (after the skipped ones) names the columns; default false.
         *
         * @param header true if there is a header
         * @return this builder
         */
        Builder header(boolean header) {
            this.header = header;
            return this;
        }

        /**
         * How many lines to skip before the header or the data; default 0.
         *
         * @param n the number of lines, blank or not
         * @return this builder
         */
        Builder skipLines(int n) {
            this.skipLines = n;
            return this;
        }

        /**
         * Whether fields may be in double quotes, as in CSV; default false.
         *
         * @param quoted true to read quotes
         * @return this builder
         */
        Builder quoted(boolean quoted) {
            this.quoted = quoted;
            return this;
        }

        /**
         * Whether ids must be non-negative integers; default false (any text that is not empty).
         *
         * @param numeric true to require integers
         * @return this builder
         */
        Builder numericIds(boolean numeric) {
            this.numericIds = numeric;
            return this;
        }

        /**
         * Whether header names match ignoring case, '_', '-' and spaces; default false (exact).
         *
         * @param loose true to match loosely
         * @return this builder
         */
        Builder looseNames(boolean loose) {
            this.looseNames = loose;
            return this;
        }

        /**
         * The user column.
         *
         * @param c the column
         * @return this builder
         */
        Builder user(Column c) {
            this.user = c;
            return this;
        }

        /**
         * The item column.
         *
         * @param c the column
         * @return this builder
         */
        Builder item(Column c) {
            this.item = c;
            return this;
        }

        /**
         * The value column; without one every value is 1.
         *
         * @param c the column, or null
         * @return this builder
         */
        Builder value(Column c) {
            this.value = c;
            return this;
        }

        /**
         * The timestamp column; without one the dataset has no timestamps.
         *
         * @param c the column, or null
         * @return this builder
         */
        Builder time(Column c) {
            this.time = c;
            return this;
        }

        /**
         * Fixes the number of fields of a format without header, and names them for messages.
         *
         * @param names the names of the fields, in order
         * @return this builder
         */
        Builder fields(String... names) {
            this.fieldNames = List.of(names);
            this.fieldCount = names.length;
            return this;
        }

        /**
         * Builds the format.
         *
         * @return the format
         * @throws IllegalArgumentException if quotes are asked for with a delimiter of several characters
         */
        DelimitedFormat build() {
            return new DelimitedFormat(this);
        }
    }
}
