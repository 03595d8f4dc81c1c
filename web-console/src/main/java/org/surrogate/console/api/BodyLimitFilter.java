package org.surrogate.console.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Limits request bodies other than bundle uploads ({@code multipart/form-data}, limited by Jetty to
 * the larger upload limit): a declared length past the limit is refused at once with 413, a streamed
 * body as soon as it passes the limit ({@link BodyTooLargeException}, answered 413 by
 * {@link ErrorMapper}).
 */
public final class BodyLimitFilter implements ContainerRequestFilter {

    private final long maxBytes;

    /**
     * Creates the filter.
     *
     * @param maxBytes the largest body accepted
     */
    public BodyLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.hasEntity()) {
            return;
        }
        MediaType type = request.getMediaType();
        if (type != null && type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            return;
        }
        if (request.getLength() > maxBytes) {
            request.abortWith(AccessFeature.error(413, message(maxBytes)));
            return;
        }
        request.setEntityStream(new Limited(request.getEntityStream(), maxBytes));
    }

    /**
     * The message of a body past the limit.
     *
     * @param maxBytes the limit
     * @return the message
     */
    static String message(long maxBytes) {
        String limit = maxBytes >= 1 << 20 && maxBytes % (1 << 20) == 0 ? (maxBytes >> 20) + " MiB"
                : maxBytes + " bytes";
        return "request body too large: the API accepts up to " + limit + " of JSON or YAML (bundle uploads, sent as"
                + " multipart/form-data, have their own limit)";
    }

    /** A body past the limit, found while reading it. */
    public static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(String message) {
            super(message);
        }
    }

    /** Counts the bytes read and fails past the limit. */
    private static final class Limited extends FilterInputStream {
        private final long max;
        private long count;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            add(skipped);
            return skipped;
        }

        private void add(long n) throws BodyTooLargeException {
            count += n;
            if (count > max) {
                throw new BodyTooLargeException(message(max));
            }
        }
    }
}
