package org.surrogate.framework.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemPackagesTest {

    @Test
    void parsesExportPackageWithQuotedUsesLists() {
        Map<String, String> m = SystemPackages.parseExportPackage(
                "a.b;version=\"1.2.0\";uses:=\"x.y,z\",c;d;version=2,e");
        assertEquals(Map.of("a.b", "1.2.0", "c", "2", "d", "2", "e", ""), m);
    }

    @Test
    void exportsEveryClassPackageWithDeclaredVersionsAndSkipsJavaAndFelix(@TempDir Path dir) throws Exception {
        Path api = jar(dir.resolve("api.jar"), "org.surrogate.api.x;version=\"1.0.0\"",
                "org/surrogate/api/x/A.class", "org/surrogate/api/y/B.class", "java/lang/Fake.class");
        Path felix = jar(dir.resolve("felix.jar"), null, "org/apache/felix/framework/Felix.class");
        String exports = SystemPackages.exportsOf(List.of(api, felix, dir.resolve("missing.jar")));
        List<String> clauses = List.of(exports.split(","));
        assertTrue(clauses.contains("org.surrogate.api.x;version=\"1.0.0\""), exports);
        assertTrue(clauses.contains("org.surrogate.api.y"), exports);
        assertFalse(exports.contains("java.lang"), exports);
        assertFalse(exports.contains("felix"), exports);
    }

    private static Path jar(Path path, String exports, String... entries) throws Exception {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (exports != null) {
            mf.getMainAttributes().putValue("Export-Package", exports);
        }
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out, mf)) {
            for (String e : entries) {
                jar.putNextEntry(new JarEntry(e));
                jar.write(new byte[] {1});
            }
        }
        return path;
    }
}
