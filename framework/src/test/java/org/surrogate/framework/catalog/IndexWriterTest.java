package org.surrogate.framework.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.surrogate.framework.testbundles.TestBundles;

/** Publishing a folder of bundles as a catalog. */
class IndexWriterTest {

    @TempDir
    Path dir;

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-05-01T09:30:00Z"), ZoneOffset.UTC);

    static byte[] jar(Map<String, String> headers) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach(mf.getMainAttributes()::putValue);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream j = new JarOutputStream(out, mf)) {
            j.putNextEntry(new JarEntry("readme.txt"));
            j.write(1);
        }
        return out.toByteArray();
    }

    @Test
    void writesAnEntryPerBundleWithChecksumsRangesDependenciesAndPlugins() throws Exception {
        Files.write(dir.resolve("lib-1.0.0.jar"), jar(Map.of("Bundle-SymbolicName", "org.lab.lib",
                "Bundle-Version", "1.0.0", "Export-Package", "org.lab.lib;version=\"1.0.0\"")));
        Files.createDirectories(dir.resolve("libs"));
        Files.write(dir.resolve("libs/lib-1.1.0.jar"), jar(Map.of("Bundle-SymbolicName", "org.lab.lib;singleton:=true",
                "Bundle-Version", "1.1.0", "Export-Package", "org.lab.lib;version=\"1.1.0\";uses:=\"a,b\"")));
        Files.write(dir.resolve("app.jar"), jar(Map.of("Bundle-SymbolicName", "org.lab.app", "Bundle-Version", "2.0",
                "Bundle-Name", "Lab app", "Surrogate-Paper", "Someone et al. 2024", "Import-Package",
                "org.lab.lib;version=\"[1.1,2)\",org.surrogate.api.plugin;version=\"[1.0,2)\","
                        + "org.surrogate.api.run;version=\"[1.1,2)\",org.nd4j.linalg.factory,java.util",
                "Require-Bundle", "org.lab.other;bundle-version=\"[2,3)\",org.lab.maybe;resolution:=optional")));
        Files.write(dir.resolve("constant.jar"), TestBundles.constant("t.constant", "1.0.0", 1f));
        Files.write(dir.resolve("plain.jar"), TestBundles.plainJar());

        IndexWriter.Result r = new IndexWriter(true, CLOCK).write(dir, "Lab");
        assertEquals(dir.resolve("index.json"), r.indexFile());
        assertEquals(List.of("plain.jar: skipped, not an OSGi bundle (no Bundle-SymbolicName in its manifest)"),
                r.notes());
        CatalogIndex index = CatalogIndex.parse("written", Files.readAllBytes(r.indexFile()));
        assertEquals(r.index(), index);
        assertEquals("Lab", index.name());
        assertEquals(List.of("org.lab.app@2.0.0", "t.constant@1.0.0", "org.lab.lib@1.0.0", "org.lab.lib@1.1.0"),
                index.bundles().stream().map(e -> e.symbolicName() + "@" + e.version()).toList());

        CatalogEntry app = index.bundles().get(0);
        assertEquals("app.jar", app.url());
        assertEquals(CatalogInstaller.sha256(Files.readAllBytes(dir.resolve("app.jar"))), app.sha256());
        assertEquals("[1.1.0,2.0.0)", app.pluginsApi());
        assertEquals("Someone et al. 2024", app.paper().citation());
        assertEquals(List.of(new Dependency("org.lab.lib", "1.1.0"), new Dependency("org.lab.other", "[2,3)")),
                app.dependencies(), "the lowest lib exporting a package version in range; optional ones left out");

        CatalogEntry constant = index.bundles().get(1);
        assertEquals(List.of("recommender"), constant.kinds());
        assertEquals("test-constant", constant.plugins().get(0).id());
        assertEquals("recommender", constant.plugins().get(0).kind());
        assertEquals("libs/lib-1.1.0.jar", index.bundles().get(3).url());
    }

    @Test
    void withoutDescriptorsKindsStillComeFromTheComponentDescriptions() throws Exception {
        Files.write(dir.resolve("constant.jar"), TestBundles.constant("t.constant", "1.0.0", 1f));
        CatalogEntry e = new IndexWriter(false, CLOCK).write(dir, null).index().bundles().get(0);
        assertEquals(List.of("recommender"), e.kinds());
        assertTrue(e.plugins().isEmpty());
    }

    @Test
    void twoJarsOfOneBundleVersionAreAnErrorNamingBoth() throws Exception {
        byte[] j = jar(Map.of("Bundle-SymbolicName", "x", "Bundle-Version", "1.0.0"));
        Files.write(dir.resolve("a.jar"), j);
        Files.write(dir.resolve("b.jar"), j);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IndexWriter(false, CLOCK).write(dir, null));
        assertEquals("b.jar and a.jar are both bundle 'x' 1.0.0; keep one of them", e.getMessage());
        assertTrue(!Files.exists(dir.resolve("index.json")));
    }
}
