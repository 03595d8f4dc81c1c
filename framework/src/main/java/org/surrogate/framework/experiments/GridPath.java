package org.surrogate.framework.experiments;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a grid axis puts its values: a protocol parameter ({@code params.NAME}) or a parameter of
 * one plugin in a slot ({@code slots.SLOT[I].params.NAME}).
 *
 * @param slot  the slot name, or null for the protocol
 * @param index the plugin's index in the slot; 0 for the protocol
 * @param param the parameter name
 */
record GridPath(String slot, int index, String param) {

    private static final Pattern PROTOCOL = Pattern.compile("params\\.([A-Za-z_][A-Za-z0-9_.]*)");
    private static final Pattern SLOT =
            Pattern.compile("slots\\.([A-Za-z0-9_-]+)\\[(\\d{1,9})]\\.params\\.([A-Za-z_][A-Za-z0-9_.]*)");

    /**
     * Parses a path.
     *
     * @param text the path as written in the spec
     * @return the path, or null if it has neither form
     */
    static GridPath parse(String text) {
        Matcher m = PROTOCOL.matcher(text);
        if (m.matches()) {
            return new GridPath(null, 0, m.group(1));
        }
        m = SLOT.matcher(text);
        if (m.matches()) {
            return new GridPath(m.group(1), Integer.parseInt(m.group(2)), m.group(3));
        }
        return null;
    }

    /**
     * Whether the path addresses the protocol's own parameters.
     *
     * @return true for {@code params.NAME}
     */
    boolean protocol() {
        return slot == null;
    }
}
