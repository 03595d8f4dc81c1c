package org.surrogate.framework.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code index.json} of a catalog: the bundles it offers, every version of each as its own
 * {@link CatalogEntry}.
 *
 * <pre>{@code
 * {"format": 1, "name": "Our lab's plugins", "generated": "2025-05-01T09:30:00Z",
 *  "bundles": [{"symbolicName": "...", "version": "1.0.0", "url": "x-1.0.0.jar", "sha256": "...", ...}]}
 * }</pre>
 *
 * @param format    the format version; this server reads format 1
 * @param name      a human name of the catalog, or null
 * @param generated when the index was written, or null
 * @param bundles   the bundle versions offered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogIndex(int format, String name, Instant generated, List<CatalogEntry> bundles) {

    /** The index format this server reads and writes. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(SerializationFeature.INDENT_OUTPUT).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Checks the format and copies the list.
     *
     * @throws IllegalArgumentException if the format is not {@link #FORMAT}
     */
    public CatalogIndex {
        if (format != FORMAT) {
            throw new IllegalArgumentException("format: this server reads catalog index format " + FORMAT + ", found "
                    + format);
        }
        bundles = bundles == null ? List.of() : List.copyOf(bundles);
    }

    /**
     * Reads an index, checking every entry; an entry that is wrong (a missing sha256, a bad range) makes
     * the whole index refused, with its position and bundle named.
     *
     * @param where the index's location, for messages
     * @param json  its bytes
     * @return the index
     * @throws IllegalArgumentException naming the location, the entry and the field at fault
     */
    public static CatalogIndex parse(String where, byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object with 'format' and 'bundles'");
        }
        JsonNode format = root.get("format");
        if (format == null || !format.canConvertToInt() || format.asInt() != FORMAT) {
            throw new IllegalArgumentException(where + ": format: this server reads catalog index format " + FORMAT
                    + ", found " + (format == null ? "none" : format.toString()));
        }
        JsonNode list = root.get("bundles");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(where + ": bundles: required, a list of bundle entries");
        }
        List<CatalogEntry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String label = "bundles[" + i + "]" + (node.hasNonNull("symbolicName")
                    ? " ('" + node.get("symbolicName").asText() + "' " + node.path("version").asText("?") + ")"
                    : node.hasNonNull("id") ? " ('" + node.get("id").asText() + "' " + node.path("version").asText("?")
                    + ")" : "");
            CatalogEntry e;
            try {
                e = JSON.treeToValue(node, CatalogEntry.class);
            } catch (ValueInstantiationException ex) {
                Throwable cause = ex.getCause() == null ? ex : ex.getCause();
                throw new IllegalArgumentException(where + ": " + label + ": " + cause.getMessage(), ex);
            } catch (JsonProcessingException ex) {
                throw new IllegalArgumentException(where + ": " + label + ": " + ex.getOriginalMessage(), ex);
            }
            Integer before = seen.put(e.symbolicName() + "@" + e.version(), i);
            if (before != null) {
                throw new IllegalArgumentException(where + ": " + label + ": bundle " + e.label()
                        + " is listed twice (also bundles[" + before + "])");
            }
            entries.add(e);
        }
        Instant generated = null;
        if (root.hasNonNull("generated")) {
            try {
                generated = Instant.parse(root.get("generated").asText());
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(where + ": generated: not an ISO-8601 instant: '"
                        + root.get("generated").asText() + "'", e);
            }
        }
        return new CatalogIndex(FORMAT, root.hasNonNull("name") ? root.get("name").asText() : null, generated, entries);
    }

    /**
     * Writes this index as indented JSON.
     *
     * @return the JSON bytes
     */
    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the catalog index: " + e.getMessage(), e);
        }
    }
}
