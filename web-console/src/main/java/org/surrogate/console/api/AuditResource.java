package org.surrogate.console.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.List;
import org.surrogate.console.security.AuditLog;
import org.surrogate.console.security.Security;

/** {@code GET /api/v1/audit[?limit=100&user=NAME]}: the newest audit entries (admin only). */
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public final class AuditResource {

    /** The most entries one request returns. */
    static final int MAX_LIMIT = 10_000;

    private final Security security;

    /**
     * Creates the resource.
     *
     * @param security where the audit log is
     */
    @Inject
    public AuditResource(Security security) {
        this.security = security;
    }

    /**
     * The newest entries first.
     *
     * @param limit how many, in [1, {@value #MAX_LIMIT}]
     * @param user  only this user's, or all
     * @return the entries
     * @throws IOException if the log cannot be read
     */
    @GET
    public List<AuditLog.Entry> list(@QueryParam("limit") @DefaultValue("100") int limit,
                                     @QueryParam("user") String user) throws IOException {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: expected an integer in [1, " + MAX_LIMIT + "], found " + limit);
        }
        return security.audit().last(limit, user == null || user.isBlank() ? null : user);
    }
}
