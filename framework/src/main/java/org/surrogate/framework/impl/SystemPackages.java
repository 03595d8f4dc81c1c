package org.surrogate.framework.impl;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Computes the packages the system bundle exports to plugin bundles: every package of the host's
 * class path, with the version from a jar's {@code Export-Package} where it declares one (the
 * plugins-api packages must carry theirs, since bundles import them with a range) and without a
 * version otherwise (ND4J has no OSGi metadata; bundles import its packages without a range).
 *
 * <p>The Felix framework jar is skipped (the system bundle exports the OSGi core packages itself),
 * and so are {@code java.*} packages, which the framework provides by boot delegation.
 */
final class SystemPackages {

    private SystemPackages() {
    }

    /**
     * The value for {@code org.osgi.framework.system.packages.extra}.
     *
     * @param classPath the class path entries (jars and directories)
     * @return comma-separated package clauses, each with a version where known
     */
    static String exportsOf(List<Path> classPath) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (Path entry : classPath) {
            try {
                if (Files.isDirectory(entry)) {
                    scanDirectory(entry, versions);
                } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
                    scanJar(entry, versions);
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read class path entry " + entry + ": " + e.getMessage(), e);
            }
        }
        StringBuilder sb = new StringBuilder();
        versions.forEach((pkg, version) -> {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(pkg);
            if (!version.isEmpty()) {
                sb.append(";version=\"").append(version).append('"');
            }
        });
        return sb.toString();
    }

    /**
     * The entries of {@code java.class.path}.
     *
     * @return the entries
     */
    static List<Path> currentClassPath() {
        List<Path> out = new ArrayList<>();
        for (String s : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!s.isBlank()) {
                out.add(Path.of(s));
            }
        }
        return out;
    }

    private static void scanJar(Path jar, Map<String, String> versions) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            if (jf.getEntry("org/apache/felix/framework/Felix.class") != null) {
                return;
            }
            Manifest mf = jf.getManifest();
            Map<String, String> declared = mf == null ? Map.of()
                    : parseExportPackage(mf.getMainAttributes().getValue("Export-Package"));
            Enumeration<JarEntry> entries = jf.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                String name = e.getName();
                if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
                    int slash = name.lastIndexOf('/');
                    if (slash > 0) {
                        String pkg = name.substring(0, slash).replace('/', '.');
                        add(versions, pkg, declared.getOrDefault(pkg, ""));
                    }
                }
            }
            // Packages that are declared but hold only resources are exported as declared too.
            declared.forEach((pkg, v) -> add(versions, pkg, v));
        }
    }

    private static void scanDirectory(Path dir, Map<String, String> versions) throws IOException {
        Path mfPath = dir.resolve("META-INF/MANIFEST.MF");
        Map<String, String> declared = Map.of();
        if (Files.isRegularFile(mfPath)) {
            try (InputStream in = Files.newInputStream(mfPath)) {
                declared = parseExportPackage(new Manifest(in).getMainAttributes().getValue("Export-Package"));
            }
        }
        Map<String, String> d = declared;
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                Path rel = dir.relativize(f.getParent());
                if (rel.getNameCount() > 0 && !rel.toString().isEmpty() && !rel.startsWith("META-INF")) {
                    String pkg = rel.toString().replace(File.separatorChar, '.');
                    add(versions, pkg, d.getOrDefault(pkg, ""));
                }
            });
        }
    }

    private static void add(Map<String, String> versions, String pkg, String version) {
        if (pkg.startsWith("java.") || pkg.equals("java")) {
            return;
        }
        String old = versions.get(pkg);
        if (old == null || (old.isEmpty() && !version.isEmpty())) {
            versions.put(pkg, version);
        }
    }

    /**
     * Parses an OSGi {@code Export-Package} header into package name to version ("" when none).
     *
     * @param header the header, or null
     * @return the packages in header order
     */
    static Map<String, String> parseExportPackage(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        for (String clause : split(header, ',')) {
            List<String> parts = split(clause, ';');
            List<String> names = new ArrayList<>();
            String version = "";
            for (String part : parts) {
                String p = part.trim();
                int eq = p.indexOf('=');
                if (eq < 0) {
                    names.add(p);
                } else if (p.startsWith("version=") || p.startsWith("version:=")) {
                    version = p.substring(p.indexOf('=') + 1).replace("\"", "").trim();
                }
            }
            for (String n : names) {
                if (!n.isEmpty()) {
                    out.putIfAbsent(n, version);
                }
            }
        }
        return out;
    }

    private static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == sep && !quoted) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }
}
