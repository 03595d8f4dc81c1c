package org.surrogate.framework.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.surrogate.framework.catalog.Entries.entry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

/** The catalog service over a folder served by the JDK's HTTP server, with an in-memory bundle manager. */
class CatalogServiceTest {

    @TempDir
    Path data;
    @TempDir
    Path site;
    private HttpServer http;
    private FakeBundles bundles;
    private CatalogService service;

    @BeforeEach
    void start() throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            Path file = site.resolve(exchange.getRequestURI().getPath().substring(1));
            try (exchange) {
                if (!Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        http.start();
        bundles = new FakeBundles(data.resolve("bundle-store"));
        service = service(CatalogFetcher.Limits.defaults());
    }

    private CatalogService service(CatalogFetcher.Limits limits) {
        return new CatalogService(new CatalogStore(data, Clock.systemUTC()), new CatalogFetcher(limits), bundles,
                data.resolve("bundle-store"), Version.parseVersion("1.1.0"), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/";
    }

    private void publish(CatalogEntry... entries) throws IOException {
        for (CatalogEntry e : entries) {
            Files.write(site.resolve(e.url()), Entries.jar(e.symbolicName(), e.version()));
        }
        Files.write(site.resolve("index.json"), new CatalogIndex(1, "site", null, List.of(entries)).toJson());
    }

    @Test
    void listsWhatIsAvailableInstalledAndUpdatableAndInstallsOverHttp() throws Exception {
        publish(entry("a", "1.0.0", "[1.0,2)"), entry("a", "1.2.0", "[1.0,2)", "b [1,2)"), entry("b", "1.0.0", null),
                entry("c", "1.0.0", "[2.0,3)"));
        bundles.preinstall("a", "1.0.0");
        service.addLocation("site", url(), "admin");

        CatalogListing l = service.available();
        assertEquals(List.of(), l.problems());
        assertEquals("1.1.0", l.pluginsApi());
        assertEquals(List.of("a 1.2.0 update", "a 1.0.0 installed", "b 1.0.0 available", "c 1.0.0 incompatible"),
                l.bundles().stream().map(b -> b.symbolicName() + " " + b.version() + " " + b.status()).toList());
        assertEquals(List.of(new CatalogListing.Update("a", "1.0.0", "1.2.0", "site")), l.updates());

        InstallResult dry = service.update(List.of(), true);
        assertEquals(List.of("b", "a"), dry.steps().stream().map(Plan.Step::symbolicName).toList());
        assertEquals(Map.of("a", "1.0.0 upload"), bundles.versions(), "a dry run changes nothing");

        InstallResult done = service.update(List.of(), false);
        assertEquals(2, done.bundles().size());
        assertEquals(Map.of("a", "1.2.0 catalog:site", "b", "1.0.0 catalog:site"), bundles.versions());
        assertEquals(List.of(), service.available().updates());
        assertEquals(List.of(), service.update(List.of(), false).steps(), "nothing left to update");
    }

    @Test
    void locationsArePersistedAndACatalogWhoseIndexIsBadIsNotAdded() throws Exception {
        publish(entry("a", "1.0.0", null));
        service.addLocation("site", url(), "admin");
        assertEquals("site", service(CatalogFetcher.Limits.defaults()).locations().get(0).name(), "reopened");
        assertEquals("a catalog named 'site' exists already (" + url() + "); remove it first or choose another name",
                assertThrows(IllegalStateException.class, () -> service.addLocation("site", url(), null)).getMessage());

        Files.createDirectories(site.resolve("bad"));
        Files.writeString(site.resolve("bad/index.json"), "{\"format\":1,\"bundles\":[{\"symbolicName\":\"x\","
                + "\"version\":\"1.0.0\",\"url\":\"x.jar\"}]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> service.addLocation("bad", url() + "bad/", null));
        assertEquals("catalog 'bad' (" + url() + "bad/index.json): bundles[0] ('x' 1.0.0): sha256: required; a catalog"
                + " must give every bundle's SHA-256 so that the server can check what it downloads", e.getMessage());
        assertEquals(List.of("site"), service.locations().stream().map(CatalogLocation::name).toList());

        CatalogFetcher.FetchException missing = assertThrows(CatalogFetcher.FetchException.class,
                () -> service.addLocation("none", url() + "nowhere/", null));
        assertEquals("catalog 'none' index: " + url() + "nowhere/index.json answered HTTP 404", missing.getMessage());
        assertEquals("location: a folder must be given as an absolute path, found 'relative/dir'",
                assertThrows(IllegalArgumentException.class, () -> service.addLocation("rel", "relative/dir", null))
                        .getMessage());
    }

    @Test
    void aBundleLargerThanTheLimitIsRefusedAndNothingChanges() throws Exception {
        publish(entry("a", "1.0.0", null), entry("big", "1.0.0", null, "a 1.0"));
        Files.write(site.resolve("big-1.0.0.jar"), new byte[4096]);
        CatalogService small = service(new CatalogFetcher.Limits(Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5), 1 << 20, 1000));
        small.addLocation("site", url(), null);
        CatalogFetcher.FetchException e = assertThrows(CatalogFetcher.FetchException.class,
                () -> small.install(List.of(BundleRequest.parse("big")), false));
        assertEquals("catalog 'site': bundle 'big' 1.0.0: " + url() + "big-1.0.0.jar is 4096 bytes, more than the"
                + " limit of 1000", e.getMessage());
        assertEquals(Map.of(), bundles.versions());
    }

    @Test
    void aRemoteIndexMayNotPointAtFilesOnTheServer() throws Exception {
        Path secret = Files.writeString(data.resolve("secret.jar"), "x");
        CatalogEntry e = new CatalogEntry("x", "1.0.0", null, null, null, null, null, null, secret.toUri().toString(),
                null, CatalogInstaller.sha256("x".getBytes(StandardCharsets.UTF_8)), null);
        Files.write(site.resolve("index.json"), new CatalogIndex(1, null, null, List.of(e)).toJson());
        service.addLocation("site", url(), null);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> service.install(List.of(BundleRequest.parse("x")), false));
        assertTrue(ex.getMessage().startsWith("catalog 'site': bundle 'x' 1.0.0: url '" + secret.toUri()
                + "' resolves to "), ex.getMessage());
        assertTrue(ex.getMessage().endsWith("a remote catalog may only point at http(s) URLs"), ex.getMessage());
    }

    @Test
    void anUnreachableCatalogIsAProblemInTheListingNotAnError() throws Exception {
        publish(entry("a", "1.0.0", null));
        service.addLocation("site", url(), null);
        http.stop(0);
        CatalogListing l = service.available();
        assertEquals(List.of(), l.bundles());
        assertEquals(1, l.problems().size());
        assertTrue(l.problems().get(0).startsWith("catalog 'site' index: cannot fetch " + url() + "index.json"),
                l.problems().toString());
    }
}
