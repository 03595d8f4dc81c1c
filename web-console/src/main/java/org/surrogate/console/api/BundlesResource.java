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
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.glassfish.jersey.media.multipart.FormDataContentDisposition;
import org.glassfish.jersey.media.multipart.FormDataParam;
import org.surrogate.framework.SurrogateHost;
import org.surrogate.framework.bundles.BundleInfo;
import org.surrogate.framework.bundles.BundleVersion;

/**
 * {@code /api/v1/bundles}: the installed plugin bundles; install, update and remove them.
 *
 * <p>Uploads are {@code multipart/form-data} with the jar in part {@code file} and, optionally, its
 * expected SHA-256 (hex) in field {@code sha256}:
 * <pre>{@code
 * curl -F file=@my-plugin-1.0.0.jar -F sha256=$(sha256sum my-plugin-1.0.0.jar | cut -c1-64) \
 *      http://127.0.0.1:8080/api/v1/bundles
 * }</pre>
 */
@Path("bundles")
@Produces(MediaType.APPLICATION_JSON)
public final class BundlesResource {

    /** The source recorded for bundles installed through this API. */
    static final String SOURCE = "upload";

    private final SurrogateHost host;

    /**
     * Creates the resource.
     *
     * @param host the plugin host
     */
    @Inject
    public BundlesResource(SurrogateHost host) {
        this.host = host;
    }

    /**
     * {@code GET /api/v1/bundles}: the installed plugin bundles, sorted by symbolic name.
     *
     * @return the bundles
     */
    @GET
    public List<BundleInfo> list() {
        return host.bundles().list();
    }

    /**
     * {@code GET /api/v1/bundles/{symbolicName}}: one installed bundle.
     *
     * @param symbolicName its symbolic name
     * @return the bundle
     * @throws NoSuchElementException if none is installed under that name
     */
    @GET
    @Path("{symbolicName}")
    public BundleInfo get(@PathParam("symbolicName") String symbolicName) {
        return host.bundles().list().stream()
                .filter(b -> b.symbolicName().equals(symbolicName))
                .findFirst()
                .orElseThrow(() -> notInstalled(symbolicName));
    }

    /**
     * {@code POST /api/v1/bundles}: installs and starts an uploaded bundle.
     *
     * @param jar         the part {@code file}: the bundle jar
     * @param disposition its content disposition, for the file name
     * @param sha256      the expected SHA-256 in hex, or null to skip the check
     * @param uriInfo     the request's URI, for the Location header
     * @return 201 with the installed bundle
     * @throws IOException if the upload cannot be read
     * @throws org.surrogate.framework.bundles.BundleRejectedException if the bundle is refused
     */
    @POST
    @RolesAllowed("admin")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response install(@FormDataParam("file") InputStream jar,
                            @FormDataParam("file") FormDataContentDisposition disposition,
                            @FormDataParam("sha256") String sha256,
                            @Context UriInfo uriInfo) throws IOException {
        byte[] bytes = readJar(jar);
        BundleInfo info = host.bundles().install(fileName(disposition), bytes, normalise(sha256), SOURCE);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(info.symbolicName()).build())
                .entity(info).build();
    }

    /**
     * {@code PUT /api/v1/bundles/{symbolicName}}: updates an installed bundle to an uploaded jar.
     * Trials that use the old version finish on it.
     *
     * @param symbolicName the bundle to update
     * @param jar          the part {@code file}: the new jar
     * @param disposition  its content disposition, for the file name
     * @param sha256       the expected SHA-256 in hex, or null to skip the check
     * @return the updated bundle
     * @throws IOException if the upload cannot be read
     * @throws NoSuchElementException if no such bundle is installed
     * @throws org.surrogate.framework.bundles.BundleRejectedException if the new jar is refused
     */
    @PUT
    @Path("{symbolicName}")
    @RolesAllowed("admin")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public BundleInfo update(@PathParam("symbolicName") String symbolicName,
                             @FormDataParam("file") InputStream jar,
                             @FormDataParam("file") FormDataContentDisposition disposition,
                             @FormDataParam("sha256") String sha256) throws IOException {
        byte[] bytes = readJar(jar);
        return host.bundles().update(symbolicName, fileName(disposition), bytes, normalise(sha256));
    }

    /**
     * {@code DELETE /api/v1/bundles/{symbolicName}}: uninstalls a bundle; trials using its plugins
     * are cancelled.
     *
     * @param symbolicName the bundle
     * @return 204
     * @throws NoSuchElementException if no such bundle is installed
     */
    @DELETE
    @Path("{symbolicName}")
    @RolesAllowed("admin")
    public Response remove(@PathParam("symbolicName") String symbolicName) {
        host.bundles().uninstall(symbolicName);
        return Response.noContent().build();
    }

    /**
     * {@code POST /api/v1/bundles} with JSON {@code {"url": "https://...", "sha256": "..."}}: downloads
     * a bundle and installs it; the expected SHA-256 is required for downloads.
     *
     * @param request the URL and checksum
     * @param uriInfo the request's URI, for the Location header
     * @return 201 with the installed bundle
     * @throws org.surrogate.framework.bundles.BundleRejectedException if the bundle is refused
     */
    @POST
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response installFromUrl(UrlInstall request, @Context UriInfo uriInfo) {
        if (request == null) {
            throw new IllegalArgumentException("request body is empty: send {\"url\": \"https://...\", \"sha256\":"
                    + " \"...\"}");
        }
        BundleInfo info;
        try {
            info = host.bundles().install(request.uri(), request.sha256());
        } catch (IOException e) {
            throw new IllegalArgumentException("url: cannot download " + request.url() + ": " + e.getMessage(), e);
        }
        return Response.created(uriInfo.getAbsolutePathBuilder().path(info.symbolicName()).build())
                .entity(info).build();
    }

    /**
     * {@code GET /api/v1/bundles/{symbolicName}/history}: the versions of a bundle that were
     * installed, newest first, with the one installed now marked current and whether each can be
     * rolled back to.
     *
     * @param symbolicName the bundle
     * @return its versions
     */
    @GET
    @Path("{symbolicName}/history")
    public List<BundleVersion> history(@PathParam("symbolicName") String symbolicName) {
        return host.bundles().history(symbolicName);
    }

    /**
     * {@code POST /api/v1/bundles/{symbolicName}/rollback}: updates a bundle back to the version
     * installed before the current one; trials using the current version finish on it.
     *
     * @param symbolicName the bundle
     * @return the bundle after the rollback
     */
    @POST
    @Path("{symbolicName}/rollback")
    @RolesAllowed("admin")
    public BundleInfo rollback(@PathParam("symbolicName") String symbolicName) {
        return host.bundles().rollback(symbolicName);
    }

    /**
     * The body of an install from a URL.
     *
     * @param url    where to download the jar, http or https
     * @param sha256 its SHA-256, 64 hex digits
     */
    public record UrlInstall(String url, String sha256) {
        /**
         * Checks both fields.
         *
         * @throws IllegalArgumentException naming the field
         */
        public UrlInstall {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("url: required, the http(s) address of the bundle jar");
            }
            URI u;
            try {
                u = new URI(url.strip());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("url: not a valid URL: '" + url + "' (" + e.getReason() + ")", e);
            }
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException("url: expected an http or https URL, found '" + url + "'");
            }
            if (sha256 == null || sha256.isBlank()) {
                throw new IllegalArgumentException("sha256: required for a download; give the jar's SHA-256"
                        + " (sha256sum my-plugin.jar)");
            }
            sha256 = sha256.strip().toLowerCase(Locale.ROOT);
            if (!sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("sha256: expected 64 hex digits, found '" + sha256 + "'");
            }
            url = url.strip();
        }

        URI uri() {
            return URI.create(url);
        }
    }

    private static byte[] readJar(InputStream jar) throws IOException {
        if (jar == null) {
            throw new IllegalArgumentException("multipart/form-data part 'file' is missing: send the bundle jar in a"
                    + " part named 'file', such as curl -F file=@my-plugin.jar");
        }
        try (jar) {
            return jar.readAllBytes();
        }
    }

    private static String fileName(FormDataContentDisposition disposition) {
        String name = disposition == null ? null : disposition.getFileName();
        return name == null || name.isBlank() ? "upload.jar" : name;
    }

    /** Accepts hex in either case and stray whitespace, as pasted from sha256sum. */
    private static String normalise(String sha256) {
        return sha256 == null || sha256.isBlank() ? null : sha256.strip().toLowerCase(Locale.ROOT);
    }

    private static NoSuchElementException notInstalled(String symbolicName) {
        return new NoSuchElementException("no bundle '" + symbolicName + "' is installed; GET /api/v1/bundles lists"
                + " the installed ones");
    }
}
