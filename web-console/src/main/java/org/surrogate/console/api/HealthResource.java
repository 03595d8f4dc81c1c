package org.surrogate.console.api;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.surrogate.console.SurrogateVersion;
import org.surrogate.framework.SurrogateHost;

/**
 * {@code GET /api/v1/health}: whether the server is up, with counts of plugins and bundles. Public:
 * it needs no credentials, so that scripts and monitors can tell whether the server runs.
 */
@Path("health")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    private final SurrogateHost host;

    /**
     * Creates the resource.
     *
     * @param host the plugin host
     */
    @Inject
    public HealthResource(SurrogateHost host) {
        this.host = host;
    }

    /**
     * The server's health.
     *
     * @return {@code {"status":"ok","plugins":N,"bundles":M,"version":"..."}}
     */
    @GET
    public Health health() {
        return new Health("ok", host.plugins().list().size(), host.bundles().list().size(),
                SurrogateVersion.current());
    }

    /**
     * The body of a health response.
     *
     * @param status  "ok" when the server answers
     * @param plugins how many plugins are registered
     * @param bundles how many plugin bundles are installed
     * @param version the server's version
     */
    public record Health(String status, int plugins, int bundles, String version) {
    }
}
