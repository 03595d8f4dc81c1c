package org.surrogate.framework.testbundles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds small bundles in memory from the classes of this package, with hand-written manifests and
 * DS component descriptions, for tests of the plugin host.
 */
public final class TestBundles {

    private static final String API_IMPORTS = "org.surrogate.api.data;version=\"[1.0,2)\","
            + "org.surrogate.api.param;version=\"[1.0,2)\",org.surrogate.api.plugin;version=\"[1.0,2)\","
            + "org.surrogate.api.protocol;version=\"[1.0,2)\",org.surrogate.api.recommender;version=\"[1.0,2)\","
            + "org.surrogate.api.run;version=\"[1.0,2)\"";

    private TestBundles() {
    }

    /** A bundle with the constant recommender; {@code value} goes into its value.txt. */
    public static byte[] constant(String bsn, String version, float value) {
        return bundle(bsn, version, API_IMPORTS, null, ConstantRecommender.class,
                "org.surrogate.api.recommender.Recommender", Float.toString(value));
    }

    /** A bundle with the constant recommender that also imports {@code pkg} (from another bundle). */
    public static byte[] constantImporting(String bsn, String pkg) {
        return bundle(bsn, "1.0.0", API_IMPORTS + "," + pkg, null, null, ConstantRecommender.class,
                "org.surrogate.api.recommender.Recommender", "1.0");
    }

    /** A bundle with the score protocol that exports {@code pkg} (an empty package) to other bundles. */
    public static byte[] scoreProtocolExporting(String bsn, String pkg) {
        return bundle(bsn, "1.0.0", API_IMPORTS, pkg, null, ScoreProtocol.class,
                "org.surrogate.api.protocol.Protocol", null);
    }

    /** A bundle with the score protocol. */
    public static byte[] scoreProtocol(String bsn) {
        return bundle(bsn, "1.0.0", API_IMPORTS, null, ScoreProtocol.class,
                "org.surrogate.api.protocol.Protocol", null);
    }

    /** A bundle with the misbehaving recommender (halts the JVM or hangs). */
    public static byte[] misbehaving(String bsn) {
        return bundle(bsn, "1.0.0", API_IMPORTS, null, MisbehavingRecommender.class, "org.surrogate.api.recommender.Recommender", null);
    }

    /** A bundle whose only component throws in its constructor. */
    public static byte[] throwingComponent(String bsn) {
        return bundle(bsn, "1.0.0", API_IMPORTS, null, ThrowingRecommender.class,
                "org.surrogate.api.recommender.Recommender", null);
    }

    /** A bundle whose activator throws. */
    public static byte[] throwingActivator(String bsn) {
        return bundle(bsn, "1.0.0", "org.osgi.framework", ThrowingActivator.class.getName(), ThrowingActivator.class,
                null, null);
    }

    /** A bundle built against a plugins-api 2.0 this host does not have. */
    public static byte[] needsApi2(String bsn) {
        return bundle(bsn, "1.0.0", API_IMPORTS.replace("[1.0,2)", "[2.0,3)"), null, ConstantRecommender.class,
                "org.surrogate.api.recommender.Recommender", "1");
    }

    /** A jar with a manifest but no Bundle-SymbolicName. */
    public static byte[] plainJar() {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, mf)) {
            jar.putNextEntry(new JarEntry("hello.txt"));
            jar.write("hello".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] bundle(String bsn, String version, String imports, String activator, Class<?> cls,
                                 String service, String valueTxt) {
        return bundle(bsn, version, imports, null, activator, cls, service, valueTxt);
    }

    private static byte[] bundle(String bsn, String version, String imports, String exports, String activator,
                                 Class<?> cls, String service, String valueTxt) {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", bsn);
        a.putValue("Bundle-Version", version);
        a.putValue("Import-Package", imports);
        if (exports != null) {
            a.putValue("Export-Package", exports);
        }
        if (activator != null) {
            a.putValue("Bundle-Activator", activator);
        }
        String xmlPath = "OSGI-INF/" + cls.getName() + ".xml";
        if (service != null) {
            a.putValue("Service-Component", xmlPath);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, mf)) {
            addClass(jar, cls);
            for (Class<?> inner : cls.getDeclaredClasses()) {
                addClass(jar, inner);
            }
            // Anonymous classes are not listed by getDeclaredClasses: add Outer$1.. while they exist.
            for (int i = 1; i < 20; i++) {
                String name = cls.getName().replace('.', '/') + "$" + i + ".class";
                try (InputStream in = cls.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        break;
                    }
                    jar.putNextEntry(new JarEntry(name));
                    in.transferTo(jar);
                }
            }
            if (service != null) {
                jar.putNextEntry(new JarEntry(xmlPath));
                jar.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"" + cls.getName()
                        + "\">\n  <implementation class=\"" + cls.getName() + "\"/>\n"
                        + "  <service><provide interface=\"" + service + "\"/></service>\n</scr:component>\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            if (valueTxt != null) {
                jar.putNextEntry(new JarEntry("value.txt"));
                jar.write(valueTxt.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static void addClass(JarOutputStream jar, Class<?> c) throws IOException {
        String name = c.getName().replace('.', '/') + ".class";
        try (InputStream in = c.getClassLoader().getResourceAsStream(name)) {
            jar.putNextEntry(new JarEntry(name));
            in.transferTo(jar);
        }
    }
}
