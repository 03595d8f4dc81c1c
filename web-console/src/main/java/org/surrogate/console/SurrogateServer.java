package org.surrogate.console;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.servlet.ServletContainer;
import org.surrogate.console.api.ApiApplication;
import org.surrogate.console.security.Security;
import org.surrogate.console.security.SecuritySettings;
import org.surrogate.console.ui.WebUi;
import org.surrogate.framework.HostConfig;
import org.surrogate.framework.SurrogateHost;

/**
 * A running Surrogate server: Jetty serving the REST API under {@code /api/v1} and the web console at
 * {@code /} ({@link WebUi}) in front of a plugin host, with the users, sessions and audit log of its
 * data folder ({@link Security}; the first start creates the initial admin). Closing it stops Jetty,
 * then the host.
 *
 * <pre>{@code
 * try (SurrogateServer server = SurrogateServer.start("127.0.0.1", 0, config)) {
 *     URI health = URI.create(server.url() + "/api/v1/health");
 *     ...
 * }
 * }</pre>
 */
public final class SurrogateServer implements AutoCloseable {

    /** The largest request body accepted (a bundle upload): 200 MiB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = SecuritySettings.DEFAULT_MAX_UPLOAD_BYTES;

    private static final long STOP_TIMEOUT_MS = 5_000;

    private final Server jetty;
    private final ServerConnector connector;
    private final SurrogateHost host;
    private final Security security;
    private final String bindHost;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SurrogateServer(Server jetty, ServerConnector connector, SurrogateHost host, Security security,
                            String bindHost) {
        this.jetty = jetty;
        this.connector = connector;
        this.host = host;
        this.security = security;
        this.bindHost = bindHost;
    }

    /**
     * Starts a plugin host and serves it with the default security settings.
     *
     * @param bindHost the address to listen on, such as {@code "127.0.0.1"}
     * @param port     the port, or 0 for any free one (see {@link #port()})
     * @param config   the host's configuration
     * @return the running server
     * @throws IOException if the port cannot be taken
     * @throws Exception if the host or Jetty cannot start
     * @see #start(String, int, HostConfig, SecuritySettings)
     */
    public static SurrogateServer start(String bindHost, int port, HostConfig config) throws Exception {
        return start(bindHost, port, config, SecuritySettings.defaults());
    }

    /**
     * Starts a plugin host and serves it. The port is taken and the users file read before the host
     * starts, so that a port in use or a broken users file fails at once rather than after the
     * container has started.
     *
     * @param bindHost the address to listen on, such as {@code "127.0.0.1"}
     * @param port     the port, or 0 for any free one (see {@link #port()})
     * @param config   the host's configuration; its data folder holds the users and the audit log
     * @param settings the security settings and request limits
     * @return the running server
     * @throws IOException if the port cannot be taken
     * @throws Exception if the host or Jetty cannot start
     */
    public static SurrogateServer start(String bindHost, int port, HostConfig config, SecuritySettings settings)
            throws Exception {
        Objects.requireNonNull(config, "config");
        Server jetty = newJetty();
        ServerConnector connector = listen(jetty, bindHost, port);
        Security security;
        SurrogateHost host;
        try {
            security = Security.open(config.dataDir(), settings);
        } catch (Exception | Error e) {
            connector.close();
            throw e;
        }
        try {
            host = SurrogateHost.start(config);
        } catch (Exception | Error e) {
            connector.close();
            security.close();
            throw e;
        }
        return serveOn(jetty, connector, host, security, bindHost, config.dataDir());
    }

    /**
     * Serves a host that is already running; the server owns it from now on and closes it.
     *
     * @param host     the host
     * @param dataDir  the folder of the users, secrets and audit log (the host's data folder)
     * @param bindHost the address to listen on
     * @param port     the port, or 0 for any free one
     * @param settings the security settings and request limits
     * @return the running server
     * @throws IOException if the port cannot be taken or the users file read
     * @throws Exception if Jetty cannot start
     */
    public static SurrogateServer serve(SurrogateHost host, Path dataDir, String bindHost, int port,
                                        SecuritySettings settings) throws Exception {
        Objects.requireNonNull(host, "host");
        Server jetty = newJetty();
        ServerConnector connector;
        Security security;
        try {
            connector = listen(jetty, bindHost, port);
        } catch (Exception | Error e) {
            host.close();
            throw e;
        }
        try {
            security = Security.open(dataDir, settings);
        } catch (Exception | Error e) {
            connector.close();
            host.close();
            throw e;
        }
        return serveOn(jetty, connector, host, security, bindHost, dataDir);
    }

    private static Server newJetty() {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("surrogate-http");
        return new Server(threads);
    }

    private static ServerConnector listen(Server jetty, String bindHost, int port) throws IOException {
        Objects.requireNonNull(bindHost, "bindHost");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], found " + port);
        }
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(bindHost);
        connector.setPort(port);
        try {
            connector.open();
        } catch (IOException e) {
            throw new IOException("cannot listen on " + bindHost + ":" + port + ": " + rootMessage(e)
                    + (port == 0 ? "" : "; is another server running there? Choose another port with --port"), e);
        }
        jetty.addConnector(connector);
        return connector;
    }

    private static SurrogateServer serveOn(Server jetty, ServerConnector connector, SurrogateHost host,
                                           Security security, String bindHost, Path dataDir) throws Exception {
        long maxUploadBytes = security.settings().maxUploadBytes();
        ServletContextHandler context = new ServletContextHandler("/");
        ApiApplication api = new ApiApplication(host, security);
        ServletHolder apiHolder = new ServletHolder("api", new ServletContainer(api));
        apiHolder.setAsyncSupported(true); // the event stream, GET /api/v1/events, is asynchronous
        context.addServlet(apiHolder, "/api/v1/*");
        // Open event streams end when the server starts to stop, rather than hold up the graceful stop.
        jetty.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(org.eclipse.jetty.util.component.LifeCycle event) {
                api.closeEventStreams();
            }
        });
        // The web console's pages and assets, at / (the default servlet) and /ui/, /webjars/.
        WebUi.install(context, dataDir);
        context.setErrorHandler(new JsonServletErrorHandler());
        // Refuses bodies past the limit by Content-Length before they are read, and streamed ones
        // as soon as they pass it, so an upload can never fill the disk or the heap.
        SizeLimitHandler limit = new SizeLimitHandler(maxUploadBytes, -1);
        limit.setHandler(context);
        // On stop, requests in flight (an upload, a trial wait) get a few seconds to finish.
        GracefulHandler graceful = new GracefulHandler();
        graceful.setHandler(limit);
        jetty.setHandler(graceful);
        jetty.setStopTimeout(STOP_TIMEOUT_MS);
        jetty.setErrorHandler(new JsonErrorHandler(maxUploadBytes));
        SurrogateServer server = new SurrogateServer(jetty, connector, host, security, bindHost);
        try {
            jetty.start();
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /**
     * The port listened on (the actual one when started with port 0).
     *
     * @return the port
     */
    public int port() {
        return connector.getLocalPort();
    }

    /**
     * The server's base URL, such as {@code http://127.0.0.1:8080}.
     *
     * @return the URL, without a trailing slash
     */
    public String url() {
        String h = bindHost.contains(":") ? "[" + bindHost + "]" : bindHost;
        return "http://" + h + ":" + port();
    }

    /**
     * The plugin host served.
     *
     * @return the host
     */
    public SurrogateHost host() {
        return host;
    }

    /**
     * The users, sessions and audit log served.
     *
     * @return the security state
     */
    public Security security() {
        return security;
    }

    /**
     * Waits until the server is stopped by {@link #close()} (from another thread, such as a shutdown
     * hook).
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /** Stops Jetty, then the plugin host, then closes the audit log; a second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Exception jettyFailure = null;
        try {
            jetty.stop();
        } catch (Exception e) {
            jettyFailure = e;
        } finally {
            try {
                host.close();
            } finally {
                security.close();
            }
        }
        if (jettyFailure != null) {
            throw new IllegalStateException("Jetty did not stop cleanly: " + jettyFailure.getMessage(), jettyFailure);
        }
    }
}
