package org.surrogate.console.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.NoSuchElementException;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.framework.SurrogateHost;

/** {@code /api/v1/plugins}: the registered plugins with their parameter schemas and slots. */
@Path("plugins")
@Produces(MediaType.APPLICATION_JSON)
public final class PluginsResource {

    private final SurrogateHost host;

    /**
     * Creates the resource.
     *
     * @param host the plugin host
     */
    @Inject
    public PluginsResource(SurrogateHost host) {
        this.host = host;
    }

    /**
     * {@code GET /api/v1/plugins[?kind=recommender]}: the plugins, sorted by kind then id.
     *
     * @param kind only plugins of this kind (its label, such as {@code "recommender"}), or null for all
     * @return the plugins
     * @throws IllegalArgumentException if the kind is unknown
     */
    @GET
    public List<PluginView> list(@QueryParam("kind") String kind) {
        PluginKind only = kind == null || kind.isBlank() ? null : PluginKind.fromLabel(kind);
        return host.plugins().list().stream()
                .filter(p -> only == null || p.kind() == only)
                .map(PluginView::of)
                .toList();
    }

    /**
     * {@code GET /api/v1/plugins/{id}}: one plugin.
     *
     * @param id the plugin id
     * @return the plugin
     * @throws NoSuchElementException if no plugin has that id
     */
    @GET
    @Path("{id}")
    public PluginView get(@PathParam("id") String id) {
        return host.plugins().find(id).map(PluginView::of).orElseThrow(() -> new NoSuchElementException(
                "no plugin '" + id + "' is registered; GET /api/v1/plugins lists the registered ones"));
    }
}
