package org.surrogate.framework.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Version;
import org.surrogate.api.plugin.Plugin;
import org.surrogate.framework.bundles.BundleInfo;
import org.surrogate.framework.bundles.BundleManager;

/**
 * The plugin catalog of a server: the catalog locations an admin added, what they offer next to what
 * is installed, and installs and updates from them, resolved with their dependencies and applied as
 * one change ({@link CatalogInstaller}). One install or update runs at a time.
 *
 * <pre>{@code
 * CatalogService catalog = host.catalog();
 * catalog.addLocation("lab", "https://plugins.example.org/surrogate/", "admin");
 * InstallResult r = catalog.install(List.of(BundleRequest.parse("org.example.knn")), false);
 * }</pre>
 */
public final class CatalogService {

    private final CatalogStore store;
    private final CatalogFetcher fetcher;
    private final BundleManager bundles;
    private final CatalogInstaller installer;
    private final Version api;
    private final Clock clock;
    private final Object changeLock = new Object();

    /**
     * Creates the service.
     *
     * @param store       the catalog locations
     * @param fetcher     reads indexes and jars
     * @param bundles     the bundle manager
     * @param bundleStore the bundle store folder, for undoing updates; may be null
     * @param api         this server's plugins-api version
     * @param clock       the clock
     */
    public CatalogService(CatalogStore store, CatalogFetcher fetcher, BundleManager bundles, Path bundleStore,
                          Version api, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.bundles = Objects.requireNonNull(bundles, "bundles");
        this.installer = new CatalogInstaller(bundles, bundleStore);
        this.api = Objects.requireNonNull(api, "api");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Opens the catalog of a data folder with the default fetch limits and the plugins-api of this
     * process's class path.
     *
     * @param dataDir the data folder ({@code catalogs.json}, {@code bundle-store/})
     * @param bundles the bundle manager
     * @return the service
     */
    public static CatalogService open(Path dataDir, BundleManager bundles) {
        return new CatalogService(new CatalogStore(dataDir, Clock.systemUTC()),
                new CatalogFetcher(CatalogFetcher.Limits.defaults()), bundles, dataDir.resolve("bundle-store"),
                serverApiVersion(), Clock.systemUTC());
    }

    /**
     * The plugins-api version of this process: the {@code Bundle-Version} of the plugins-api jar (or
     * classes folder) on the class path.
     *
     * @return the version
     * @throws IllegalStateException if it cannot be read
     */
    public static Version serverApiVersion() {
        try {
            Path where = Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Manifest mf;
            if (Files.isDirectory(where)) {
                try (InputStream in = Files.newInputStream(where.resolve("META-INF/MANIFEST.MF"))) {
                    mf = new Manifest(in);
                }
            } else {
                try (JarInputStream in = new JarInputStream(Files.newInputStream(where))) {
                    mf = in.getManifest();
                }
            }
            String v = mf == null ? null : mf.getMainAttributes().getValue("Bundle-Version");
            if (v == null) {
                throw new IllegalStateException(where + " has no Bundle-Version: cannot tell the plugins-api version");
            }
            return Version.parseVersion(v.strip());
        } catch (IOException | java.net.URISyntaxException | SecurityException e) {
            throw new IllegalStateException("cannot read the plugins-api version of this server: " + e.getMessage(), e);
        }
    }

    /**
     * This server's plugins-api version.
     *
     * @return the version
     */
    public Version pluginsApi() {
        return api;
    }

    /**
     * The catalog locations.
     *
     * @return them, in the order added
     */
    public List<CatalogLocation> locations() {
        return store.list();
    }

    /**
     * Adds a catalog location after reading its index once (a location whose index cannot be read or
     * is not valid is refused, and nothing is saved). A folder without {@code index.json} is accepted:
     * {@link #writeIndex} writes one.
     *
     * @param name     its name
     * @param location an absolute folder or an http(s) URL
     * @param user     who adds it
     * @return the location
     * @throws IOException if its index cannot be fetched
     * @throws IllegalArgumentException if the name, location or index is not valid
     * @throws IllegalStateException if a catalog of that name exists
     */
    public CatalogLocation addLocation(String name, String location, String user) throws IOException {
        CatalogLocation candidate = new CatalogLocation(name, location, clock.instant(), user);
        if (store.list().stream().anyMatch(l -> l.name().equals(candidate.name()))) {
            return store.add(name, location, user); // throws, naming the existing one
        }
        if (!candidate.remote() && !Files.isDirectory(Path.of(candidate.location()))) {
            throw new IllegalArgumentException("location: '" + candidate.location() + "' is not a folder on the server");
        }
        if (candidate.remote() || Files.exists(Path.of(candidate.indexUri()))) {
            fetcher.index(candidate);
        } // else a folder still to be indexed (writeIndex): it lists nothing until then
        return store.add(name, location, user);
    }

    /**
     * Removes a catalog location; bundles installed from it stay.
     *
     * @param name its name
     * @throws NoSuchElementException if there is none of that name
     */
    public void removeLocation(String name) {
        store.remove(name);
    }

    /** The offers of every readable catalog, and a message for each unreadable one. */
    private record Offers(List<Offer> offers, List<String> problems) {
    }

    private Offers readAll() {
        List<Offer> offers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (CatalogLocation l : store.list()) {
            try {
                for (CatalogEntry e : fetcher.index(l).bundles()) {
                    offers.add(new Offer(l, e));
                }
            } catch (IOException | IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return new Offers(offers, problems);
    }

    private Map<String, String> installed() {
        Map<String, String> out = new HashMap<>();
        for (BundleInfo b : bundles.list()) {
            out.put(b.symbolicName(), b.version());
        }
        return out;
    }

    /**
     * What the catalogs offer, what is installed, and which updates exist.
     *
     * @return the listing; unreadable catalogs are listed as problems, not errors
     */
    public CatalogListing available() {
        Offers all = readAll();
        Map<String, String> installed = installed();
        Resolver resolver = new Resolver(all.offers(), installed, api);
        Map<String, AvailableBundle> out = new LinkedHashMap<>();
        for (Offer o : all.offers()) {
            CatalogEntry e = o.entry();
            String key = e.symbolicName() + "@" + e.version();
            if (out.containsKey(key)) {
                continue;
            }
            String have = installed.get(e.symbolicName());
            int cmp = have == null ? 0 : e.osgiVersion().compareTo(Version.parseVersion(have));
            String status = !e.fitsApi(api) ? "incompatible" : have == null ? "available" : cmp == 0 ? "installed"
                    : cmp > 0 ? "update" : "older";
            out.put(key, new AvailableBundle(e.symbolicName(), e.version(), e.name(), e.description(), e.kinds(),
                    e.plugins(), e.paper(), e.pluginsApi(), o.catalog().name(), e.sha256(), e.dependencies(), have,
                    status));
        }
        List<AvailableBundle> list = new ArrayList<>(out.values());
        list.sort(Comparator.comparing(AvailableBundle::symbolicName)
                .thenComparing(b -> Version.parseVersion(b.version()), Comparator.reverseOrder()));
        List<CatalogListing.Update> updates = new ArrayList<>();
        for (Map.Entry<String, String> i : new java.util.TreeMap<>(installed).entrySet()) {
            Version have = Version.parseVersion(i.getValue());
            resolver.offersOf(i.getKey()).stream().filter(o -> o.entry().fitsApi(api))
                    .filter(o -> o.entry().osgiVersion().compareTo(have) > 0).findFirst()
                    .ifPresent(o -> updates.add(new CatalogListing.Update(i.getKey(), i.getValue(),
                            o.entry().version(), o.catalog().name())));
        }
        return new CatalogListing(list, updates, all.problems(), api.toString());
    }

    /**
     * Installs bundles from the catalogs with their dependencies (a bundle installed already is
     * updated to the version asked for, or to the newest that fits).
     *
     * @param requests the bundles
     * @param dryRun   whether to only resolve and answer the plan
     * @return what was done
     * @throws ResolutionException if the request cannot be resolved (nothing changed)
     * @throws IOException if a catalog or jar cannot be fetched (nothing changed)
     * @throws org.surrogate.framework.bundles.BundleRejectedException if a checksum differs (nothing
     *         changed) or a bundle is refused (everything done before it undone)
     */
    public InstallResult install(List<BundleRequest> requests, boolean dryRun) throws IOException {
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("bundles: name at least one bundle to install");
        }
        return run(requests, dryRun);
    }

    /**
     * Updates installed bundles to the newest versions the catalogs offer that fit this server, with
     * their dependencies.
     *
     * @param requests the bundles to update (with an exact version, or the newest); empty for every
     *                 installed bundle that has an update
     * @param dryRun   whether to only resolve and answer the plan
     * @return what was done; no steps when everything is up to date
     * @throws NoSuchElementException if a named bundle is not installed
     * @throws ResolutionException if the request cannot be resolved (nothing changed)
     * @throws IOException if a catalog or jar cannot be fetched (nothing changed)
     */
    public InstallResult update(List<BundleRequest> requests, boolean dryRun) throws IOException {
        Map<String, String> installed = installed();
        List<BundleRequest> wanted = new ArrayList<>();
        if (requests.isEmpty()) {
            for (CatalogListing.Update u : available().updates()) {
                wanted.add(new BundleRequest(u.symbolicName(), null));
            }
        } else {
            for (BundleRequest r : requests) {
                if (!installed.containsKey(r.symbolicName())) {
                    throw new NoSuchElementException("bundle '" + r.symbolicName() + "' is not installed; install it"
                            + " from the catalogs instead");
                }
                wanted.add(r);
            }
        }
        if (wanted.isEmpty()) {
            return new InstallResult(dryRun, List.of(), List.of());
        }
        return run(wanted, dryRun);
    }

    private InstallResult run(List<BundleRequest> requests, boolean dryRun) throws IOException {
        synchronized (changeLock) {
            Offers all = readAll();
            Plan plan;
            try {
                plan = new Resolver(all.offers(), installed(), api).resolve(requests);
            } catch (ResolutionException e) {
                throw all.problems().isEmpty() ? e : new ResolutionException(e.getMessage()
                        + "; note that some catalogs could not be read: " + String.join("; ", all.problems()));
            }
            if (dryRun || plan.steps().isEmpty()) {
                return new InstallResult(dryRun, plan.steps(), List.of());
            }
            Map<String, CatalogLocation> byName = new HashMap<>();
            store.list().forEach(l -> byName.put(l.name(), l));
            List<BundleInfo> done = installer.apply(plan, step -> fetcher.bundle(byName.get(step.catalog()),
                    step.entry()));
            return new InstallResult(false, plan.steps(), done);
        }
    }

    /**
     * Writes the index of a folder catalog ({@code <folder>/index.json}) from the jars in it.
     *
     * @param name            the catalog's name
     * @param readDescriptors whether to load plugin classes to read their descriptors
     * @return what was written
     * @throws IOException if the folder or a jar cannot be read, or the index cannot be written
     * @throws IllegalArgumentException if the catalog is not a folder
     */
    public IndexWriter.Result writeIndex(String name, boolean readDescriptors) throws IOException {
        CatalogLocation l = store.get(name);
        if (l.remote()) {
            throw new IllegalArgumentException("catalog '" + name + "' is " + l.location() + ": only a folder catalog"
                    + " on the server can be indexed here; index the folder where it is published"
                    + " (surrogate catalog index DIR)");
        }
        Path dir = Path.of(l.location());
        if (dir.getFileName() != null && dir.getFileName().toString().endsWith(".json")) {
            dir = dir.getParent();
        }
        return new IndexWriter(readDescriptors, clock).write(dir, null);
    }
}
