package org.surrogate.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * The servlet context's error page (a path outside the API, an error the API did not map), as JSON
 * {@code {"error": "..."}} like the API's own errors.
 */
final class JsonServletErrorHandler extends ErrorHandler {

    @Override
    protected void generateAcceptableResponse(ServletContextRequest baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message)
            throws IOException {
        String text = (message == null || message.isBlank() ? "HTTP " + code : message) + ": "
                + request.getMethod() + " " + request.getRequestURI();
        if (code == HttpServletResponse.SC_NOT_FOUND) {
            text += "; the REST API is under /api/v1 (GET /api/v1/health, /api/v1/plugins, /api/v1/bundles,"
                    + " /api/v1/trials)";
        }
        response.setContentType("application/json;charset=utf-8");
        response.getOutputStream().write(JsonErrorHandler.bodyOf(text));
    }
}
