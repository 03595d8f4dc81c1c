package org.surrogate.console.ui;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.surrogate.console.security.Security;

/**
 * The default servlet of the console: answers each page's route with its HTML, and any other path
 * with a 404, as an HTML page for browsers and as JSON (through the context's error handler) for
 * everything else. The pages are read from the class path once; they hold no user data, so they
 * need no authentication: their scripts ask {@code GET /api/v1/session} and send the browser to
 * {@code /login} when it answers 401.
 *
 * <p>Routes: {@code /} (dashboard), {@code /login}, {@code /plugins}, {@code /catalog} (plugin catalogs),
 * {@code /experiments/new} (editor), {@code /experiments/ID}, {@code /runs/ID}, {@code /search},
 * {@code /compare}.
 */
final class PageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Ids of experiments and runs as the scheduler makes them; anything else is not a page. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final String HINT_MARK = "<!--initial-password-hint-->";
    private static final String ECHARTS_MARK = "@ECHARTS_VERSION@";
    private static final List<String> PAGES = List.of("dashboard", "login", "plugins", "catalog", "editor",
            "experiment", "run", "search", "compare", "not-found");

    private final transient Path passwordFile;
    private final Map<String, String> pages = new LinkedHashMap<>();

    /**
     * Reads the pages.
     *
     * @param dataDir  the server's data folder, for the initial admin password file
     * @param settings the build facts the pages are filled in with
     * @throws IllegalStateException if a page is missing from the class path
     */
    PageServlet(Path dataDir, UiSettings settings) {
        this.passwordFile = dataDir.toAbsolutePath().normalize().resolve(Security.SECRETS_DIR)
                .resolve(Security.INITIAL_ADMIN_PASSWORD);
        for (String name : PAGES) {
            pages.put(name, read(name).replace(ECHARTS_MARK, settings.echartsVersion()));
        }
    }

    private static String read(String page) {
        String resource = WebUi.RESOURCES + "pages/" + page + ".html";
        try (InputStream in = PageServlet.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("web console: page " + resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("web console: cannot read " + resource, e);
        }
    }

    /**
     * The page of a path.
     *
     * @param path the request path, such as {@code /runs/e1-00001}
     * @return the page's name, or empty if the path is no page
     */
    static Optional<String> pageOf(String path) {
        String p = path == null || path.isEmpty() ? "/" : path;
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        switch (p) {
            case "/":
                return Optional.of("dashboard");
            case "/login":
            case "/plugins":
            case "/catalog":
            case "/search":
            case "/compare":
                return Optional.of(p.substring(1));
            case "/experiments/new":
                return Optional.of("editor");
            default:
                break;
        }
        for (String prefix : List.of("/experiments/", "/runs/")) {
            if (p.startsWith(prefix) && ID.matcher(p.substring(prefix.length())).matches()) {
                return Optional.of(prefix.equals("/runs/") ? "run" : "experiment");
            }
        }
        return Optional.empty();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        Optional<String> page = pageOf(path);
        if (page.isEmpty()) {
            String accept = request.getHeader("Accept");
            if (accept == null || !accept.contains("text/html")) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            page = Optional.of("not-found");
        }
        String html = pages.get(page.get());
        if (page.get().equals("login")) {
            html = html.replace(HINT_MARK, loginHint());
        }
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html;charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Names the initial admin password file while it exists, as Jenkins does on its first start. */
    private String loginHint() {
        if (!Files.isRegularFile(passwordFile)) {
            return "";
        }
        return "<p class=\"hint\" id=\"initial-password-hint\">First start? Log in as <b>admin</b> with the password"
                + " in <code>" + escape(passwordFile.toString()) + "</code> on the server, then change it.</p>";
    }

    /**
     * Escapes text for HTML.
     *
     * @param s the text
     * @return the text with {@code & < > " '} escaped
     */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
