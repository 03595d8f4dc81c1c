package org.surrogate.framework.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML anchors and aliases in specs ({@code &common} ... {@code *common}, and merge keys
 * {@code <<: *common}). Jackson's YAML parser does not expand aliases: it reads {@code *common} as
 * the text "common", which would turn a shared parameter block into a wrong value without a word.
 * So a spec with aliases is composed by SnakeYAML, its aliases expanded into a tree, and an alias
 * inside the value it names (a cycle, which no spec can mean) is refused with its line.
 */
final class YamlAliases {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlAliases() {
    }

    /**
     * Expands the aliases of a YAML text.
     *
     * @param text   the text
     * @param source its name in messages
     * @return the expanded tree, or null when the text has no alias (or does not parse: the
     *         caller's parser then reports the syntax error)
     * @throws IllegalArgumentException for an alias inside the value it refers to, or a duplicate key
     */
    static JsonNode expand(String text, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(options);
        boolean aliased = false;
        Deque<String> open = new ArrayDeque<>(); // anchors of the collections being read ("" for none)
        Map<String, Mark> anchors = new LinkedHashMap<>();
        try {
            for (Event event : yaml.parse(new StringReader(text))) {
                if (event instanceof CollectionStartEvent start) {
                    open.push(start.getAnchor() == null ? "" : start.getAnchor());
                    if (start.getAnchor() != null) {
                        anchors.put(start.getAnchor(), start.getStartMark());
                    }
                } else if (event instanceof CollectionEndEvent) {
                    open.pop();
                } else if (event instanceof AliasEvent alias) {
                    aliased = true;
                    if (open.contains(alias.getAnchor())) {
                        throw new IllegalArgumentException(where(source, alias.getStartMark()) + "*" + alias.getAnchor()
                                + " refers to the value that contains it (&" + alias.getAnchor() + " at line "
                                + (anchors.get(alias.getAnchor()).getLine() + 1) + "): a cycle; a spec must be a tree");
                    }
                }
            }
            if (!aliased) {
                return null;
            }
            return toJson(yaml.compose(new StringReader(text)), source);
        } catch (MarkedYAMLException e) {
            if (!aliased) {
                return null;
            }
            throw new IllegalArgumentException(where(source, e.getProblemMark()) + "syntax error: " + e.getProblem(), e);
        } catch (YAMLException e) {
            return null;
        }
    }

    private static String where(String source, Mark mark) {
        return mark == null ? source + ": " : source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": ";
    }

    private static JsonNode toJson(Node node, String source) {
        if (node instanceof MappingNode map) {
            ObjectNode out = NODES.objectNode();
            // Merge keys first: keys written in the mapping itself override merged ones.
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode().getTag().equals(Tag.MERGE)) {
                    merge(out, toJson(t.getValueNode(), source), t.getValueNode(), source);
                }
            }
            for (NodeTuple t : map.getValue()) {
                if (!t.getKeyNode().getTag().equals(Tag.MERGE)) {
                    if (!(t.getKeyNode() instanceof ScalarNode key)) {
                        throw new IllegalArgumentException(where(source, t.getKeyNode().getStartMark())
                                + "a key must be a plain value");
                    }
                    out.set(key.getValue(), toJson(t.getValueNode(), source));
                }
            }
            return out;
        }
        if (node instanceof SequenceNode seq) {
            ArrayNode out = NODES.arrayNode();
            seq.getValue().forEach(n -> out.add(toJson(n, source)));
            return out;
        }
        return scalar((ScalarNode) node);
    }

    private static void merge(ObjectNode into, JsonNode merged, Node at, String source) {
        if (merged.isObject()) {
            merged.fields().forEachRemaining(e -> into.set(e.getKey(), e.getValue()));
        } else if (merged.isArray()) {
            // "<<: [*a, *b]": earlier mappings win.
            for (int i = merged.size() - 1; i >= 0; i--) {
                merge(into, merged.get(i), at, source);
            }
        } else {
            throw new IllegalArgumentException(where(source, at.getStartMark()) + "<< must merge a mapping or a list of mappings");
        }
    }

    private static JsonNode scalar(ScalarNode s) {
        String v = s.getValue();
        Tag tag = s.getTag();
        try {
            if (tag.equals(Tag.NULL)) {
                return NODES.nullNode();
            }
            if (tag.equals(Tag.BOOL)) {
                return NODES.booleanNode(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on")
                        || v.equalsIgnoreCase("y"));
            }
            if (tag.equals(Tag.INT)) {
                BigInteger n = new BigInteger(v.replace("_", ""));
                // The same Java types Jackson gives when it reads the number as text.
                return n.bitLength() < 32 ? NODES.numberNode(n.intValue())
                        : n.bitLength() < 64 ? NODES.numberNode(n.longValue()) : NODES.numberNode(n);
            }
            if (tag.equals(Tag.FLOAT)) {
                String f = v.replace("_", "").toLowerCase(java.util.Locale.ROOT);
                return NODES.numberNode(switch (f) {
                    case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
                    case "-.inf" -> Double.NEGATIVE_INFINITY;
                    case ".nan" -> Double.NaN;
                    default -> Double.parseDouble(f);
                });
            }
        } catch (NumberFormatException e) {
            // Hex, octal or sexagesimal forms: keep the text; the spec's types then say what is wrong.
        }
        return NODES.textNode(v);
    }
}
