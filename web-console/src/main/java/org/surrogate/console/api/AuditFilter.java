package org.surrogate.console.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;
import org.surrogate.console.security.AuditLog;
import org.surrogate.console.security.Security;

/**
 * Writes an audit entry for every request that may change state (every method but GET, HEAD and
 * OPTIONS), whatever its outcome: who (the authenticated user, or the user name a login tried, or
 * {@code anonymous}), what (method and path template), on what (the path), when, the status and,
 * for a refusal, the error message.
 */
public final class AuditFilter implements ContainerResponseFilter {

    /** A request property naming the user a public request concerns (the login's user name). */
    static final String AUDIT_USER = "surrogate.audit.user";

    private static final System.Logger LOG = System.getLogger(AuditFilter.class.getName());

    private final Security security;

    @Context
    private HttpServletRequest servletRequest;

    /**
     * Creates the filter.
     *
     * @param security where the audit log is
     */
    public AuditFilter(Security security) {
        this.security = security;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (AccessFeature.SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        String user;
        if (request.getSecurityContext() != null
                && request.getSecurityContext().getUserPrincipal() instanceof Caller c) {
            user = c.name();
        } else if (request.getProperty(AUDIT_USER) instanceof String tried) {
            user = tried;
        } else {
            user = "anonymous";
        }
        String path = "/api/v1/" + request.getUriInfo().getPath(false);
        String detail = response.getEntity() instanceof ErrorBody e ? e.error() : null;
        AuditLog.Entry entry = new AuditLog.Entry(security.clock().instant(), user,
                request.getMethod() + " " + template(request, path), path, response.getStatus(),
                AuditLog.Entry.outcomeOf(response.getStatus()), AccessFeature.addressOf(servletRequest), detail);
        try {
            security.audit().record(entry);
        } catch (UncheckedIOException e) {
            // The change has happened; failing the answer would hide that from the client. The server
            // log keeps the entry instead.
            LOG.log(System.Logger.Level.ERROR, "audit entry not written: " + entry, e);
        }
    }

    /** The matched path template, such as {@code /api/v1/bundles/{symbolicName}}, else the path. */
    private static String template(ContainerRequestContext request, String path) {
        if (!(request.getUriInfo() instanceof ExtendedUriInfo info) || info.getMatchedTemplates().isEmpty()) {
            return path;
        }
        List<String> parts = new ArrayList<>();
        for (UriTemplate t : info.getMatchedTemplates()) {
            parts.add(t.getTemplate());
        }
        Collections.reverse(parts);
        String joined = ("/api/v1/" + String.join("/", parts)).replaceAll("/{2,}", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
