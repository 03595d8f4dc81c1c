package org.surrogate.framework.catalog;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.surrogate.api.plugin.PaperReference;

/**
 * One bundle version a catalog offers: what it is, where its jar is, its checksum, the plugins-api
 * range it needs and the bundles it depends on.
 *
 * <pre>{@code
 * {"symbolicName": "org.example.surrogate.shrunk-popularity", "version": "1.0.0",
 *  "name": "Shrunk popularity", "description": "...", "kinds": ["recommender"],
 *  "plugins": [{"id": "shrunk-popularity", "kind": "recommender", ...}],
 *  "paper": {"citation": "...", "url": "https://doi.org/..."},
 *  "pluginsApi": "[1.0,2)", "url": "shrunk-popularity-1.0.0.jar", "size": 9120,
 *  "sha256": "3f1c...", "dependencies": [{"symbolicName": "org.example.base", "version": "[1.0,2)"}]}
 * }</pre>
 *
 * @param symbolicName the bundle's symbolic name (also accepted as {@code id})
 * @param version      its OSGi version
 * @param name         a human name, or null
 * @param description  what it offers, or null
 * @param kinds        the plugin kinds it registers, such as {@code recommender}
 * @param plugins      the plugins it registers, where the index writer could read them
 * @param paper        the paper it implements, or null
 * @param pluginsApi   the plugins-api version range it needs, such as {@code [1.0,2)}; null if it
 *                     imports no plugins-api package
 * @param url          its jar, relative to the index (or absolute)
 * @param size         the jar's size in bytes, or null
 * @param sha256       the jar's SHA-256, 64 hex digits; required
 * @param dependencies the bundles it needs installed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogEntry(@JsonAlias("id") String symbolicName, String version, String name, String description,
                           List<String> kinds, List<CatalogPlugin> plugins, PaperReference paper, String pluginsApi,
                           String url, Long size, String sha256, List<Dependency> dependencies) {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException naming the field at fault
     */
    public CatalogEntry {
        if (symbolicName == null || symbolicName.isBlank()) {
            throw new IllegalArgumentException("symbolicName: required, the bundle's Bundle-SymbolicName");
        }
        symbolicName = symbolicName.strip();
        version = Versions.version("version", version).toString();
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
        plugins = plugins == null ? List.of() : List.copyOf(plugins);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        if (pluginsApi != null && pluginsApi.isBlank()) {
            pluginsApi = null;
        }
        if (pluginsApi != null) {
            pluginsApi = pluginsApi.strip();
            Versions.range("pluginsApi", pluginsApi);
        }
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url: required, the bundle jar's address relative to the index");
        }
        url = url.strip();
        if (sha256 == null || sha256.isBlank()) {
            throw new IllegalArgumentException("sha256: required; a catalog must give every bundle's SHA-256 so that"
                    + " the server can check what it downloads");
        }
        sha256 = sha256.strip().toLowerCase(Locale.ROOT);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256: expected 64 hex digits, found '" + sha256 + "'");
        }
        if (size != null && size < 0) {
            throw new IllegalArgumentException("size: must be at least 0, found " + size);
        }
    }

    /**
     * The version as an OSGi object.
     *
     * @return the version
     */
    @JsonIgnore
    public Version osgiVersion() {
        return Version.parseVersion(version);
    }

    /**
     * Whether a plugins-api version is in this bundle's range.
     *
     * @param api the server's plugins-api version
     * @return true if it has no range or the version is in it
     */
    public boolean fitsApi(Version api) {
        return pluginsApi == null || new VersionRange(pluginsApi).includes(api);
    }

    /**
     * The bundle and version, for messages: {@code 'x' 1.0.0}.
     *
     * @return the label
     */
    @JsonIgnore
    public String label() {
        return "'" + symbolicName + "' " + version;
    }
}
