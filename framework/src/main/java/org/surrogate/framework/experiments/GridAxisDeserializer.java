package org.surrogate.framework.experiments;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a {@link GridAxis} from its three spec forms: a list, {@code {from, to, step}}, or
 * {@code {uniform: [lo, hi]}} / {@code {logUniform: [lo, hi]}}. Problems are reported as input
 * mismatches so that Jackson adds the location and path.
 */
final class GridAxisDeserializer extends StdDeserializer<GridAxis> {

    private static final long serialVersionUID = 1L;

    private static final String FORMS = "a list of values, {from, to, step}, {uniform: [low, high]} "
            + "or {logUniform: [low, high]}";

    GridAxisDeserializer() {
        super(GridAxis.class);
    }

    @Override
    public GridAxis deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode node = ctxt.readTree(p);
        try {
            if (node.isArray()) {
                List<Object> values = new ArrayList<>();
                for (JsonNode v : node) {
                    values.add(ctxt.readTreeAsValue(v, Object.class));
                }
                return new GridAxis.Values(values);
            }
            if (node.isObject()) {
                Set<String> keys = new TreeSet<>();
                node.fieldNames().forEachRemaining(keys::add);
                if (keys.equals(Set.of("from", "to", "step"))) {
                    return new GridAxis.Range(number(node, "from").decimalValue(), number(node, "to").decimalValue(),
                            number(node, "step").decimalValue());
                }
                for (GridAxis.Distribution d : GridAxis.Distribution.values()) {
                    if (keys.equals(Set.of(d.field()))) {
                        JsonNode bounds = node.get(d.field());
                        if (!bounds.isArray() || bounds.size() != 2 || !bounds.get(0).isNumber()
                                || !bounds.get(1).isNumber()) {
                            throw new IllegalArgumentException(d.field() + ": expected [low, high], found " + bounds);
                        }
                        return new GridAxis.Sample(d, bounds.get(0).doubleValue(), bounds.get(1).doubleValue());
                    }
                }
                throw new IllegalArgumentException("expected " + FORMS + ", found an object with fields "
                        + String.join(", ", keys));
            }
            throw new IllegalArgumentException("expected " + FORMS + ", found " + node);
        } catch (IllegalArgumentException e) {
            return (GridAxis) ctxt.reportInputMismatch(GridAxis.class, "%s", e.getMessage());
        }
    }

    private static JsonNode number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (!v.isNumber()) {
            throw new IllegalArgumentException(field + ": expected a number, found " + v);
        }
        return v;
    }
}
