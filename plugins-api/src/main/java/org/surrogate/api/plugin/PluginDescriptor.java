package org.surrogate.api.plugin;

import java.util.Objects;
import java.util.regex.Pattern;
import org.surrogate.api.param.ParamSchema;

/**
 * What a plugin is: its stable id, kind, a human title and description, the paper it implements
 * (if any) and its parameter schema.
 *
 * <p>The descriptor carries no version: a plugin's version is the version of the bundle that
 * registers it, so the two can never disagree. The server records that version with every result.
 *
 * <pre>{@code
 * static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(
 *     "popularity", PluginKind.RECOMMENDER, "Most popular",
 *     "Ranks items by their number of training interactions.", null,
 *     ParamSchema.of(ParamSpec.doubleParam("minValue").defaultValue(0.0).help("...").build()));
 * }</pre>
 *
 * @param id          stable, lower-case id: letters, digits, '.', '-' and '_', starting with a letter
 *                    or digit, at most 64 characters (for example {@code "item-knn"})
 * @param kind        the plugin kind; it must match the interface the plugin is registered under
 * @param title       a short human name
 * @param description what it does, in a sentence or two
 * @param paper       the publication it implements, or {@code null}
 * @param params      its parameter schema ({@link ParamSchema#EMPTY} when it takes none)
 */
public record PluginDescriptor(String id, PluginKind kind, String title, String description,
                               PaperReference paper, ParamSchema params) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if the id does not follow the id rule, or a text is blank
     */
    public PluginDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(params, "params");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("plugin id '" + id + "' is not valid: use 1 to 64 lower-case "
                    + "letters, digits, '.', '-' or '_', starting with a letter or digit");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("plugin '" + id + "': title must not be blank");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("plugin '" + id + "': description must not be blank");
        }
    }

    /**
     * Whether a text is a valid plugin id.
     *
     * @param id the text
     * @return true if it follows the id rule of this record
     */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
