package org.surrogate.framework.catalog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.surrogate.api.plugin.PaperReference;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.api.plugin.PluginDescriptor;
import org.surrogate.api.plugin.PluginKind;
import org.surrogate.repository.AtomicFiles;

/**
 * Publishes a folder of bundle jars as a catalog: writes {@code <folder>/index.json} with one entry
 * per jar (its folders searched up to {@value #MAX_DEPTH} levels deep), read from the jar itself:
 * <ul>
 *   <li>symbolic name, version, name and description from the manifest; a paper from the optional
 *       headers {@code Surrogate-Paper} and {@code Surrogate-Paper-Url};</li>
 *   <li>sha256 and size of the jar, and its path relative to the folder as the URL;</li>
 *   <li>the plugins-api range: the intersection of the ranges of its {@code org.surrogate.api}
 *       imports;</li>
 *   <li>dependencies: each {@code Require-Bundle}, and for each other imported package that another
 *       bundle of the folder exports, that bundle from the lowest version exporting a matching package
 *       version (packages no jar of the folder exports are the host's);</li>
 *   <li>kinds from the services its DS components provide, and, when {@code readDescriptors} is set,
 *       its plugins' descriptors (id, title, description, paper): the component classes are loaded
 *       from the jar and instantiated, which runs the bundle's code in this process. When that fails
 *       the entry keeps what the manifest says, and the reason is reported.</li>
 * </ul>
 * A jar that is not a bundle is skipped and reported; two jars of the same bundle and version are an
 * error naming both files.
 */
public final class IndexWriter {

    /** The index's file name. */
    public static final String INDEX_FILE = "index.json";

    /** How deep folders are searched for jars. */
    public static final int MAX_DEPTH = 3;

    private static final String API_PREFIX = "org.surrogate.api.";
    private static final Pattern PROVIDE = Pattern.compile("<provide\\s+interface\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern IMPLEMENTATION = Pattern.compile("<implementation\\s+class\\s*=\\s*\"([^\"]+)\"");
    private static final Map<String, PluginKind> KINDS = Map.of(
            "org.surrogate.api.data.DatasetSource", PluginKind.DATASET_SOURCE,
            "org.surrogate.api.generator.Generator", PluginKind.GENERATOR,
            "org.surrogate.api.split.Splitter", PluginKind.SPLITTER,
            "org.surrogate.api.privacy.PrivacyMechanism", PluginKind.PRIVACY_MECHANISM,
            "org.surrogate.api.simulator.Simulator", PluginKind.SIMULATOR,
            "org.surrogate.api.recommender.Recommender", PluginKind.RECOMMENDER,
            "org.surrogate.api.evaluation.Evaluator", PluginKind.EVALUATOR,
            "org.surrogate.api.protocol.Protocol", PluginKind.PROTOCOL);

    /**
     * What writing an index did.
     *
     * @param indexFile the file written
     * @param index     the index
     * @param notes     jars skipped and descriptors that could not be read, each naming the file
     */
    public record Result(Path indexFile, CatalogIndex index, List<String> notes) {
        /** Copies the notes. */
        public Result {
            notes = List.copyOf(notes);
        }
    }

    private final boolean readDescriptors;
    private final Clock clock;

    /**
     * Creates a writer.
     *
     * @param readDescriptors whether to load the plugins' classes to read their descriptors
     * @param clock           the clock for the index's {@code generated} time
     */
    public IndexWriter(boolean readDescriptors, Clock clock) {
        this.readDescriptors = readDescriptors;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A jar read from the folder. */
    private record Jar(Path file, String url, byte[] bytes, Manifest manifest, String bsn, Version version) {
    }

    /**
     * Writes {@code <dir>/index.json}.
     *
     * @param dir  the folder of bundles
     * @param name the catalog's human name, or null
     * @return what was written
     * @throws IOException if the folder or a jar cannot be read, or the index cannot be written
     * @throws IllegalArgumentException if the folder does not exist, or two jars are the same bundle version
     */
    public Result write(Path dir, String name) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a folder");
        }
        List<String> notes = new ArrayList<>();
        List<Jar> jars = readJars(dir, notes);
        Map<String, List<Jar>> exporters = exporters(jars);
        List<CatalogEntry> entries = new ArrayList<>();
        for (Jar j : jars) {
            entries.add(entry(j, exporters, notes));
        }
        CatalogIndex index = new CatalogIndex(CatalogIndex.FORMAT, name, clock.instant(), entries);
        Path out = dir.resolve(INDEX_FILE);
        AtomicFiles.write(out, index.toJson());
        return new Result(out, index, notes);
    }

    private List<Jar> readJars(Path dir, List<String> notes) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir, MAX_DEPTH)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .filter(p -> !dir.relativize(p).toString().startsWith(".")).sorted().toList();
        }
        List<Jar> out = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            String rel = dir.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
            Manifest mf;
            try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bytes))) {
                mf = in.getManifest();
            } catch (IOException e) {
                notes.add(rel + ": skipped, not a readable jar: " + e.getMessage());
                continue;
            }
            String bsnHeader = mf == null ? null : mf.getMainAttributes().getValue("Bundle-SymbolicName");
            if (bsnHeader == null || bsnHeader.isBlank()) {
                notes.add(rel + ": skipped, not an OSGi bundle (no Bundle-SymbolicName in its manifest)");
                continue;
            }
            String bsn = ManifestHeaders.parse(bsnHeader).get(0).names().get(0);
            String v = mf.getMainAttributes().getValue("Bundle-Version");
            Version version = Versions.version(rel + ": Bundle-Version", v == null ? "0.0.0" : v);
            Path before = seen.put(bsn + "@" + version, f);
            if (before != null) {
                throw new IllegalArgumentException(rel + " and " + dir.relativize(before) + " are both bundle '" + bsn
                        + "' " + version + "; keep one of them");
            }
            out.add(new Jar(f, rel, bytes, mf, bsn, version));
        }
        return out;
    }

    /** Exported package name to the jars exporting it. */
    private static Map<String, List<Jar>> exporters(List<Jar> jars) {
        Map<String, List<Jar>> out = new HashMap<>();
        for (Jar j : jars) {
            for (ManifestHeaders.Clause c : ManifestHeaders.parse(j.manifest().getMainAttributes()
                    .getValue("Export-Package"))) {
                for (String pkg : c.names()) {
                    out.computeIfAbsent(pkg, k -> new ArrayList<>()).add(j);
                }
            }
        }
        return out;
    }

    private CatalogEntry entry(Jar j, Map<String, List<Jar>> exporters, List<String> notes) {
        Attributes a = j.manifest().getMainAttributes();
        List<ManifestHeaders.Clause> imports = ManifestHeaders.parse(a.getValue("Import-Package"));
        List<CatalogPlugin> plugins = new ArrayList<>();
        Set<String> kinds = new LinkedHashSet<>();
        for (Map.Entry<String, String> c : components(j, notes).entrySet()) {
            PluginKind kind = KINDS.get(c.getValue());
            if (kind != null) {
                kinds.add(kind.label());
            }
            if (readDescriptors && kind != null) {
                CatalogPlugin p = descriptor(j, c.getKey(), notes);
                if (p != null) {
                    plugins.add(p);
                }
            }
        }
        PaperReference paper = a.getValue("Surrogate-Paper") == null ? null
                : new PaperReference(a.getValue("Surrogate-Paper"), a.getValue("Surrogate-Paper-Url"));
        if (paper == null) {
            List<PaperReference> papers = plugins.stream().map(CatalogPlugin::paper).filter(Objects::nonNull)
                    .distinct().toList();
            paper = papers.size() == 1 ? papers.get(0) : null;
        }
        String description = a.getValue("Bundle-Description");
        if (description == null && !plugins.isEmpty()) {
            description = String.join(" ", plugins.stream().map(p -> p.id() + ": " + p.description()).toList());
        }
        return new CatalogEntry(j.bsn(), j.version().toString(), a.getValue("Bundle-Name"), description,
                List.copyOf(kinds), plugins, paper, apiRange(imports), j.url(), (long) j.bytes().length,
                CatalogInstaller.sha256(j.bytes()), dependencies(j, a, imports, exporters));
    }

    /** The intersection of the ranges of the plugins-api imports, or null without any. */
    private static String apiRange(List<ManifestHeaders.Clause> imports) {
        List<VersionRange> ranges = new ArrayList<>();
        for (ManifestHeaders.Clause c : imports) {
            if (c.names().stream().anyMatch(n -> n.startsWith(API_PREFIX))) {
                String v = c.attributes().get("version");
                ranges.add(new VersionRange(v == null ? "0.0.0" : v));
            }
        }
        if (ranges.isEmpty()) {
            return null;
        }
        VersionRange r = ranges.get(0).intersection(ranges.toArray(new VersionRange[0]));
        return r.toString();
    }

    private static List<Dependency> dependencies(Jar j, Attributes a, List<ManifestHeaders.Clause> imports,
                                                 Map<String, List<Jar>> exporters) {
        Map<String, Dependency> out = new TreeMap<>();
        for (ManifestHeaders.Clause c : ManifestHeaders.parse(a.getValue("Require-Bundle"))) {
            if ("optional".equals(c.directives().get("resolution"))) {
                continue;
            }
            String bsn = c.names().get(0);
            out.put(bsn, new Dependency(bsn, c.attributes().get("bundle-version")));
        }
        for (ManifestHeaders.Clause c : imports) {
            if ("optional".equals(c.directives().get("resolution"))) {
                continue;
            }
            String v = c.attributes().get("version");
            VersionRange range = new VersionRange(v == null ? "0.0.0" : v);
            for (String pkg : c.names()) {
                if (pkg.startsWith("java.") || pkg.startsWith(API_PREFIX)) {
                    continue;
                }
                Jar lowest = exporters.getOrDefault(pkg, List.of()).stream()
                        .filter(e -> !e.bsn().equals(j.bsn()) && exportsInRange(e, pkg, range))
                        .min(Comparator.comparing(Jar::bsn).thenComparing(Jar::version)).orElse(null);
                if (lowest != null && !out.containsKey(lowest.bsn())) {
                    out.put(lowest.bsn(), new Dependency(lowest.bsn(), lowest.version().toString()));
                }
            }
        }
        return List.copyOf(out.values());
    }

    private static boolean exportsInRange(Jar j, String pkg, VersionRange range) {
        for (ManifestHeaders.Clause c : ManifestHeaders.parse(j.manifest().getMainAttributes()
                .getValue("Export-Package"))) {
            if (c.names().contains(pkg)) {
                String v = c.attributes().get("version");
                return range.includes(Version.parseVersion(v == null ? "0.0.0" : v));
            }
        }
        return false;
    }

    /** Implementation class to the first plugin-kind interface it provides (or another interface). */
    private static Map<String, String> components(Jar j, List<String> notes) {
        String header = j.manifest().getMainAttributes().getValue("Service-Component");
        Map<String, String> out = new TreeMap<>();
        if (header == null) {
            return out;
        }
        List<PathMatcher> matchers = new ArrayList<>();
        for (ManifestHeaders.Clause c : ManifestHeaders.parse(header)) {
            for (String n : c.names()) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + n));
            }
        }
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(j.bytes()))) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                Path p = Path.of(e.getName());
                if (e.isDirectory() || matchers.stream().noneMatch(m -> m.matches(p))) {
                    continue;
                }
                String xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                Matcher impl = IMPLEMENTATION.matcher(xml);
                if (!impl.find()) {
                    continue;
                }
                String kind = null;
                Matcher prov = PROVIDE.matcher(xml);
                while (prov.find()) {
                    if (kind == null || KINDS.containsKey(prov.group(1))) {
                        kind = prov.group(1);
                    }
                }
                if (kind != null) {
                    out.put(impl.group(1), kind);
                }
            }
        } catch (IOException e) {
            notes.add(j.url() + ": cannot read its component descriptions: " + e.getMessage());
        }
        return out;
    }

    /** Loads a component class and reads its descriptor, or notes why not. */
    private static CatalogPlugin descriptor(Jar j, String className, List<String> notes) {
        try (URLClassLoader loader = new URLClassLoader("catalog-index:" + j.bsn(),
                new URL[] {j.file().toUri().toURL()}, Plugin.class.getClassLoader())) {
            Class<?> c = Class.forName(className, false, loader);
            if (!Plugin.class.isAssignableFrom(c)) {
                notes.add(j.url() + ": " + className + " is not a plugin");
                return null;
            }
            PluginDescriptor d = ((Plugin) c.getDeclaredConstructor().newInstance()).descriptor();
            return new CatalogPlugin(d.id(), d.kind().label(), d.title(), d.description(), d.paper());
        } catch (Exception | LinkageError e) {
            notes.add(j.url() + ": cannot read the descriptor of " + className + " (" + e
                    + "); the entry has what the manifest says");
            return null;
        }
    }
}
