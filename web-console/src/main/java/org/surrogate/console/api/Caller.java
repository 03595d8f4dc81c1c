package org.surrogate.console.api;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Objects;
import org.surrogate.console.security.Role;

/**
 * The authenticated user of a request, as the {@link SecurityContext}'s principal.
 *
 * @param name      the user name
 * @param role      their role
 * @param via       how they authenticated: {@code token}, {@code basic} or {@code session}
 * @param sessionId the browser session's id when {@code via} is {@code session}, else null
 */
public record Caller(String name, Role role, String via, String sessionId) implements Principal {

    /** Checks the fields. */
    public Caller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(via, "via");
    }

    @Override
    public String getName() {
        return name;
    }

    /**
     * The caller of a request that passed authentication.
     *
     * @param context the request's security context
     * @return the caller
     * @throws IllegalStateException if the request was not authenticated (a public resource method)
     */
    public static Caller of(SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof Caller c) {
            return c;
        }
        throw new IllegalStateException("the request was not authenticated");
    }

    /**
     * Checks that the caller may act on something owned by a user: they own it, or they are an admin.
     *
     * @param owner who owns it (null: nobody, so only an admin)
     * @param what  what it is, for the message, such as {@code "experiment 20250501-0930-ab12"}
     * @param verb  what the caller tries, such as {@code "cancel"}
     * @throws ForbiddenException (403) otherwise
     */
    public void requireOwnerOrAdmin(String owner, String what, String verb) {
        if (role.includes(Role.ADMIN) || name.equals(owner)) {
            return;
        }
        throw new ForbiddenException(what + " belongs to " + (owner == null ? "nobody" : "'" + owner + "'")
                + ": user '" + name + "' (" + role + ") may not " + verb + " it; only its owner or an admin may");
    }

    /** The security context of an authenticated request. */
    static final class Context implements SecurityContext {
        private final Caller caller;
        private final boolean secure;

        Context(Caller caller, boolean secure) {
            this.caller = caller;
            this.secure = secure;
        }

        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            try {
                return caller.role().includes(Role.parse(role));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return switch (caller.via()) {
                case "basic" -> BASIC_AUTH;
                case "session" -> FORM_AUTH;
                default -> "Bearer";
            };
        }
    }
}
