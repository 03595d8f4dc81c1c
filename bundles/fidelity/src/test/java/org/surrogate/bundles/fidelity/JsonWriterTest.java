package org.surrogate.bundles.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesNestedValuesWithCommasAndEscapes() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("a", 1.0);
        m.put("b", 0.25);
        m.put("c", Double.NaN);
        String json = new JsonWriter().beginObject()
                .name("s").value("quote \" backslash \\ tab \t nl \n ctrl \u0001")
                .name("m").object(m)
                .name("xs").array(new double[] {1, -2.5, Double.POSITIVE_INFINITY, 1e-7})
                .name("ids").array(List.of("x", "y"))
                .name("flag").value(true)
                .name("none").value((String) null)
                .name("empty").beginArray().endArray()
                .endObject().toString();
        assertEquals("{\"s\":\"quote \\\" backslash \\\\ tab \\t nl \\n ctrl \\u0001\","
                + "\"m\":{\"a\":1,\"b\":0.25,\"c\":null},"
                + "\"xs\":[1,-2.5,null,1.0E-7],\"ids\":[\"x\",\"y\"],\"flag\":true,\"none\":null,\"empty\":[]}", json);
    }

    @Test
    void quotesCsvFieldsOnlyWhenNeeded() {
        assertEquals("plain", FidelityArtifacts.csv("plain"));
        assertEquals("\"a,b\"", FidelityArtifacts.csv("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", FidelityArtifacts.csv("say \"hi\""));
    }
}
