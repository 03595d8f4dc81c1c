package org.surrogate.console.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.surrogate.console.api.TestServer;
import org.surrogate.console.security.Security;

/** The console's pages and assets over a real Jetty (with a fake plugin host). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiTest {

    private static final Map<String, String> BROWSER = Map.of("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = new TestServer();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void mapsEachRouteToItsPage() {
        assertEquals(Optional.of("dashboard"), PageServlet.pageOf("/"));
        assertEquals(Optional.of("login"), PageServlet.pageOf("/login"));
        assertEquals(Optional.of("plugins"), PageServlet.pageOf("/plugins/"));
        assertEquals(Optional.of("catalog"), PageServlet.pageOf("/catalog"));
        assertEquals(Optional.of("editor"), PageServlet.pageOf("/experiments/new"));
        assertEquals(Optional.of("experiment"), PageServlet.pageOf("/experiments/e20250101-120000-ab12"));
        assertEquals(Optional.of("run"), PageServlet.pageOf("/runs/e20250101-120000-ab12-00003"));
        assertEquals(Optional.of("search"), PageServlet.pageOf("/search"));
        assertEquals(Optional.of("compare"), PageServlet.pageOf("/compare"));
        assertEquals(Optional.empty(), PageServlet.pageOf("/runs/../secrets"));
        assertEquals(Optional.empty(), PageServlet.pageOf("/runs/a/b"));
        assertEquals(Optional.empty(), PageServlet.pageOf("/index.html"));
    }

    @Test
    void servesPagesWithTheirScriptsAndSecurityHeaders() throws Exception {
        for (String path : new String[] {"/", "/login", "/plugins", "/catalog", "/experiments/new", "/experiments/e1",
            "/runs/r1", "/search", "/compare"}) {
            HttpResponse<String> r = server.sendWith("GET", path, BROWSER, null, null);
            assertEquals(200, r.statusCode(), path);
            assertEquals("text/html;charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow(), path);
            assertTrue(r.headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'self'"));
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElseThrow());
            assertFalse(r.body().contains("<script>"), path + " has an inline script");
            Matcher scripts = Pattern.compile("src=\"(/[^\"]+\\.js)\"").matcher(r.body());
            int count = 0;
            while (scripts.find()) {
                count++;
                HttpResponse<String> js = server.get(scripts.group(1));
                assertEquals(200, js.statusCode(), scripts.group(1) + " of " + path);
                assertTrue(js.headers().firstValue("Content-Type").orElseThrow().contains("javascript"));
            }
            assertTrue(count >= 1, path + " loads no script");
        }
    }

    @Test
    void servesEchartsFromItsWebJarAndTheStyleSheet() throws Exception {
        HttpResponse<String> page = server.sendWith("GET", "/runs/r1", BROWSER, null, null);
        Matcher m = Pattern.compile("src=\"(/webjars/echarts/[^\"]+)\"").matcher(page.body());
        assertTrue(m.find(), page.body());
        HttpResponse<String> echarts = server.get(m.group(1));
        assertEquals(200, echarts.statusCode(), m.group(1));
        assertTrue(echarts.body().length() > 500_000, "echarts.min.js is " + echarts.body().length() + " chars");
        assertTrue(echarts.headers().firstValue("Cache-Control").orElseThrow().contains("immutable"));
        HttpResponse<String> css = server.get("/ui/style.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("ETag").isPresent());
    }

    @Test
    void loginPageNamesThePasswordFileOnlyWhileItExists() throws Exception {
        java.nio.file.Path file = server.data.resolve(Security.SECRETS_DIR).resolve(Security.INITIAL_ADMIN_PASSWORD);
        String page = server.sendWith("GET", "/login", BROWSER, null, null).body();
        assertTrue(page.contains("<code>" + file.toAbsolutePath().normalize() + "</code>"), page);
        assertFalse(page.contains(Files.readString(file).strip()), "the login page shows the password itself");
        byte[] password = Files.readAllBytes(file);
        Files.delete(file);
        try {
            assertFalse(server.sendWith("GET", "/login", BROWSER, null, null).body()
                    .contains("initial-password-hint"));
        } finally {
            Files.write(file, password);
        }
    }

    @Test
    void answersUnknownPathsWithAnHtmlPageForBrowsersAndJsonOtherwise() throws Exception {
        HttpResponse<String> html = server.sendWith("GET", "/no/such/page", BROWSER, null, null);
        assertEquals(404, html.statusCode());
        assertTrue(html.body().contains("There is no page at this address"), html.body());
        HttpResponse<String> json = server.get("/no/such/page");
        assertEquals(404, json.statusCode());
        assertTrue(TestServer.json(json).get("error").asText().startsWith("Not Found: GET /no/such/page"));
        assertEquals(404, server.get("/ui/no-such-asset.js").statusCode());
        HttpResponse<String> listing = server.sendWith("GET", "/ui/js/", BROWSER, null, null);
        assertFalse(listing.body().contains("common.js"), "a folder listing of the assets");
    }

    @Test
    void escapesTextForHtml() {
        assertEquals("&lt;b a=&quot;1&quot;&gt;&amp;&#39;", PageServlet.escape("<b a=\"1\">&'"));
    }

    @Test
    void refusesAnInvalidEchartsVersion() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UiSettings("${x}"));
        assertEquals("echarts.version: expected a version such as 5.3.1, found '${x}'", e.getMessage());
    }
}
