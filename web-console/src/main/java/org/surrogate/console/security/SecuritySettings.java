package org.surrogate.console.security;

import java.time.Duration;
import java.util.Objects;

/**
 * The tunable limits of the server's security: bcrypt cost, request body limits, the login rate
 * limit and session lifetimes. {@link #defaults()} are what {@code surrogate serve} uses.
 *
 * @param bcryptCost     log2 of bcrypt's rounds, in [4, 31]
 * @param maxBodyBytes   the largest request body other than a bundle upload (JSON, YAML): beyond, 413
 * @param maxUploadBytes the largest request body of any kind, bundle uploads included: beyond, 413
 * @param loginFailures  failed logins allowed per address and per user name within {@code loginWindow}
 * @param loginWindow    the window of the login rate limit
 * @param sessionIdle    a browser session ends after this long without requests
 * @param sessionMaxAge  a browser session ends this long after the login at the latest
 */
public record SecuritySettings(int bcryptCost, long maxBodyBytes, long maxUploadBytes, int loginFailures,
                               Duration loginWindow, Duration sessionIdle, Duration sessionMaxAge) {

    /** The default bcrypt cost: about 50-100 ms a hash on a current core. */
    public static final int DEFAULT_BCRYPT_COST = 10;

    /** The default limit of JSON and YAML request bodies: 1 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;

    /** The default limit of bundle uploads (and of every request body): 200 MiB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 200L << 20;

    /** The default login rate limit: 5 failures a minute per address and per user name. */
    public static final int DEFAULT_LOGIN_FAILURES = 5;

    /** Checks the values. */
    public SecuritySettings {
        if (bcryptCost < 4 || bcryptCost > 31) {
            throw new IllegalArgumentException("bcryptCost must be in [4, 31], found " + bcryptCost);
        }
        if (maxBodyBytes <= 0 || maxUploadBytes <= 0) {
            throw new IllegalArgumentException("request limits must be positive, found maxBodyBytes " + maxBodyBytes
                    + ", maxUploadBytes " + maxUploadBytes);
        }
        if (loginFailures < 1) {
            throw new IllegalArgumentException("loginFailures must be at least 1, found " + loginFailures);
        }
        Objects.requireNonNull(loginWindow, "loginWindow");
        Objects.requireNonNull(sessionIdle, "sessionIdle");
        Objects.requireNonNull(sessionMaxAge, "sessionMaxAge");
    }

    /**
     * The defaults: bcrypt cost 10, 1 MiB bodies, 200 MiB uploads, 5 failed logins a minute,
     * sessions idle for 8 hours or 24 hours old end.
     *
     * @return the defaults
     */
    public static SecuritySettings defaults() {
        return new SecuritySettings(DEFAULT_BCRYPT_COST, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_UPLOAD_BYTES,
                DEFAULT_LOGIN_FAILURES, Duration.ofMinutes(1), Duration.ofHours(8), Duration.ofHours(24));
    }

    /**
     * These settings with another upload limit.
     *
     * @param bytes the upload limit
     * @return the new settings
     */
    public SecuritySettings withMaxUploadBytes(long bytes) {
        return new SecuritySettings(bcryptCost, maxBodyBytes, bytes, loginFailures, loginWindow, sessionIdle,
                sessionMaxAge);
    }

    /**
     * These settings with another body limit.
     *
     * @param bytes the limit of JSON and YAML bodies
     * @return the new settings
     */
    public SecuritySettings withMaxBodyBytes(long bytes) {
        return new SecuritySettings(bcryptCost, bytes, maxUploadBytes, loginFailures, loginWindow, sessionIdle,
                sessionMaxAge);
    }

    /**
     * These settings with another bcrypt cost (tests use the minimum, 4).
     *
     * @param cost the cost
     * @return the new settings
     */
    public SecuritySettings withBcryptCost(int cost) {
        return new SecuritySettings(cost, maxBodyBytes, maxUploadBytes, loginFailures, loginWindow, sessionIdle,
                sessionMaxAge);
    }
}
