package org.surrogate.console.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.surrogate.console.security.Role;
import org.surrogate.console.security.Secrets;
import org.surrogate.console.security.Security;
import org.surrogate.console.security.SessionStore;
import org.surrogate.console.security.UserStore.UserInfo;

/**
 * Authenticates every request of the API and checks its role, per resource method.
 *
 * <p>The role a method needs: {@code @PermitAll} none (no authentication at all: health, login);
 * {@code @RolesAllowed("researcher")} on the method, else on the class, the lowest role named; and
 * without either annotation, {@code viewer} for GET, HEAD and OPTIONS and {@code admin} for every
 * other method, so that a state-changing endpoint someone forgets to annotate is admin-only rather
 * than open.
 *
 * <p>Credentials, in this order: {@code Authorization: Bearer TOKEN} (an API token),
 * {@code Authorization: Basic} (user and password; counted by the login rate limit), or the session
 * cookie {@value #SESSION_COOKIE} set by {@code POST /api/v1/session}. A state-changing request
 * authenticated by the cookie must carry the session's CSRF token in {@value #CSRF_HEADER}. No
 * credentials, or bad ones: 401; a role too low or a missing CSRF token: 403; too many failed
 * logins: 429 with {@code Retry-After}.
 */
public final class AccessFeature implements DynamicFeature {

    /** The name of the session cookie. */
    public static final String SESSION_COOKIE = "SURROGATE_SESSION";

    /** The header carrying a browser session's CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    /** Methods that change nothing, so need no CSRF token. */
    static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Security security;

    /**
     * Creates the feature.
     *
     * @param security the users, sessions and rate limit
     */
    public AccessFeature(Security security) {
        this.security = security;
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Method m = resourceInfo.getResourceMethod();
        Class<?> c = resourceInfo.getResourceClass();
        if (m == null || c == null) {
            return;
        }
        Optional<Role> role = requiredRole(c, m);
        context.register(new AuthFilter(security, role.orElse(null)), Priorities.AUTHENTICATION);
    }

    /**
     * The role a resource method needs.
     *
     * @param c the resource class
     * @param m the method
     * @return the role, or empty if the method is public
     */
    static Optional<Role> requiredRole(Class<?> c, Method m) {
        if (m.isAnnotationPresent(RolesAllowed.class)) {
            return Optional.of(lowest(m.getAnnotation(RolesAllowed.class)));
        }
        if (m.isAnnotationPresent(PermitAll.class)) {
            return Optional.empty();
        }
        if (c.isAnnotationPresent(RolesAllowed.class)) {
            return Optional.of(lowest(c.getAnnotation(RolesAllowed.class)));
        }
        if (c.isAnnotationPresent(PermitAll.class)) {
            return Optional.empty();
        }
        boolean safe = m.isAnnotationPresent(GET.class) || m.isAnnotationPresent(HEAD.class)
                || m.isAnnotationPresent(OPTIONS.class);
        return Optional.of(safe ? Role.VIEWER : Role.ADMIN);
    }

    private static Role lowest(RolesAllowed a) {
        return Arrays.stream(a.value()).map(Role::parse).min(Enum::compareTo)
                .orElseThrow(() -> new IllegalStateException("@RolesAllowed without a role"));
    }

    /**
     * A JSON error answer.
     *
     * @param status  the status
     * @param message the message
     * @return the response
     */
    static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorBody.of(message)).build();
    }

    /**
     * The answer to a login refused by the rate limit.
     *
     * @param wait how long to wait
     * @return 429 with {@code Retry-After} in whole seconds
     */
    static Response tooManyAttempts(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return Response.status(429).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", seconds)
                .entity(ErrorBody.of("too many failed logins from this address or for this user: try again in "
                        + seconds + " s")).build();
    }

    /**
     * The client's address.
     *
     * @param request the servlet request, or null
     * @return its remote address, or {@code "unknown"}
     */
    static String addressOf(HttpServletRequest request) {
        try {
            return request == null ? "unknown" : request.getRemoteAddr();
        } catch (IllegalStateException e) {
            // No request in scope (a filter called outside one): rate limit under one shared key.
            return "unknown";
        }
    }

    /** Authenticates a request and checks the role of one resource method. */
    static final class AuthFilter implements ContainerRequestFilter {

        private static final String CHALLENGE = "Bearer realm=\"surrogate\"";

        private final Security security;
        private final Role required;

        @Context
        private HttpServletRequest servletRequest;

        AuthFilter(Security security, Role required) {
            this.security = security;
            this.required = required;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (required == null) {
                return;
            }
            Caller caller = authenticate(request);
            if (caller == null) {
                return;
            }
            request.setSecurityContext(new Caller.Context(caller, request.getSecurityContext() != null
                    && request.getSecurityContext().isSecure()));
            if ("session".equals(caller.via()) && !SAFE_METHODS.contains(request.getMethod())
                    && !Secrets.same(request.getHeaderString(CSRF_HEADER), security.sessions()
                            .find(caller.sessionId()).map(SessionStore.Session::csrfToken).orElse(null))) {
                request.abortWith(error(403, "missing or wrong " + CSRF_HEADER + " header: a state-changing request"
                        + " of a browser session must carry the CSRF token answered by POST /api/v1/session (GET"
                        + " /api/v1/session answers it again)"));
                return;
            }
            if (!caller.role().includes(required)) {
                request.abortWith(error(403, "user '" + caller.name() + "' (" + caller.role() + ") may not "
                        + request.getMethod() + " /api/v1/" + request.getUriInfo().getPath() + ": it needs the role "
                        + required));
            }
        }

        /** The caller, or null after aborting the request with 401, 403 or 429. */
        private Caller authenticate(ContainerRequestContext request) {
            String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
            if (authorization != null && !authorization.isBlank()) {
                String a = authorization.strip();
                String scheme = a.contains(" ") ? a.substring(0, a.indexOf(' ')) : a;
                String value = a.substring(scheme.length()).strip();
                switch (scheme.toLowerCase(Locale.ROOT)) {
                    case "bearer" -> {
                        Optional<UserInfo> u = security.users().userForToken(value);
                        if (u.isEmpty()) {
                            unauthorized(request, "invalid API token: it is unknown, was revoked, or its user was"
                                    + " deleted; create one with POST /api/v1/tokens");
                            return null;
                        }
                        return new Caller(u.get().name(), u.get().role(), "token", null);
                    }
                    case "basic" -> {
                        return basic(request, value);
                    }
                    default -> {
                        unauthorized(request, "Authorization: expected 'Bearer TOKEN' or 'Basic ...', found scheme '"
                                + scheme + "'");
                        return null;
                    }
                }
            }
            Cookie cookie = request.getCookies().get(SESSION_COOKIE);
            if (cookie != null) {
                return session(request, cookie.getValue());
            }
            unauthorized(request, "authentication required: send 'Authorization: Bearer TOKEN' with an API token, or"
                    + " log in with POST /api/v1/session");
            return null;
        }

        private Caller basic(ContainerRequestContext request, String value) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                unauthorized(request, "Authorization: Basic credentials are not valid Base64");
                return null;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                unauthorized(request, "Authorization: Basic credentials must be 'user:password'");
                return null;
            }
            String user = decoded.substring(0, colon);
            String address = addressOf(servletRequest);
            Duration wait = security.limiter().retryAfter(address, user);
            if (!wait.isZero()) {
                request.abortWith(tooManyAttempts(wait));
                return null;
            }
            Optional<UserInfo> u = security.users().authenticate(user, decoded.substring(colon + 1));
            if (u.isEmpty()) {
                security.limiter().failed(address, user);
                unauthorized(request, "wrong user name or password");
                return null;
            }
            security.limiter().succeeded(user);
            return new Caller(u.get().name(), u.get().role(), "basic", null);
        }

        private Caller session(ContainerRequestContext request, String id) {
            Optional<SessionStore.Session> s = security.sessions().find(id);
            Optional<UserInfo> u = s.flatMap(x -> security.users().find(x.user()));
            if (u.isEmpty()) {
                security.sessions().remove(id);
                unauthorized(request, "the session has ended (logged out, expired, or the server restarted): log in"
                        + " again with POST /api/v1/session");
                return null;
            }
            return new Caller(u.get().name(), u.get().role(), "session", id);
        }

        private static void unauthorized(ContainerRequestContext request, String message) {
            request.abortWith(Response.fromResponse(error(401, message))
                    .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build());
        }
    }
}
