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
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.surrogate.framework.SurrogateHost;
import org.surrogate.framework.catalog.BundleRequest;
import org.surrogate.framework.catalog.CatalogFetcher;
import org.surrogate.framework.catalog.CatalogListing;
import org.surrogate.framework.catalog.CatalogLocation;
import org.surrogate.framework.catalog.CatalogService;
import org.surrogate.framework.catalog.IndexWriter;
import org.surrogate.framework.catalog.InstallResult;

/**
 * {@code /api/v1/catalog}: the plugin catalog (update site). Admins add catalog locations (a folder
 * on the server or an http(s) URL serving {@code index.json}); everyone sees what they offer, what is
 * installed and which updates exist; admins install and update from them, dependencies included,
 * every checksum checked, rolled back as a whole if any step fails.
 *
 * <pre>{@code
 * curl -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
 *      -d '{"name": "lab", "location": "https://plugins.example.org/surrogate/"}' .../api/v1/catalog/locations
 * curl -H "Authorization: Bearer $TOKEN" .../api/v1/catalog/available
 * curl -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
 *      -d '{"bundles": [{"symbolicName": "org.example.knn"}]}' .../api/v1/catalog/install
 * }</pre>
 *
 * <p>Answers: a request that cannot be resolved (missing dependency, version conflict, cycle,
 * plugins-api range) 409; a wrong checksum or a refused bundle 400; a catalog or jar that cannot be
 * fetched 502. Each message names the bundle, version, range or checksum.
 */
@Path("catalog")
@Produces(MediaType.APPLICATION_JSON)
public final class CatalogResource {

    private final SurrogateHost host;

    /**
     * Creates the resource.
     *
     * @param host the plugin host
     */
    @Inject
    public CatalogResource(SurrogateHost host) {
        this.host = host;
    }

    /**
     * {@code GET /api/v1/catalog/locations}: the catalog locations, in the order added.
     *
     * @return the locations
     */
    @GET
    @Path("locations")
    public List<CatalogLocation> locations() {
        return catalog().locations();
    }

    /**
     * {@code POST /api/v1/catalog/locations}: adds a catalog location after reading its index once.
     *
     * @param request the name and location
     * @param context the caller
     * @param uriInfo the request URI, for the Location header
     * @return 201 with the location
     */
    @POST
    @Path("locations")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addLocation(NewLocation request, @Context SecurityContext context, @Context UriInfo uriInfo) {
        if (request == null) {
            throw new IllegalArgumentException("request body is empty: send {\"name\": \"lab\", \"location\":"
                    + " \"https://... or /a/folder\"}");
        }
        CatalogLocation l = fetching(() -> catalog().addLocation(request.name(), request.location(),
                Caller.of(context).name()));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(l.name()).build()).entity(l).build();
    }

    /**
     * {@code DELETE /api/v1/catalog/locations/{name}}: removes a catalog location; the bundles installed
     * from it stay installed.
     *
     * @param name the catalog's name
     * @return 204
     */
    @DELETE
    @Path("locations/{name}")
    @RolesAllowed("admin")
    public Response removeLocation(@PathParam("name") String name) {
        catalog().removeLocation(name);
        return Response.noContent().build();
    }

    /**
     * {@code POST /api/v1/catalog/locations/{name}/index}: writes the {@code index.json} of a folder
     * catalog from the bundle jars in the folder (loading their plugin classes to read descriptors).
     *
     * @param name the catalog's name
     * @return the index written, and notes about skipped jars
     */
    @POST
    @Path("locations/{name}/index")
    @RolesAllowed("admin")
    public IndexWriter.Result index(@PathParam("name") String name) {
        return fetching(() -> catalog().writeIndex(name, true));
    }

    /**
     * {@code GET /api/v1/catalog/available}: every bundle version the catalogs offer with its status
     * ({@code installed}, {@code update}, {@code older}, {@code available}, {@code incompatible}), the
     * updates for installed bundles, this server's plugins-api version, and the catalogs that could not
     * be read.
     *
     * @return the listing
     */
    @GET
    @Path("available")
    public CatalogListing available() {
        return catalog().available();
    }

    /**
     * {@code GET /api/v1/catalog/updates}: the installed bundles for which a catalog offers a newer
     * version that fits this server.
     *
     * @return the updates
     */
    @GET
    @Path("updates")
    public List<CatalogListing.Update> updates() {
        return catalog().available().updates();
    }

    /**
     * {@code POST /api/v1/catalog/install}: installs bundles with their dependencies, newest matching
     * versions, as one change. With {@code "dryRun": true} only answers the plan.
     *
     * @param request the bundles and whether to only plan
     * @return the steps and the bundles after the change
     */
    @POST
    @Path("install")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    public InstallResult install(Selection request) {
        Selection r = request == null ? new Selection(null, false) : request;
        return fetching(() -> catalog().install(r.requests(), r.dryRun()));
    }

    /**
     * {@code POST /api/v1/catalog/update}: updates the named installed bundles, or every one with an
     * update when none is named, with their dependencies, as one change.
     *
     * @param request the bundles (may be empty) and whether to only plan
     * @return the steps and the bundles after the change
     */
    @POST
    @Path("update")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    public InstallResult update(Selection request) {
        Selection r = request == null ? new Selection(null, false) : request;
        return fetching(() -> catalog().update(r.requests(), r.dryRun()));
    }

    /**
     * The body of {@code POST /catalog/locations}.
     *
     * @param name     a short name such as {@code lab}
     * @param location an absolute folder on the server, or an http(s) URL
     */
    public record NewLocation(String name, String location) {
    }

    /**
     * The body of an install or update.
     *
     * @param bundles the bundles: {@code {"symbolicName": ..., "version": ...}} (version optional)
     * @param dryRun  whether to only answer the plan
     */
    public record Selection(List<BundleRequest> bundles, boolean dryRun) {

        /** Copies the list. */
        public Selection {
            bundles = bundles == null ? List.of() : new ArrayList<>(bundles);
        }

        List<BundleRequest> requests() {
            for (int i = 0; i < bundles.size(); i++) {
                if (bundles.get(i) == null) {
                    throw new IllegalArgumentException("bundles[" + i + "]: expected {\"symbolicName\": ...}");
                }
            }
            return List.copyOf(bundles);
        }
    }

    /** An action that fetches from catalogs. */
    @FunctionalInterface
    private interface Fetching<T> {
        T run() throws IOException;
    }

    /** Runs an action; a catalog or jar that cannot be fetched is 502, not a server fault. */
    private static <T> T fetching(Fetching<T> action) {
        try {
            return action.run();
        } catch (CatalogFetcher.FetchException e) {
            throw new WebApplicationException(e.getMessage(), e, Response.Status.BAD_GATEWAY);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e.getMessage(), e);
        }
    }

    private CatalogService catalog() {
        try {
            return host.catalog();
        } catch (UnsupportedOperationException e) {
            throw new WebApplicationException("this server has no plugin catalog", e, Response.Status.NOT_IMPLEMENTED);
        }
    }
}
