package org.surrogate.console;

import java.io.IOException;
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
import org.surrogate.framework.HostConfig;
import org.surrogate.framework.SurrogateHost;

/**
 * A running Surrogate server: Jetty serving the REST API under {@code /api/v1} in front of a plugin
 * host. Closing it stops Jetty, then the host.
 *
 * <pre>{@code
 * try (SurrogateServer server = SurrogateServer.start("127.0.0.1", 0, config)) {
 *     URI health = URI.create(server.url() + "/api/v1/health");
 *     ...
 * }
 * }</pre>
 */
public final class SurrogateServer implements AutoCloseable {

    /** The largest request body accepted (a bundle upload): 200 MB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 200L << 20;

    private static final long STOP_TIMEOUT_MS = 5_000;

    private final Server jetty;
    private final ServerConnector connector;
    private final SurrogateHost host;
    private final String bindHost;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SurrogateServer(Server jetty, ServerConnector connector, SurrogateHost host, String bindHost) {
        this.jetty = jetty;
        this.connector = connector;
        this.host = host;
        this.bindHost = bindHost;
    }

    /**
     * Starts a plugin host and serves it. The port is taken before the host starts, so that a port
     * in use fails at once rather than after the container has started.
     *
     * @param bindHost the address to listen on, such as {@code "127.0.0.1"}
     * @param port     the port, or 0 for any free one (see {@link #port()})
     * @param config   the host's configuration
     * @return the running server
     * @throws IOException if the port cannot be taken
     * @throws Exception if the host or Jetty cannot start
     */
    public static SurrogateServer start(String bindHost, int port, HostConfig config) throws Exception {
        Objects.requireNonNull(config, "config");
        Server jetty = newJetty();
        ServerConnector connector = listen(jetty, bindHost, port);
        SurrogateHost host;
        try {
            host = SurrogateHost.start(config);
        } catch (Exception | Error e) {
            connector.close();
            throw e;
        }
        return serveOn(jetty, connector, host, bindHost, DEFAULT_MAX_UPLOAD_BYTES);
    }

    /**
     * Serves a host that is already running; the server owns it from now on and closes it.
     *
     * @param host           the host
     * @param bindHost       the address to listen on
     * @param port           the port, or 0 for any free one
     * @param maxUploadBytes the largest request body accepted
     * @return the running server
     * @throws IOException if the port cannot be taken
     * @throws Exception if Jetty cannot start
     */
    public static SurrogateServer serve(SurrogateHost host, String bindHost, int port, long maxUploadBytes)
            throws Exception {
        Objects.requireNonNull(host, "host");
        Server jetty = newJetty();
        return serveOn(jetty, listen(jetty, bindHost, port), host, bindHost, maxUploadBytes);
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
                                           String bindHost, long maxUploadBytes) throws Exception {
        if (maxUploadBytes <= 0) {
            throw new IllegalArgumentException("maxUploadBytes must be positive, found " + maxUploadBytes);
        }
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder("api", new ServletContainer(new ApiApplication(host))), "/api/v1/*");
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
        SurrogateServer server = new SurrogateServer(jetty, connector, host, bindHost);
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
     * Waits until the server is stopped by {@link #close()} (from another thread, such as a shutdown
     * hook).
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /** Stops Jetty, then the plugin host; a second call does nothing. */
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
            host.close();
        }
        if (jettyFailure != null) {
            throw new IllegalStateException("Jetty did not stop cleanly: " + jettyFailure.getMessage(), jettyFailure);
        }
    }
}
