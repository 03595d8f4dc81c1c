package org.surrogate.console.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.util.Optional;
import org.surrogate.console.security.Role;
import org.surrogate.console.security.Security;
import org.surrogate.console.security.SessionStore;
import org.surrogate.console.security.UserStore.UserInfo;

/**
 * {@code /api/v1/session}: browser login and logout. A login answers the session's CSRF token and
 * sets the session cookie (HttpOnly, SameSite=Strict, path {@code /api/v1}); every state-changing
 * request of the session must send the token as {@code X-CSRF-Token}.
 *
 * <pre>{@code
 * curl -c jar -H 'Content-Type: application/json' -d '{"user":"ada","password":"..."}' \
 *      http://127.0.0.1:8080/api/v1/session
 * }</pre>
 */
@Path("session")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {

    private final Security security;

    /**
     * Creates the resource.
     *
     * @param security the users and sessions
     */
    @Inject
    public SessionResource(Security security) {
        this.security = security;
    }

    /**
     * {@code POST /api/v1/session}: logs in. Failed logins are rate-limited per address and per
     * user name.
     *
     * @param login          the user name and password
     * @param servletRequest the request, for the client's address and whether it is HTTPS
     * @param request        the request context, to name the user in the audit log
     * @return 200 with the user, role and CSRF token, and the session cookie; 401 for a wrong user
     *         or password; 429 with {@code Retry-After} after too many failures
     */
    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(Login login, @Context HttpServletRequest servletRequest,
                          @Context ContainerRequestContext request) {
        if (login == null || login.user() == null || login.password() == null) {
            throw new IllegalArgumentException("request body: expected {\"user\": \"NAME\", \"password\": \"...\"}");
        }
        request.setProperty(AuditFilter.AUDIT_USER, login.user());
        String address = AccessFeature.addressOf(servletRequest);
        Duration wait = security.limiter().retryAfter(address, login.user());
        if (!wait.isZero()) {
            return AccessFeature.tooManyAttempts(wait);
        }
        Optional<UserInfo> user = security.users().authenticate(login.user(), login.password());
        if (user.isEmpty()) {
            security.limiter().failed(address, login.user());
            return AccessFeature.error(401, "wrong user name or password");
        }
        security.limiter().succeeded(login.user());
        SessionStore.Session s = security.sessions().create(user.get().name());
        boolean secure = servletRequest != null && servletRequest.isSecure();
        return Response.ok(new SessionView(user.get().name(), user.get().role(), "session", s.csrfToken()))
                .header(HttpHeaders.SET_COOKIE, cookie(s.id(), secure, false))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /**
     * {@code GET /api/v1/session}: who the caller is; for a browser session, its CSRF token again
     * (a page reloaded in the browser cannot read the HttpOnly cookie).
     *
     * @param context the security context
     * @return the caller
     */
    @GET
    @RolesAllowed("viewer")
    public Response whoAmI(@Context SecurityContext context) {
        Caller c = Caller.of(context);
        String csrf = c.sessionId() == null ? null
                : security.sessions().find(c.sessionId()).map(SessionStore.Session::csrfToken).orElse(null);
        return Response.ok(new SessionView(c.name(), c.role(), c.via(), csrf))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /**
     * {@code DELETE /api/v1/session}: logs out (ends the browser session and clears the cookie).
     *
     * @param context        the security context
     * @param servletRequest the request, for whether it is HTTPS
     * @return 204
     */
    @DELETE
    @RolesAllowed("viewer")
    public Response logout(@Context SecurityContext context, @Context HttpServletRequest servletRequest) {
        Caller c = Caller.of(context);
        security.sessions().remove(c.sessionId());
        return Response.noContent()
                .header(HttpHeaders.SET_COOKIE, cookie("", servletRequest != null && servletRequest.isSecure(), true))
                .build();
    }

    /** Written by hand: SameSite is not in every JAX-RS cookie writer. */
    private static String cookie(String value, boolean secure, boolean expire) {
        return AccessFeature.SESSION_COOKIE + "=" + value + "; Path=/api/v1; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "") + (expire ? "; Max-Age=0" : "");
    }

    /**
     * A login request.
     *
     * @param user     the user name
     * @param password the password
     */
    public record Login(String user, String password) {
        @Override
        public String toString() {
            return "Login[user=" + user + "]";
        }
    }

    /**
     * Who is logged in.
     *
     * @param user      the user name
     * @param role      their role
     * @param via       how the request authenticated: {@code session}, {@code token} or {@code basic}
     * @param csrfToken the CSRF token of a browser session, else null
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record SessionView(String user, Role role, String via, String csrfToken) {
    }
}
