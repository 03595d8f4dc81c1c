package org.surrogate.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.surrogate.console.api.ErrorBody;

/**
 * Jetty's error page for errors raised before a request reaches the API (such as an upload past
 * the size limit), as JSON {@code {"error": "..."}} like the API's own errors.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long maxUploadBytes;

    /**
     * Creates the handler.
     *
     * @param maxUploadBytes the request size limit, named in the message of a 413
     */
    JsonErrorHandler(long maxUploadBytes) {
        this.maxUploadBytes = maxUploadBytes;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        String text = (message == null || message.isBlank() ? "HTTP " + code : message) + ": "
                + request.getMethod() + " " + request.getHttpURI().getPath();
        if (code == 413) {
            text = "request body too large (" + text + "); the server accepts up to "
                    + (maxUploadBytes >= 1 << 20 ? (maxUploadBytes >> 20) + " MB" : maxUploadBytes + " bytes");
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        response.write(true, ByteBuffer.wrap(bodyOf(text)), callback);
    }

    /**
     * The JSON of an error.
     *
     * @param message the message
     * @return {@code {"error": message}} in UTF-8
     */
    static byte[] bodyOf(String message) {
        try {
            return JSON.writeValueAsBytes(ErrorBody.of(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an error as JSON: " + e.getMessage(), e);
        }
    }
}
