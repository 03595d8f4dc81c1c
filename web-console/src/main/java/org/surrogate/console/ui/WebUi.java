package org.surrogate.console.ui;

import jakarta.servlet.DispatcherType;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ResourceServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * Adds the web console to a servlet context: the pages ({@link PageServlet}, the default servlet),
 * the console's own scripts and style sheet under {@value #ASSETS_PATH}, Apache ECharts from its
 * WebJar under {@value #ECHARTS_PATH}, and the security headers of every response
 * ({@link SecurityHeadersFilter}). Assets are served from the class path by Jetty's
 * {@link ResourceServlet} (ETags, conditional and range requests).
 *
 * <pre>{@code
 * ServletContextHandler context = new ServletContextHandler("/");
 * context.addServlet(api, "/api/v1/*");
 * WebUi.install(context, dataDir);
 * }</pre>
 */
public final class WebUi {

    /** Where the console's scripts, style sheet and icon are served. */
    public static final String ASSETS_PATH = "/ui/";
    /** Where ECharts is served: {@code /webjars/echarts/VERSION/dist/echarts.min.js}. */
    public static final String ECHARTS_PATH = "/webjars/echarts/";

    /** The class path folder of the pages and assets. */
    static final String RESOURCES = "org/surrogate/console/ui/";
    private static final String ECHARTS_RESOURCES = "META-INF/resources/webjars/echarts/";

    private WebUi() {
    }

    /**
     * Adds the console's servlets and filter to a context whose API is mapped under {@code /api/v1/*}.
     *
     * @param context the servlet context, at {@code /}
     * @param dataDir the server's data folder (the login page names the initial admin password file
     *                in it while that file exists)
     * @throws IllegalStateException if the console's resources or the ECharts WebJar are not on the
     *                               class path
     */
    public static void install(ServletContextHandler context, Path dataDir) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(dataDir, "dataDir");
        context.addFilter(new FilterHolder(new SecurityHeadersFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        // The console's own files change with each build: browsers revalidate them (ETag) every time.
        context.addServlet(resources("ui-assets", RESOURCES + "assets/", "no-cache"), ASSETS_PATH + "*");
        // The WebJar's path carries its version, so a browser may keep it.
        context.addServlet(resources("ui-echarts", ECHARTS_RESOURCES, "public, max-age=31536000, immutable"),
                ECHARTS_PATH + "*");
        context.addServlet(new ServletHolder("ui-pages", new PageServlet(dataDir, UiSettings.load())), "/");
    }

    private static ServletHolder resources(String name, String classPathFolder, String cacheControl) {
        ServletHolder holder = new ServletHolder(name, ResourceServlet.class);
        holder.setInitParameter("baseResource", classPathUri(classPathFolder));
        holder.setInitParameter("pathInfoOnly", "true");
        holder.setInitParameter("dirAllowed", "false");
        holder.setInitParameter("etags", "true");
        holder.setInitParameter("cacheControl", cacheControl);
        return holder;
    }

    private static String classPathUri(String folder) {
        URL url = WebUi.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalStateException("web console: class path folder '" + folder + "' is missing; the"
                    + " web-console jar or the ECharts WebJar (org.webjars.npm:echarts) is not on the class path");
        }
        try {
            return url.toURI().toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("web console: class path folder '" + folder + "' has no valid URI: "
                    + url, e);
        }
    }
}
