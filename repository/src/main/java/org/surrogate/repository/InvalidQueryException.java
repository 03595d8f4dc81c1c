package org.surrogate.repository;

/**
 * A search query that cannot be parsed or run. The message names the query, the position (when
 * the parser knows it) and the problem, e.g.
 * {@code invalid query 'status:(ok' at column 11: Syntax Error, cannot parse status:(ok: ...}.
 */
public class InvalidQueryException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String query;
    private final int column;

    /**
     * Creates the exception.
     *
     * @param query   the query as the user typed it
     * @param column  1-based column of the problem, or 0 if unknown
     * @param message the full message
     * @param cause   the parser's exception
     */
    public InvalidQueryException(String query, int column, String message, Throwable cause) {
        super(message, cause);
        this.query = query;
        this.column = column;
    }

    /**
     * The query that failed.
     *
     * @return the query text
     */
    public String query() {
        return query;
    }

    /**
     * Where in the query the problem is.
     *
     * @return the 1-based column, or 0 if the parser did not say
     */
    public int column() {
        return column;
    }
}
