package org.surrogate.framework.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.surrogate.framework.HostConfig;
import org.surrogate.framework.bundles.BundleInfo;
import org.surrogate.framework.bundles.BundleRejectedException;
import org.surrogate.framework.catalog.BundleRequest;
import org.surrogate.framework.catalog.CatalogEntry;
import org.surrogate.framework.catalog.CatalogIndex;
import org.surrogate.framework.catalog.Dependency;
import org.surrogate.framework.catalog.IndexWriter;
import org.surrogate.framework.catalog.InstallResult;
import org.surrogate.framework.testbundles.TestBundles;

/** Installing from a folder catalog into a real container, and the whole rollback when a step fails. */
class CatalogInstallIT {

    @TempDir
    Path data;
    @TempDir
    Path catalog;
    private FelixHost host;

    @BeforeEach
    void start() throws Exception {
        host = FelixHost.start(new HostConfig(data,
                Path.of(System.getProperty("surrogate.systemBundles", "target/system-bundles")), null, false));
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    private Map<String, String> installed() {
        Map<String, String> out = new TreeMap<>();
        for (BundleInfo b : host.bundles().list()) {
            out.put(b.symbolicName(), b.version() + " " + b.source());
        }
        return out;
    }

    /** Publishes the jars with the index writer, then adds dependencies to the index by hand. */
    private void publish(Map<String, List<Dependency>> deps) throws Exception {
        Files.write(catalog.resolve("constant-2.jar"), TestBundles.constant("t.constant", "2.0.0", 2f));
        Files.write(catalog.resolve("score.jar"), TestBundles.scoreProtocol("t.score"));
        Files.write(catalog.resolve("bad.jar"), TestBundles.throwingComponent("t.bad"));
        Files.write(catalog.resolve("api2.jar"), TestBundles.needsApi2("t.api2"));
        CatalogIndex index = new IndexWriter(true, Clock.systemUTC()).write(catalog, "test").index();
        List<CatalogEntry> entries = new ArrayList<>();
        for (CatalogEntry e : index.bundles()) {
            entries.add(new CatalogEntry(e.symbolicName(), e.version(), e.name(), e.description(), e.kinds(),
                    e.plugins(), e.paper(), e.pluginsApi(), e.url(), e.size(), e.sha256(),
                    deps.getOrDefault(e.symbolicName(), List.of())));
        }
        Files.write(catalog.resolve("index.json"), new CatalogIndex(1, "test", null, entries).toJson());
    }

    @Test
    void aBundleRefusedAtStartRollsBackTheWholeInstall() throws Exception {
        host.bundles().install("c1.jar", TestBundles.constant("t.constant", "1.0.0", 1f), null, "upload");
        publish(Map.of("t.bad", List.of(new Dependency("t.constant", "[2,3)"), new Dependency("t.score", "1.0"))));
        host.catalog().addLocation("lab", catalog.toString(), "admin");
        Map<String, String> before = installed();

        BundleRejectedException e = assertThrows(BundleRejectedException.class,
                () -> host.catalog().install(List.of(BundleRequest.parse("t.bad")), false));
        assertTrue(e.getMessage().startsWith("installing from the catalogs failed at step 3 of 3 (install bundle"
                + " 't.bad' 1.0.0 from catalog 'lab'): 'bad.jar' (bundle 't.bad' 1.0.0) is refused"), e.getMessage());
        assertTrue(e.getMessage().endsWith("rolled back: 't.score' uninstalled, 't.constant' restored to 1.0.0")
                || e.getMessage().endsWith("rolled back: 't.constant' restored to 1.0.0, 't.score' uninstalled"),
                e.getMessage());
        assertEquals(before, installed());
        assertEquals("1.0.0", host.plugins().find("test-constant").orElseThrow().version());
    }

    @Test
    void installsWithDependenciesAndRefusesAnotherPluginsApi() throws Exception {
        publish(Map.of("t.score", List.of(new Dependency("t.constant", "[2,3)"))));
        host.catalog().addLocation("lab", catalog.toString(), "admin");
        InstallResult r = host.catalog().install(List.of(BundleRequest.parse("t.score")), false);
        assertEquals(List.of("t.constant", "t.score"), r.steps().stream().map(s -> s.symbolicName()).toList());
        assertEquals(Map.of("t.constant", "2.0.0 catalog:lab", "t.score", "1.0.0 catalog:lab"), installed());
        assertEquals("2.0.0", host.plugins().find("test-constant").orElseThrow().version());

        IllegalStateException api = assertThrows(IllegalStateException.class,
                () -> host.catalog().install(List.of(BundleRequest.parse("t.api2")), false));
        assertEquals("no version of bundle 't.api2' fits this server's plugins-api "
                + host.catalog().pluginsApi() + ": 1.0.0 needs plugins-api [2.0.0,3.0.0); not installed",
                api.getMessage());
        assertEquals(Map.of("t.constant", "2.0.0 catalog:lab", "t.score", "1.0.0 catalog:lab"), installed());
    }
}
