package org.surrogate.console.api;

import java.util.Objects;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.surrogate.console.security.Security;
import org.surrogate.framework.SurrogateHost;

/**
 * The Jersey application of the REST API: the resources, JSON by Jackson, multipart uploads, the
 * error mapper, authentication, roles, the body limit and the audit log ({@link AccessFeature},
 * {@link BodyLimitFilter}, {@link AuditFilter}), and the plugin host and security state they share,
 * injected by HK2.
 *
 * <pre>{@code
 * ServletHolder api = new ServletHolder(new ServletContainer(new ApiApplication(host, security)));
 * context.addServlet(api, "/api/v1/*");
 * }</pre>
 */
public final class ApiApplication extends ResourceConfig {

    private final EventStreams events;

    /**
     * Creates the application for a host.
     *
     * @param host     the plugin host every resource talks to
     * @param security the users, sessions, limits and audit log
     */
    public ApiApplication(SurrogateHost host, Security security) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        register(HealthResource.class);
        register(PluginsResource.class);
        register(BundlesResource.class);
        register(CatalogResource.class);
        register(TrialsResource.class);
        register(ExperimentsResource.class);
        register(RunsResource.class);
        register(SessionResource.class);
        register(UsersResource.class);
        register(TokensResource.class);
        register(AuditResource.class);
        events = new EventStreams(host);
        register(EventsResource.class);
        register(OpenApiResource.class);
        register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(events).to(EventStreams.class);
            }
        });
        register(new AccessFeature(security));
        register(new BodyLimitFilter(security.settings().maxBodyBytes()), jakarta.ws.rs.Priorities.ENTITY_CODER);
        register(new AuditFilter(security));
        register(ErrorMapper.class);
        register(JsonMapperProvider.class);
        // Jackson's own exception mappers answer in plain text; ErrorMapper answers in JSON.
        register(JacksonFeature.withoutExceptionMappers());
        register(MultiPartFeature.class);
        register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(host).to(SurrogateHost.class);
                bind(security).to(Security.class);
            }
        });
        // WADL needs JAXB, which the server does not carry; without this Jersey warns at start.
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // Let resources and ErrorMapper choose statuses and bodies, not the servlet container.
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    }

    /**
     * Ends the open event streams ({@code GET /api/v1/events}) and refuses new ones; called when the
     * server starts to stop, so that Jetty does not wait for them as requests in flight.
     */
    public void closeEventStreams() {
        events.close();
    }
}
