package org.surrogate.console.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.glassfish.jersey.server.ExtendedResourceContext;
import org.surrogate.console.SurrogateVersion;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3.0 description of every resource and method of this
 * API, built from the running application's resource model ({@link OpenApiDocument}), so it cannot
 * fall behind the code.
 */
@Path("openapi.json")
@Produces(MediaType.APPLICATION_JSON)
public final class OpenApiResource {

    @Context
    private ExtendedResourceContext resources;

    /**
     * The document.
     *
     * @return the OpenAPI document
     */
    @GET
    public ObjectNode document() {
        // Built per request (a few milliseconds): it always describes the application that answers.
        return OpenApiDocument.build(resources.getResourceModel().getRootResources(), SurrogateVersion.current());
    }
}
