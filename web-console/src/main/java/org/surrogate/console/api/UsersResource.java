package org.surrogate.console.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.surrogate.console.security.Role;
import org.surrogate.console.security.Security;
import org.surrogate.console.security.UserStore.UserInfo;

/**
 * {@code /api/v1/users}: the users (admin only), and every user's own password.
 *
 * <pre>{@code
 * curl -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
 *      -d '{"name":"ada","password":"a long passphrase","role":"researcher"}' http://127.0.0.1:8080/api/v1/users
 * }</pre>
 */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public final class UsersResource {

    private final Security security;

    /**
     * Creates the resource.
     *
     * @param security the users
     */
    @Inject
    public UsersResource(Security security) {
        this.security = security;
    }

    /**
     * {@code GET /api/v1/users}: every user with their role, sorted by name.
     *
     * @return the users
     */
    @GET
    public List<UserInfo> list() {
        return security.users().list();
    }

    /**
     * {@code POST /api/v1/users}: creates a user.
     *
     * @param user    the name, password and role
     * @param uriInfo the request URI, for the Location header
     * @return 201 with the user
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewUser user, @Context UriInfo uriInfo) {
        if (user == null) {
            throw new IllegalArgumentException("request body: expected {\"name\": \"...\", \"password\": \"...\","
                    + " \"role\": \"viewer|researcher|admin\"}");
        }
        if (user.role() == null) {
            throw new IllegalArgumentException("role: expected viewer, researcher or admin, found none");
        }
        UserInfo created = security.users().create(user.name(), user.password(), user.role());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.name()).build()).entity(created).build();
    }

    /**
     * {@code DELETE /api/v1/users/{name}}: deletes a user, their API tokens and sessions. The last
     * admin cannot be deleted.
     *
     * @param name the user
     * @return 204
     */
    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        security.users().delete(name);
        security.sessions().removeUser(name, null);
        return Response.noContent().build();
    }

    /**
     * {@code PUT /api/v1/users/{name}/role}: changes a user's role ({@code {"role": "researcher"}}),
     * effective on their next request. The last admin keeps the admin role.
     *
     * @param name   the user
     * @param change the new role
     * @return the user
     */
    @PUT
    @Path("{name}/role")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserInfo setRole(@PathParam("name") String name, RoleChange change) {
        if (change == null || change.role() == null) {
            throw new IllegalArgumentException("role: expected viewer, researcher or admin, found none");
        }
        return security.users().setRole(name, change.role());
    }

    /**
     * {@code POST /api/v1/users/{name}/password}: sets a password. An admin may set anyone's; every
     * user may set their own by sending the current one too. The user's other browser sessions end.
     *
     * @param name    the user
     * @param change  the new password (and the current one)
     * @param context the security context
     * @return 204
     */
    @POST
    @Path("{name}/password")
    @RolesAllowed("viewer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setPassword(@PathParam("name") String name, PasswordChange change,
                                @Context SecurityContext context) {
        Caller c = Caller.of(context);
        if (change == null || change.password() == null) {
            throw new IllegalArgumentException("request body: expected {\"password\": \"NEW\", \"currentPassword\":"
                    + " \"OLD\"}");
        }
        if (!c.role().includes(Role.ADMIN)) {
            c.requireOwnerOrAdmin(name, "user '" + name + "'", "set the password of");
            if (security.users().authenticate(name, change.currentPassword()).isEmpty()) {
                throw new jakarta.ws.rs.ForbiddenException("currentPassword: wrong or missing; send your current"
                        + " password to set a new one");
            }
        }
        security.users().setPassword(name, change.password());
        security.sessions().removeUser(name, c.sessionId());
        return Response.noContent().build();
    }

    /**
     * A role to give a user.
     *
     * @param role the role
     */
    public record RoleChange(Role role) {
    }

    /**
     * A user to create.
     *
     * @param name     the name
     * @param password the password
     * @param role     the role
     */
    public record NewUser(String name, String password, Role role) {
        @Override
        public String toString() {
            return "NewUser[name=" + name + ", role=" + role + "]";
        }
    }

    /**
     * A new password.
     *
     * @param password        the new password
     * @param currentPassword the current one (needed unless an admin sets it)
     */
    public record PasswordChange(String password, String currentPassword) {
        @Override
        public String toString() {
            return "PasswordChange[]";
        }
    }
}
