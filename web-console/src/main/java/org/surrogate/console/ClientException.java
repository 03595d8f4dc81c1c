package org.surrogate.console;

/**
 * A client command failed for a reason the user can act on (no server, a refused bundle, a missing
 * file); its message is printed as it is, without a stack trace.
 */
final class ClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and how to fix it
     */
    ClientException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong and how to fix it
     * @param cause   the underlying failure
     */
    ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
