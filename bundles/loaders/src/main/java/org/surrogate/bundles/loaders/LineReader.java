package org.surrogate.bundles.loaders;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.surrogate.api.run.RunContext;

/**
 * Reads a UTF-8 text file line by line (LF, CRLF or CR endings), skipping blank lines and a leading
 * byte order mark, counting lines for error messages, and reporting progress by bytes read and
 * honouring cancellation every {@value #CHECK_EVERY} lines. Not thread-safe.
 */
final class LineReader implements Closeable {

    /** How many lines pass between progress reports and cancellation checks. */
    static final int CHECK_EVERY = 100_000;

    private final String fileName;
    private final long size;
    private final CountingStream bytes;
    private final BufferedReader reader;
    private final RunContext ctx;
    private final double progressShare;
    private int line;
    private int contentLines;

    private LineReader(Path file, RunContext ctx, double progressShare) throws IOException {
        this.fileName = file.getFileName().toString();
        this.size = Files.size(file);
        this.bytes = new CountingStream(Files.newInputStream(file));
        this.reader = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8), 1 << 16);
        this.ctx = ctx;
        this.progressShare = progressShare;
    }

    /**
     * Opens a file.
     *
     * @param file          the file
     * @param ctx           where to report progress and check cancellation, or null for neither
     * @param progressShare the progress reported once the whole file is read, in [0, 1]
     * @return the reader; close it
     * @throws NoSuchFileException if the file does not exist
     * @throws FileSystemException if it is a directory
     * @throws IOException         if it cannot be opened
     */
    static LineReader open(Path file, RunContext ctx, double progressShare) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file; check the 'path' parameter");
        }
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory; 'path' must name a data file");
        }
        return new LineReader(file, ctx, progressShare);
    }

    /**
     * The next line that is not blank.
     *
     * @return the line without its line ending, or null at the end of the file
     * @throws MalformedFileException if the line is not valid UTF-8
     * @throws IOException            if the file cannot be read
     */
    String next() throws IOException {
        while (true) {
            String s = nextRaw();
            if (s == null) {
                return null;
            }
            if (!s.isBlank()) {
                // The decoder replaces bytes that are not UTF-8 by U+FFFD; refusing them here names the
                // line, and keeps distinct ids from collapsing into one.
                if (s.indexOf('\uFFFD') >= 0) {
                    throw error("not valid UTF-8 text; convert the file to UTF-8");
                }
                contentLines++;
                return s;
            }
        }
    }

    /**
     * The next line, blank or not.
     *
     * @return the line without its line ending, or null at the end of the file
     * @throws IOException if the file cannot be read
     */
    String nextRaw() throws IOException {
        String s = reader.readLine();
        if (s == null) {
            return null;
        }
        line++;
        if (line == 1 && !s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1);
        }
        if (line % CHECK_EVERY == 0 && ctx != null) {
            ctx.checkCancelled();
            double read = size == 0 ? 1 : Math.min(1, (double) bytes.count / size);
            ctx.progress(progressShare * read, "reading " + fileName + ": " + line + " lines");
        }
        return s;
    }

    /**
     * The number of the line last returned.
     *
     * @return the 1-based line number, counting blank lines; 0 before the first
     */
    int line() {
        return line;
    }

    /**
     * How many lines that are not blank were returned by {@link #next()}.
     *
     * @return the count
     */
    int contentLines() {
        return contentLines;
    }

    /**
     * The file name, without directories.
     *
     * @return the name
     */
    String fileName() {
        return fileName;
    }

    /**
     * An error about the line last returned.
     *
     * @param reason what is wrong and what is accepted
     * @return the exception, to throw
     */
    MalformedFileException error(String reason) {
        return new MalformedFileException(fileName, line, reason);
    }

    /**
     * An error about a given line.
     *
     * @param lineNumber the 1-based line number
     * @param reason     what is wrong and what is accepted
     * @return the exception, to throw
     */
    MalformedFileException error(int lineNumber, String reason) {
        return new MalformedFileException(fileName, lineNumber, reason);
    }

    /**
     * An error about the whole file.
     *
     * @param reason what is wrong
     * @return the exception, to throw
     */
    MalformedFileException fileError(String reason) {
        return new MalformedFileException(fileName, reason);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** Counts the bytes read from the file, for progress. */
    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
