package org.surrogate.bundles.loaders;

import java.io.IOException;

/**
 * A data file that cannot be read as its format says: a malformed line, an unknown column, an empty
 * file. The message starts with the file name and, where one is to blame, the 1-based line number:
 * {@code "u.data:3: expected 4 fields separated by tab, found 3"}.
 */
public final class MalformedFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file name, without directories. */
    private final String file;
    /** The 1-based line number, or 0 when the whole file is to blame. */
    private final int line;

    /**
     * Creates the exception for one line.
     *
     * @param file   the file name, without directories
     * @param line   the 1-based line number
     * @param reason what is wrong and what is accepted
     */
    public MalformedFileException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
    }

    /**
     * Creates the exception for the whole file.
     *
     * @param file   the file name, without directories
     * @param reason what is wrong
     */
    public MalformedFileException(String file, String reason) {
        super(file + ": " + reason);
        this.file = file;
        this.line = 0;
    }

    /**
     * The file name.
     *
     * @return the name, without directories
     */
    public String file() {
        return file;
    }

    /**
     * The line to blame.
     *
     * @return the 1-based line number, or 0 when the whole file is to blame
     */
    public int line() {
        return line;
    }
}
