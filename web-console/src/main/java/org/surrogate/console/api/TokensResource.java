package org.surrogate.console.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.NoSuchElementException;
import org.surrogate.console.security.Role;
import org.surrogate.console.security.Security;
import org.surrogate.console.security.UserStore.CreatedToken;
import org.surrogate.console.security.UserStore.TokenInfo;

/**
 * {@code /api/v1/tokens}: API tokens for the command line and scripts, sent as
 * {@code Authorization: Bearer TOKEN}. Each user manages their own; an admin sees and revokes
 * everyone's.
 */
@Path("tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public final class TokensResource {

    private final Security security;

    /**
     * Creates the resource.
     *
     * @param security the users and tokens
     */
    @Inject
    public TokensResource(Security security) {
        this.security = security;
    }

    /**
     * {@code POST /api/v1/tokens}: creates a token for the caller; the answer is the only time the
     * token is shown.
     *
     * @param request what the token is for ({@code {"name": "laptop"}}), or no body
     * @param context the security context
     * @param uriInfo the request URI, for the Location header
     * @return 201 with the token
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewToken request, @Context SecurityContext context, @Context UriInfo uriInfo) {
        Caller c = Caller.of(context);
        CreatedToken t = security.users().createToken(c.name(), request == null ? null : request.name());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(t.id()).build()).entity(t)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /**
     * {@code GET /api/v1/tokens[?all=true]}: the caller's tokens, or everyone's for an admin who asks.
     *
     * @param all     everyone's (admin only)
     * @param context the security context
     * @return the tokens, without their secrets
     */
    @GET
    public List<TokenInfo> list(@QueryParam("all") boolean all, @Context SecurityContext context) {
        Caller c = Caller.of(context);
        if (all && !c.role().includes(Role.ADMIN)) {
            throw new jakarta.ws.rs.ForbiddenException("all=true: only an admin sees everyone's tokens");
        }
        return security.users().tokens(all ? null : c.name());
    }

    /**
     * {@code DELETE /api/v1/tokens/{id}}: revokes a token of the caller's (an admin: anyone's).
     *
     * @param id      the token's id
     * @param context the security context
     * @return 204
     */
    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id, @Context SecurityContext context) {
        Caller c = Caller.of(context);
        boolean visible = security.users().tokens(c.role().includes(Role.ADMIN) ? null : c.name()).stream()
                .anyMatch(t -> t.id().equals(id));
        if (!visible) {
            // Someone else's token is answered like a missing one: ids are not for guessing.
            throw new NoSuchElementException("no API token '" + id + "' of yours; GET /api/v1/tokens lists them");
        }
        security.users().revokeToken(id);
        return Response.noContent().build();
    }

    /**
     * A token to create.
     *
     * @param name what it is for
     */
    public record NewToken(String name) {
    }
}
