package org.surrogate.framework.bundles;

/**
 * Thrown when a bundle cannot be installed or updated: not a jar, not a bundle, a checksum that
 * does not match, imports the host cannot satisfy (such as plugins-api 2.0), a start that fails.
 * The message names the bundle and the reason; whatever was installed before is unchanged.
 */
public final class BundleRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the bundle and the reason
     * @param cause   the underlying failure, or null
     */
    public BundleRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
