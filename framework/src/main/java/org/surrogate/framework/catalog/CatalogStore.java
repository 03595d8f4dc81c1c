package org.surrogate.framework.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.surrogate.repository.AtomicFiles;

/**
 * The catalog locations an admin added, kept in {@code <data>/catalogs.json} (rewritten atomically
 * on every change), in the order they were added. Thread-safe.
 */
public final class CatalogStore {

    /** The file name under the data folder. */
    public static final String FILE = "catalogs.json";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(SerializationFeature.INDENT_OUTPUT).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path file;
    private final Clock clock;
    private final List<CatalogLocation> locations = new ArrayList<>();

    /**
     * Opens the store of a data folder, reading the file if it exists.
     *
     * @param dataDir the data folder
     * @param clock   the clock for {@link CatalogLocation#added()}
     * @throws UncheckedIOException if the file exists but cannot be read, naming it
     */
    public CatalogStore(Path dataDir, Clock clock) {
        this.file = dataDir.resolve(FILE);
        this.clock = Objects.requireNonNull(clock, "clock");
        if (Files.exists(file)) {
            try {
                locations.addAll(JSON.readValue(file.toFile(), new TypeReference<List<CatalogLocation>>() { }));
            } catch (IOException | IllegalArgumentException e) {
                throw new UncheckedIOException(file + ": cannot read the catalog locations: " + e.getMessage(),
                        e instanceof IOException io ? io : new IOException(e));
            }
        }
    }

    /**
     * The locations, in the order they were added.
     *
     * @return a copy
     */
    public synchronized List<CatalogLocation> list() {
        return List.copyOf(locations);
    }

    /**
     * One location by name.
     *
     * @param name the name
     * @return the location
     * @throws NoSuchElementException if there is none of that name
     */
    public synchronized CatalogLocation get(String name) {
        return locations.stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no catalog '" + name + "'; the catalogs are "
                        + locations.stream().map(CatalogLocation::name).toList()));
    }

    /**
     * Adds a location.
     *
     * @param name     its name
     * @param location a folder (absolute) or an http(s) URL
     * @param user     who adds it, or null
     * @return the added location
     * @throws IllegalArgumentException if the name or location is malformed, or a folder does not exist
     * @throws IllegalStateException if a catalog of that name exists
     */
    public synchronized CatalogLocation add(String name, String location, String user) {
        CatalogLocation l = new CatalogLocation(name, location, clock.instant(), user);
        if (!l.remote() && !Files.isDirectory(Path.of(l.location()))) {
            throw new IllegalArgumentException("location: '" + l.location() + "' is not a folder on the server");
        }
        for (CatalogLocation existing : locations) {
            if (existing.name().equals(l.name())) {
                throw new IllegalStateException("a catalog named '" + l.name() + "' exists already (" + existing.location()
                        + "); remove it first or choose another name");
            }
        }
        locations.add(l);
        save();
        return l;
    }

    /**
     * Removes a location; the bundles installed from it stay installed.
     *
     * @param name its name
     * @throws NoSuchElementException if there is none of that name
     */
    public synchronized void remove(String name) {
        CatalogLocation l = get(name);
        locations.remove(l);
        save();
    }

    private void save() {
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(locations));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot save the catalog locations: " + e.getMessage(), e);
        }
    }
}
