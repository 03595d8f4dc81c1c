package org.surrogate.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this Surrogate build, read from the {@code version.properties} resource that Maven
 * filters at build time.
 */
public final class SurrogateVersion {

    private static final String RESOURCE = "version.properties";

    private SurrogateVersion() {
    }

    /**
     * The version of the running build, such as {@code "0.1.0-SNAPSHOT"}.
     *
     * @return the version
     * @throws IllegalStateException if the resource is missing (a broken build)
     */
    public static String current() {
        try (InputStream in = SurrogateVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource org/surrogate/console/" + RESOURCE
                        + " is missing from the class path: rebuild web-console");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read org/surrogate/console/" + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
