package org.surrogate.framework.experiments;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Reads experiment specs from YAML or JSON text (the YAML parser reads JSON too). YAML anchors,
 * aliases and merge keys are expanded ({@link YamlAliases}); an alias cycle is refused.
 */
public final class ExperimentSpecs {

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private ExperimentSpecs() {
    }

    /**
     * Parses a spec.
     *
     * @param text       the YAML or JSON text
     * @param sourceName the name of the text in messages, such as the file name
     * @return the spec
     * @throws IllegalArgumentException on a syntax error, a wrong type, an unknown field or a bad
     *                                  value, with a message such as
     *                                  {@code "als.yaml:3:5: seeds[1]: expected an integer, found 'x'"}
     */
    public static ExperimentSpec parse(String text, String sourceName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceName, "sourceName");
        if (text.isBlank()) {
            throw new IllegalArgumentException(sourceName + ": the spec is empty");
        }
        com.fasterxml.jackson.databind.JsonNode expanded = YamlAliases.expand(text, sourceName);
        if (expanded != null) {
            // Aliases expanded: values keep their spec paths in messages but no longer a line.
            try {
                return MAPPER.treeToValue(expanded, ExperimentSpec.class);
            } catch (JsonMappingException e) {
                throw new IllegalArgumentException(sourceName + ": " + pathOf(e) + reason(e), e);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(sourceName + ": " + firstLine(e.getOriginalMessage()), e);
            }
        }
        try {
            return MAPPER.readValue(text, ExperimentSpec.class);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamReadException syntax) {
                throw new IllegalArgumentException(where(sourceName, syntax.getLocation()) + "syntax error: "
                        + firstLine(syntax.getOriginalMessage()), e);
            }
            throw new IllegalArgumentException(where(sourceName, tokenLocation(e)) + pathOf(e) + reason(e), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where(sourceName, e.getLocation()) + "syntax error: "
                    + firstLine(e.getOriginalMessage()), e);
        }
    }

    /** Where the offending token starts: Jackson's own location may already be past it. */
    private static JsonLocation tokenLocation(JsonMappingException e) {
        if (e.getProcessor() instanceof JsonParser p && p.currentTokenLocation() != null
                && p.currentTokenLocation().getLineNr() > 0) {
            return p.currentTokenLocation();
        }
        return e.getLocation();
    }

    private static String where(String source, JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) {
            return source + ": ";
        }
        return source + ":" + loc.getLineNr() + ":" + loc.getColumnNr() + ": ";
    }

    /** The path of the failing value in spec notation, such as {@code "slots.recommenders[1].params: "}. */
    static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "" : sb + ": ";
    }

    private static String reason(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            TreeSet<String> known = new TreeSet<>();
            u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            return "unknown field; accepted: " + String.join(", ", known);
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return e.getCause().getMessage();
        }
        if (e instanceof InvalidFormatException f) {
            return "expected " + typeName(f.getTargetType()) + ", found '" + f.getValue() + "'";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null
                && m.getTargetType() != GridAxis.class) {
            String msg = firstLine(m.getOriginalMessage());
            if (msg.startsWith("Missing required creator property")) {
                return "required field missing: " + msg.replaceAll(".*'([^']*)'.*", "$1");
            }
            return "expected " + typeName(m.getTargetType()) + "; " + msg;
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String typeName(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type == PluginRef.class) {
            return "a mapping";
        }
        return type.getSimpleName();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
