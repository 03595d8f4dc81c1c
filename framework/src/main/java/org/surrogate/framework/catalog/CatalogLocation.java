package org.surrogate.framework.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A catalog an admin added: a name and where its {@code index.json} is, a folder on the server or
 * an http(s) URL (of the index itself, or of the folder that holds it).
 *
 * @param name     a short name, such as {@code lab}: 1 to 64 lower-case letters, digits, '.', '-', '_'
 * @param location an absolute folder path, or an http or https URL
 * @param added    when it was added
 * @param addedBy  who added it, or null
 */
public record CatalogLocation(String name, String location, Instant added, String addedBy) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /**
     * Checks the name and the location.
     *
     * @throws IllegalArgumentException naming the field at fault
     */
    public CatalogLocation {
        if (name == null || !NAME.matcher(name.strip()).matches()) {
            throw new IllegalArgumentException("name: expected 1 to 64 lower-case letters, digits, '.', '-' or '_',"
                    + " starting with a letter or digit, found " + (name == null ? "nothing" : "'" + name + "'"));
        }
        name = name.strip();
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("location: required, a folder on the server or an http(s) URL");
        }
        location = location.strip();
        if (isUrl(location)) {
            URI u;
            try {
                u = new URI(location);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("location: not a valid URL: '" + location + "' (" + e.getReason()
                        + ")", e);
            }
            if (u.getHost() == null) {
                throw new IllegalArgumentException("location: the URL '" + location + "' has no host");
            }
        } else if (location.contains("://")) {
            throw new IllegalArgumentException("location: only http and https URLs or folders are allowed, found '"
                    + location + "'");
        } else if (!Path.of(location).isAbsolute()) {
            throw new IllegalArgumentException("location: a folder must be given as an absolute path, found '"
                    + location + "'");
        }
    }

    /**
     * Whether the location is an http(s) URL rather than a folder.
     *
     * @return true for http and https
     */
    @JsonIgnore
    public boolean remote() {
        return isUrl(location);
    }

    /**
     * The address of the index: {@code <folder>/index.json}, the URL itself when it ends in
     * {@code .json}, else {@code <url>/index.json}.
     *
     * @return the index's URI
     */
    @JsonIgnore
    public URI indexUri() {
        if (!remote()) {
            Path p = Path.of(location);
            return (p.getFileName() != null && p.getFileName().toString().endsWith(".json") ? p
                    : p.resolve(IndexWriter.INDEX_FILE)).toUri();
        }
        URI u = URI.create(location);
        if (u.getPath() != null && u.getPath().endsWith(".json")) {
            return u;
        }
        return URI.create(location.endsWith("/") ? location + IndexWriter.INDEX_FILE
                : location + "/" + IndexWriter.INDEX_FILE);
    }

    private static boolean isUrl(String location) {
        String l = location.toLowerCase(Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }
}
