package org.surrogate.console.ui;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Sets the security headers of every response: a content security policy that lets pages run only
 * the server's own scripts and talk only to the server, no framing, no MIME sniffing, and no
 * referrer sent to other sites. Inline styles stay allowed because ECharts sets them on its
 * tooltips; inline scripts do not.
 */
final class SecurityHeadersFilter implements Filter {

    /** The content security policy of every response. */
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; frame-ancestors 'none';"
            + " base-uri 'self'; form-action 'self'";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (response instanceof HttpServletResponse http) {
            http.setHeader("Content-Security-Policy", POLICY);
            http.setHeader("X-Content-Type-Options", "nosniff");
            http.setHeader("X-Frame-Options", "DENY");
            http.setHeader("Referrer-Policy", "same-origin");
        }
        chain.doFilter(request, response);
    }
}
