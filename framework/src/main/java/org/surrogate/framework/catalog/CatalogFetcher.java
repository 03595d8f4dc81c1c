package org.surrogate.framework.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads catalog indexes and bundle jars from folders and over http(s) with {@code java.net.http}:
 * connect and request timeouts, a size limit for indexes and one for jars, redirects followed
 * (never from https to http), any answer but 200 refused. A remote index may only point at http(s)
 * jars, never at files on the server.
 */
public final class CatalogFetcher {

    /**
     * The limits of a fetch.
     *
     * @param connectTimeout how long to wait for a connection
     * @param indexTimeout   how long an index may take
     * @param bundleTimeout  how long a jar may take
     * @param maxIndexBytes  the largest index accepted
     * @param maxBundleBytes the largest jar accepted
     */
    public record Limits(Duration connectTimeout, Duration indexTimeout, Duration bundleTimeout, long maxIndexBytes,
                         long maxBundleBytes) {

        /** Checks the values are positive. */
        public Limits {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(indexTimeout, "indexTimeout");
            Objects.requireNonNull(bundleTimeout, "bundleTimeout");
            if (maxIndexBytes <= 0 || maxBundleBytes <= 0) {
                throw new IllegalArgumentException("size limits must be positive");
            }
        }

        /**
         * The defaults: connect 10 s, index 30 s, jar 5 min, index 8 MiB, jar 200 MiB (the upload limit).
         *
         * @return the defaults
         */
        public static Limits defaults() {
            return new Limits(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(5), 8L << 20,
                    200L << 20);
        }
    }

    /** Thrown when a catalog or a jar cannot be fetched: unreachable, timed out, not found, too large. */
    public static final class FetchException extends IOException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message names what was fetched and why it failed
         * @param cause   the underlying failure, or null
         */
        public FetchException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Limits limits;
    private final HttpClient http;

    /**
     * Creates a fetcher.
     *
     * @param limits the timeouts and size limits
     */
    public CatalogFetcher(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.http = HttpClient.newBuilder().connectTimeout(limits.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * The limits.
     *
     * @return the limits
     */
    public Limits limits() {
        return limits;
    }

    /**
     * Reads and checks a catalog's index.
     *
     * @param catalog the catalog
     * @return the index
     * @throws FetchException if it cannot be fetched
     * @throws IllegalArgumentException if it is not a valid index, naming the catalog and the entry
     */
    public CatalogIndex index(CatalogLocation catalog) throws FetchException {
        URI uri = catalog.indexUri();
        byte[] bytes = fetch(uri, limits.indexTimeout(), limits.maxIndexBytes(), "catalog '" + catalog.name() + "' index");
        return CatalogIndex.parse("catalog '" + catalog.name() + "' (" + uri + ")", bytes);
    }

    /**
     * Where a bundle's jar is: its URL resolved against the index's address.
     *
     * @param catalog the catalog that lists it
     * @param entry   the bundle
     * @return the jar's URI
     * @throws IllegalArgumentException if the URL is malformed, or a remote index points at a file
     */
    public static URI bundleUri(CatalogLocation catalog, CatalogEntry entry) {
        URI base = catalog.indexUri();
        URI resolved;
        try {
            resolved = entry.url().matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*") ? new URI(entry.url())
                    : base.resolve(new URI(null, null, entry.url(), null));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException("catalog '" + catalog.name() + "': bundle " + entry.label() + ": url '"
                    + entry.url() + "' is not a valid URL", e);
        }
        String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
        boolean web = scheme.equals("http") || scheme.equals("https");
        if (catalog.remote() ? !web : !(web || scheme.equals("file"))) {
            throw new IllegalArgumentException("catalog '" + catalog.name() + "': bundle " + entry.label() + ": url '"
                    + entry.url() + "' resolves to " + resolved + "; a " + (catalog.remote() ? "remote" : "folder")
                    + " catalog may only point at " + (catalog.remote() ? "http(s) URLs" : "files or http(s) URLs"));
        }
        return resolved;
    }

    /**
     * Fetches a bundle's jar (the caller checks its checksum).
     *
     * @param catalog the catalog that lists it
     * @param entry   the bundle
     * @return the jar's bytes
     * @throws FetchException if it cannot be fetched or is larger than the limit
     */
    public byte[] bundle(CatalogLocation catalog, CatalogEntry entry) throws FetchException {
        return fetch(bundleUri(catalog, entry), limits.bundleTimeout(), limits.maxBundleBytes(),
                "catalog '" + catalog.name() + "': bundle " + entry.label());
    }

    private byte[] fetch(URI uri, Duration timeout, long max, String what) throws FetchException {
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            Path p = Path.of(uri);
            try {
                long size = Files.size(p);
                if (size > max) {
                    throw new FetchException(what + ": " + p + " is " + size + " bytes, more than the limit of " + max,
                            null);
                }
                return Files.readAllBytes(p);
            } catch (NoSuchFileException e) {
                throw new FetchException(what + ": " + p + " does not exist", e);
            } catch (FetchException e) {
                throw e;
            } catch (IOException e) {
                throw new FetchException(what + ": cannot read " + p + ": " + e.getMessage(), e);
            }
        }
        HttpResponse<InputStream> r;
        try {
            r = http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "*/*").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new FetchException(what + ": " + uri + " did not answer within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new FetchException(what + ": cannot fetch " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(what + ": interrupted while fetching " + uri, e);
        }
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw new FetchException(what + ": " + uri + " answered HTTP " + r.statusCode(), null);
            }
            long declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > max) {
                throw new FetchException(what + ": " + uri + " is " + declared + " bytes, more than the limit of " + max,
                        null);
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw new FetchException(what + ": " + uri + " is more than the limit of " + max + " bytes", null);
            }
            return bytes;
        } catch (FetchException e) {
            throw e;
        } catch (IOException e) {
            throw new FetchException(what + ": reading " + uri + " failed: " + e, e);
        }
    }
}
