package org.surrogate.framework.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.surrogate.api.param.InvalidParamsException;
import org.surrogate.framework.HostConfig;
import org.surrogate.framework.bundles.BundleInfo;
import org.surrogate.framework.bundles.BundleRejectedException;
import org.surrogate.framework.plugins.PluginInfo;
import org.surrogate.framework.testbundles.TestBundles;
import org.surrogate.framework.trials.SlotBinding;
import org.surrogate.framework.trials.TrialHandle;
import org.surrogate.framework.trials.TrialRequest;
import org.surrogate.framework.trials.TrialResult;
import org.surrogate.framework.trials.TrialStatus;

/** The plugin host on a real Felix container with SCR: install, run, update, uninstall, bad bundles. */
class FelixHostIT {

    @TempDir
    Path data;
    private FelixHost host;

    @BeforeEach
    void start() throws Exception {
        host = FelixHost.start(config(false));
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    private HostConfig config(boolean hotDeploy) {
        return new HostConfig(data, Path.of(System.getProperty("surrogate.systemBundles", "target/system-bundles")),
                null, hotDeploy);
    }

    private TrialRequest scoreRequest(int millis) {
        return new TrialRequest("test-score", Map.of(),
                Map.of("recommenders", List.of(new SlotBinding("test-constant", Map.of("millis", millis), null))), 7);
    }

    private TrialResult run(TrialRequest request) throws Exception {
        return host.trials().start(request).await(Duration.ofSeconds(30));
    }

    @Test
    void installedPluginsAreListedAndRunInATrial() throws Exception {
        host.bundles().install("score.jar", TestBundles.scoreProtocol("t.score"), null, "upload");
        BundleInfo b = host.bundles().install("constant.jar", TestBundles.constant("t.constant", "1.0.0", 3f), null,
                "upload");
        assertEquals(List.of("test-constant"), b.plugins());
        PluginInfo p = host.plugins().find("test-constant").orElseThrow();
        assertEquals("1.0.0", p.version());
        assertEquals("t.constant", p.bundle());

        TrialResult r = run(scoreRequest(0));
        assertEquals(TrialStatus.SUCCEEDED, r.status(), r.message());
        assertEquals(3.0, r.results().get("test-constant/score0"));
        assertEquals("1.0.0", r.pluginVersions().get("test-constant"));
        assertTrue(Files.exists(data.resolve("runs").resolve(r.trialId()).resolve("run.json")));
        org.surrogate.repository.RunRecord rec = host.runs().get(r.trialId()).orElseThrow();
        assertEquals(org.surrogate.repository.RunStatus.SUCCEEDED, rec.status());
        assertEquals(3.0, rec.metrics().get("test-constant/score0"));
        assertTrue(rec.plugins().stream().anyMatch(u -> u.id().equals("test-constant") && u.version().equals("1.0.0")
                && u.bundleSha256() != null && u.bundleSha256().length() == 64), rec.plugins().toString());
        assertEquals(1, host.runs().search(org.surrogate.repository.SearchRequest.of(
                "plugin:test-constant AND status:succeeded", 10)).total());
    }

    @Test
    void updateLetsARunningTrialFinishOnTheOldVersion() throws Exception {
        host.bundles().install("score.jar", TestBundles.scoreProtocol("t.score"), null, "upload");
        host.bundles().install("c1.jar", TestBundles.constant("t.constant", "1.0.0", 1f), null, "upload");
        WeakReference<Class<?>> v1Class = new WeakReference<>(
                host.plugins().instance("test-constant").orElseThrow().getClass());
        TrialHandle old = host.trials().start(scoreRequest(1500));
        Thread.sleep(200);
        host.bundles().update("t.constant", "c2.jar", TestBundles.constant("t.constant", "2.0.0", 2f), null);
        assertEquals("2.0.0", host.plugins().find("test-constant").orElseThrow().version());

        TrialResult fresh = run(scoreRequest(0));
        assertEquals(2.0, fresh.results().get("test-constant/score0"));
        assertEquals("2.0.0", fresh.pluginVersions().get("test-constant"));

        TrialResult first = old.await(Duration.ofSeconds(30));
        assertEquals(TrialStatus.SUCCEEDED, first.status(), first.message());
        assertEquals(1.0, first.results().get("test-constant/score0"));
        assertEquals("1.0.0", first.pluginVersions().get("test-constant"));
        // Once its last trial has ended, the old version is gone, class loader included.
        assertEquals(List.of("t.constant 2.0.0", "t.score 1.0.0"),
                host.bundles().list().stream().map(b -> b.symbolicName() + " " + b.version()).toList());
        assertCollected(v1Class);
    }

    private static void assertCollected(WeakReference<?> ref) throws InterruptedException {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertNull(ref.get(), "the old bundle's class (and so its class loader) is still reachable");
    }

    @Test
    void uninstallCancelsRunningTrialsAndLeaksNoClassLoader() throws Exception {
        host.bundles().install("score.jar", TestBundles.scoreProtocol("t.score"), null, "upload");
        host.bundles().install("c1.jar", TestBundles.constant("t.constant", "1.0.0", 1f), null, "upload");
        WeakReference<Class<?>> pluginClass = new WeakReference<>(
                host.plugins().instance("test-constant").orElseThrow().getClass());
        TrialHandle running = host.trials().start(scoreRequest(20_000));
        Thread.sleep(200);
        host.bundles().uninstall("t.constant");

        TrialResult r = running.await(Duration.ofSeconds(5));
        assertEquals(TrialStatus.CANCELLED, r.status());
        assertTrue(r.message().contains("bundle 't.constant' 1.0.0 was uninstalled"), r.message());
        assertTrue(host.plugins().find("test-constant").isEmpty());
        assertTrue(host.bundles().list().stream().noneMatch(b -> b.symbolicName().equals("t.constant")));

        assertCollected(pluginClass);
    }

    @Test
    void refusesBadBundlesAndKeepsInstalledPluginsWorking() throws Exception {
        host.bundles().install("score.jar", TestBundles.scoreProtocol("t.score"), null, "upload");
        host.bundles().install("c1.jar", TestBundles.constant("t.constant", "1.0.0", 1f), null, "upload");

        assertRefused("'x.jar' is not a jar file (no zip header)", "x.jar", "hello".getBytes());
        assertRefused("'plain.jar' is not an OSGi bundle: its manifest has no Bundle-SymbolicName (build it with bnd)",
                "plain.jar", TestBundles.plainJar());
        assertTrue(refusal("api2.jar", TestBundles.needsApi2("t.api2"))
                .startsWith("'api2.jar' (bundle 't.api2' 1.0.0) cannot start: it needs plugins-api packages this server "
                        + "does not provide"));
        assertTrue(refusal("act.jar", TestBundles.throwingActivator("t.act"))
                .startsWith("'act.jar' (bundle 't.act' 1.0.0) cannot start: Activator start error"));
        assertEquals("'comp.jar' (bundle 't.comp' 1.0.0) is refused: a recommender component failed to activate "
                + "(its constructor or activate method threw; see the server log)",
                refusal("comp.jar", TestBundles.throwingComponent("t.comp")));
        assertEquals("'dup.jar' (bundle 't.dup' 1.0.0) is refused: plugin id 'test-constant' is already registered "
                + "by bundle 't.constant' 1.0.0; ignored",
                refusal("dup.jar", TestBundles.constant("t.dup", "1.0.0", 9f)));
        assertEquals("'sum.jar': its sha256 is " + BundleManagerImpl.sha256(TestBundles.constant("t.x", "1", 1f))
                + ", expected 00; not installed",
                assertThrows(BundleRejectedException.class, () -> host.bundles().install("sum.jar",
                        TestBundles.constant("t.x", "1", 1f), "00", "upload")).getMessage());

        // Nothing refused stayed installed, and what was installed still works.
        assertEquals(List.of("t.constant", "t.score"),
                host.bundles().list().stream().map(BundleInfo::symbolicName).toList());
        assertEquals(1.0, run(scoreRequest(0)).results().get("test-constant/score0"));
    }

    @Test
    void failedUpdateKeepsTheOldVersionRunning() throws Exception {
        host.bundles().install("score.jar", TestBundles.scoreProtocol("t.score"), null, "upload");
        host.bundles().install("c1.jar", TestBundles.constant("t.constant", "1.0.0", 1f), null, "upload");
        BundleRejectedException e = assertThrows(BundleRejectedException.class,
                () -> host.bundles().update("t.constant", "bad.jar", TestBundles.needsApi2("t.constant"), null));
        assertTrue(e.getMessage().endsWith("version 1.0.0 keeps running"), e.getMessage());
        assertEquals("1.0.0", host.plugins().find("test-constant").orElseThrow().version());
        assertEquals(1.0, run(scoreRequest(0)).results().get("test-constant/score0"));
    }

    @Test
    void rejectsBadTrialRequestsWithEveryProblemAtOnce() throws Exception {
        host.bundles().install("score.jar", TestBundles.scoreProtocol("t.score"), null, "upload");
        host.bundles().install("c1.jar", TestBundles.constant("t.constant", "1.0.0", 1f), null, "upload");
        TrialRequest bad = new TrialRequest("test-score", Map.of("x", 1), Map.of(
                "recommenders", List.of(new SlotBinding("test-constant", Map.of("millis", -1), null),
                        SlotBinding.of("nope")),
                "extra", List.of(SlotBinding.of("test-constant"))), 1);
        InvalidParamsException e = assertThrows(InvalidParamsException.class, () -> host.trials().start(bad));
        assertEquals(List.of(
                "params.x: unknown parameter; accepted: none",
                "slots.recommenders[0].params.millis: expected an integer >= 0, found -1",
                "slots.recommenders[1].plugin: no plugin 'nope' is installed; installed recommenders: test-constant",
                "slots.extra: protocol 'test-score' has no such slot; it has: recommenders"), e.problems());
    }

    @Test
    void installedBundlesSurviveARestart() throws Exception {
        host.bundles().install("score.jar", TestBundles.scoreProtocol("t.score"), null, "upload");
        host.bundles().install("c1.jar", TestBundles.constant("t.constant", "1.0.0", 4f), null, "upload");
        host.close();
        host = FelixHost.start(config(false));
        assertEquals("upload", host.bundles().list().get(0).source());
        assertEquals(4.0, run(scoreRequest(0)).results().get("test-constant/score0"));
    }

    @Test
    void hotDeployFolderInstallsUpdatesAndRemoves() throws Exception {
        host.close();
        host = FelixHost.start(config(true));
        Path plugins = data.resolve("plugins");
        Files.write(plugins.resolve("score.jar"), TestBundles.scoreProtocol("t.score"));
        Files.write(plugins.resolve("constant.jar"), TestBundles.constant("t.constant", "1.0.0", 1f));
        awaitVersion("1.0.0");
        Files.write(plugins.resolve("constant.jar"), TestBundles.constant("t.constant", "2.0.0", 2f));
        awaitVersion("2.0.0");
        assertEquals(2.0, run(scoreRequest(0)).results().get("test-constant/score0"));
        Files.delete(plugins.resolve("constant.jar"));
        awaitVersion(null);
        Files.write(plugins.resolve("broken.jar"), "not a jar".getBytes());
        for (int i = 0; i < 100 && host.plugins().problems().stream().noneMatch(p -> p.contains("broken.jar")); i++) {
            Thread.sleep(100);
        }
        assertTrue(host.plugins().problems().contains("hot deploy: broken.jar: 'broken.jar' is not a jar file (no zip header)"),
                host.plugins().problems().toString());
        assertFalse(host.plugins().find("test-score").isEmpty());
    }

    @Test
    void installsFromAUrlOnlyWithTheRightChecksum() throws Exception {
        byte[] jar = TestBundles.constant("t.constant", "1.0.0", 5f);
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/c.jar", ex -> {
            ex.sendResponseHeaders(200, jar.length);
            try (var out = ex.getResponseBody()) {
                out.write(jar);
            }
        });
        server.start();
        try {
            java.net.URI url = java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/c.jar");
            assertEquals(url + ": a download needs its expected sha256",
                    assertThrows(BundleRejectedException.class, () -> host.bundles().install(url, null)).getMessage());
            assertThrows(BundleRejectedException.class, () -> host.bundles().install(url, "ab"));
            BundleInfo b = host.bundles().install(url, BundleManagerImpl.sha256(jar));
            assertEquals("url", b.source());
            assertEquals(List.of("test-constant"), b.plugins());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void builtinBundlesAreInstalledAtStartAndStayRemovedWhenAUserRemovesThem() throws Exception {
        host.close();
        Path builtins = Files.createDirectories(data.resolve("builtin"));
        Files.write(builtins.resolve("score.jar"), TestBundles.scoreProtocol("t.score"));
        Files.write(builtins.resolve("constant.jar"), TestBundles.constant("t.constant", "1.0.0", 1f));
        HostConfig withBuiltins = new HostConfig(data, config(false).systemBundlesDir(), builtins, false);
        host = FelixHost.start(withBuiltins);
        assertEquals(List.of("builtin", "builtin"), host.bundles().list().stream().map(BundleInfo::source).toList());
        assertEquals(1.0, run(scoreRequest(0)).results().get("test-constant/score0"));
        host.close();
        // A rebuilt built-in (same version, new content) replaces the installed one...
        Files.write(builtins.resolve("constant.jar"), TestBundles.constant("t.constant", "1.0.0", 2f));
        host = FelixHost.start(withBuiltins);
        assertEquals(2.0, run(scoreRequest(0)).results().get("test-constant/score0"));
        // ...and one a user removed stays removed.
        host.bundles().uninstall("t.constant");
        host.close();
        host = FelixHost.start(withBuiltins);
        assertEquals(List.of("t.score"), host.bundles().list().stream().map(BundleInfo::symbolicName).toList());
        assertTrue(host.plugins().find("test-constant").isEmpty());
    }

    @Test
    void aBuiltinImportingAnotherBuiltinsPackageInstallsWhateverTheFileOrder() throws Exception {
        host.close();
        Path builtins = Files.createDirectories(data.resolve("builtin"));
        // "a-..." sorts first but needs the package that "b-..." exports.
        Files.write(builtins.resolve("a-importer.jar"), TestBundles.constantImporting("t.importer", "t.shared"));
        Files.write(builtins.resolve("b-exporter.jar"), TestBundles.scoreProtocolExporting("t.exporter", "t.shared"));
        host = FelixHost.start(new HostConfig(data, config(false).systemBundlesDir(), builtins, false));
        assertEquals(List.of("t.exporter", "t.importer"),
                host.bundles().list().stream().map(BundleInfo::symbolicName).sorted().toList());
        assertTrue(host.plugins().find("test-constant").isPresent(), "the importer's plugin is registered");
        assertTrue(host.plugins().problems().isEmpty(), String.valueOf(host.plugins().problems()));
    }

    private void awaitVersion(String version) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            String v = host.plugins().find("test-constant").map(PluginInfo::version).orElse(null);
            if (java.util.Objects.equals(v, version)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("test-constant never reached version " + version + "; problems: "
                + host.plugins().problems());
    }

    private String refusal(String name, byte[] jar) {
        return assertThrows(BundleRejectedException.class, () -> host.bundles().install(name, jar, null, "upload"))
                .getMessage();
    }

    private void assertRefused(String message, String name, byte[] jar) {
        assertEquals(message, refusal(name, jar));
    }
}
