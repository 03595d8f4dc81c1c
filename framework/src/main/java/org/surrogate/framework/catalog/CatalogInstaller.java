package org.surrogate.framework.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.surrogate.framework.bundles.BundleInfo;
import org.surrogate.framework.bundles.BundleManager;
import org.surrogate.framework.bundles.BundleRejectedException;

/**
 * Applies a {@link Plan} as one change. First every jar is fetched and its SHA-256 compared with the
 * catalog's, so a wrong checksum anywhere changes nothing; then the steps run in order through the
 * {@link BundleManager} (which refuses a bad bundle by itself); if a step fails, the steps done
 * before it are undone in reverse: installed bundles are uninstalled and updated ones are updated
 * back to the jar they had, read from the bundle store before the change (or, if it was not stored,
 * rolled back to the previous stored version). The installed set is then what it was before.
 */
public final class CatalogInstaller {

    private static final System.Logger LOG = System.getLogger(CatalogInstaller.class.getName());

    /** The source recorded for a bundle installed from a catalog: {@code catalog:<name>}. */
    public static final String SOURCE_PREFIX = "catalog:";

    /** Fetches a step's jar. */
    @FunctionalInterface
    public interface JarSource {
        /**
         * Fetches the jar of a step.
         *
         * @param step the step
         * @return the jar's bytes
         * @throws IOException if it cannot be fetched
         */
        byte[] fetch(Plan.Step step) throws IOException;
    }

    private final BundleManager bundles;
    private final Path bundleStore;

    /**
     * Creates an installer.
     *
     * @param bundles     the bundle manager that installs, updates and uninstalls
     * @param bundleStore the bundle store ({@code <data>/bundle-store}), where the jars of installed
     *                    versions are kept; may be null (then an undone update uses {@link BundleManager#rollback})
     */
    public CatalogInstaller(BundleManager bundles, Path bundleStore) {
        this.bundles = Objects.requireNonNull(bundles, "bundles");
        this.bundleStore = bundleStore;
    }

    /** A jar fetched and checked, ready to install. */
    private record Fetched(Plan.Step step, byte[] jar, String fileName) {
    }

    /** What a done step needs to be undone. */
    private record Undo(Plan.Step step, BundleInfo before, byte[] previousJar) {
    }

    /**
     * Applies a plan.
     *
     * @param plan    the plan
     * @param jars    where the jars come from
     * @return the bundles after the change, in the plan's order
     * @throws IOException if a jar cannot be fetched (nothing was changed)
     * @throws BundleRejectedException if a checksum differs (nothing was changed) or a step is refused
     *                                 (the steps before it were undone); the message names the bundle
     */
    public List<BundleInfo> apply(Plan plan, JarSource jars) throws IOException {
        List<Fetched> fetched = new ArrayList<>();
        for (Plan.Step s : plan.steps()) {
            byte[] jar = jars.fetch(s);
            String sha = sha256(jar);
            if (!sha.equals(s.entry().sha256())) {
                throw new BundleRejectedException("catalog '" + s.catalog() + "': bundle " + s.entry().label() + " ("
                        + s.entry().url() + "): its sha256 is " + sha + ", but the catalog says " + s.entry().sha256()
                        + "; nothing was installed or updated", null);
            }
            fetched.add(new Fetched(s, jar, fileName(s)));
        }
        Map<String, BundleInfo> current = bundles.list().stream()
                .collect(Collectors.toMap(BundleInfo::symbolicName, Function.identity()));
        List<Undo> done = new ArrayList<>();
        List<BundleInfo> out = new ArrayList<>();
        for (int i = 0; i < fetched.size(); i++) {
            Fetched f = fetched.get(i);
            Plan.Step s = f.step();
            String source = SOURCE_PREFIX + s.catalog();
            BundleInfo before = current.get(s.symbolicName());
            try {
                BundleInfo after;
                if (before == null) {
                    after = bundles.install(f.fileName(), f.jar(), s.entry().sha256(), source);
                    done.add(new Undo(s, null, null));
                } else {
                    byte[] previous = storedJar(before);
                    after = bundles.update(s.symbolicName(), f.fileName(), f.jar(), s.entry().sha256(), source);
                    done.add(new Undo(s, before, previous));
                }
                out.add(after);
            } catch (RuntimeException e) {
                String undone = undo(done);
                throw new BundleRejectedException("installing from the catalogs failed at step " + (i + 1) + " of "
                        + fetched.size() + " (" + s.action().name().toLowerCase(java.util.Locale.ROOT) + " bundle "
                        + s.entry().label() + " from catalog '" + s.catalog() + "'): " + e.getMessage() + "; " + undone,
                        e);
            }
        }
        return out;
    }

    /** Undoes the done steps, newest first; says what it did, and what it could not. */
    private String undo(List<Undo> done) {
        if (done.isEmpty()) {
            return "nothing had been changed";
        }
        List<String> did = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (int i = done.size() - 1; i >= 0; i--) {
            Undo u = done.get(i);
            String bsn = u.step().symbolicName();
            try {
                if (u.before() == null) {
                    bundles.uninstall(bsn);
                    did.add("'" + bsn + "' uninstalled");
                } else if (u.previousJar() != null) {
                    bundles.update(bsn, bsn + "-" + u.before().version() + ".jar", u.previousJar(),
                            u.before().sha256(), u.before().source());
                    did.add("'" + bsn + "' restored to " + u.before().version());
                } else {
                    BundleInfo back = bundles.rollback(bsn);
                    did.add("'" + bsn + "' rolled back to " + back.version());
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot undo the catalog change of " + bsn, e);
                failed.add("'" + bsn + "': " + e.getMessage());
            }
        }
        return "rolled back: " + String.join(", ", did) + (failed.isEmpty() ? ""
                : "; ROLLBACK INCOMPLETE, check these bundles: " + String.join("; ", failed));
    }

    /** The jar of the installed version from the bundle store, if stored with its checksum. */
    private byte[] storedJar(BundleInfo before) {
        if (bundleStore == null) {
            return null;
        }
        Path p = bundleStore.resolve(before.symbolicName() + "-" + before.version() + ".jar");
        try {
            byte[] jar = Files.readAllBytes(p);
            return before.sha256() != null && before.sha256().equals(sha256(jar)) ? jar : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String fileName(Plan.Step s) {
        String url = s.entry().url();
        String name = url.substring(url.lastIndexOf('/') + 1);
        return name.isBlank() ? s.symbolicName() + "-" + s.version() + ".jar" : name;
    }

    /**
     * The SHA-256 of bytes, lower-case hex.
     *
     * @param data the bytes
     * @return 64 hex digits
     */
    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
