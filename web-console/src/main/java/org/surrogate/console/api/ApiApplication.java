package org.surrogate.console.api;

import java.util.Objects;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.surrogate.framework.SurrogateHost;

/**
 * The Jersey application of the REST API: the resources, JSON by Jackson, multipart uploads, the
 * error mapper, and the plugin host they share, injected by HK2.
 *
 * <pre>{@code
 * ServletHolder api = new ServletHolder(new ServletContainer(new ApiApplication(host)));
 * context.addServlet(api, "/api/v1/*");
 * }</pre>
 */
public final class ApiApplication extends ResourceConfig {

    /**
     * Creates the application for a host.
     *
     * @param host the plugin host every resource talks to
     */
    public ApiApplication(SurrogateHost host) {
        Objects.requireNonNull(host, "host");
        register(HealthResource.class);
        register(PluginsResource.class);
        register(BundlesResource.class);
        register(TrialsResource.class);
        register(ExperimentsResource.class);
        register(RunsResource.class);
        register(ErrorMapper.class);
        register(JsonMapperProvider.class);
        // Jackson's own exception mappers answer in plain text; ErrorMapper answers in JSON.
        register(JacksonFeature.withoutExceptionMappers());
        register(MultiPartFeature.class);
        register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(host).to(SurrogateHost.class);
            }
        });
        // WADL needs JAXB, which the server does not carry; without this Jersey warns at start.
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // Let resources and ErrorMapper choose statuses and bodies, not the servlet container.
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    }
}
