package org.surrogate.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/openapi.json} describes every resource: each class of this package with a
 * {@code @Path}, found on the class path rather than from the application (so a resource that is
 * written but not registered fails too), each of its resource methods by its annotations.
 */
class OpenApiTest {

    /** Every (path, method) of the resource classes, as "get /runs/{id}". */
    static Set<String> declaredOperations() throws Exception {
        URL classes = OpenApiResource.class.getProtectionDomain().getCodeSource().getLocation();
        java.nio.file.Path dir = java.nio.file.Path.of(classes.toURI()).resolve("org/surrogate/console/api");
        List<Class<?>> resources = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.list(dir)) {
            for (java.nio.file.Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".class") && !n.contains("$")) {
                    Class<?> c = Class.forName("org.surrogate.console.api." + n.substring(0, n.length() - 6));
                    if (c.isAnnotationPresent(Path.class)) {
                        resources.add(c);
                    }
                }
            }
        }
        Set<String> out = new TreeSet<>();
        for (Class<?> c : resources) {
            String base = c.getAnnotation(Path.class).value();
            for (Method m : c.getMethods()) {
                String verb = null;
                for (Annotation a : m.getAnnotations()) {
                    HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
                    if (h != null) {
                        verb = h.value();
                    }
                }
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = OpenApiDocument.normalise(base + "/" + (sub == null ? "" : sub.value()));
                out.add(verb.toLowerCase(Locale.ROOT) + " " + path);
            }
        }
        return out;
    }

    @Test
    void everyResourceAndMethodIsInTheDocument() throws Exception {
        Set<String> declared = declaredOperations();
        assertTrue(declared.contains("get /events") && declared.contains("post /bundles/{symbolicName}/rollback")
                && declared.contains("get /runs/{id}/artifacts/{name}"), declared.toString());
        try (TestServer server = new TestServer()) {
            HttpResponse<String> r = server.get("/api/v1/openapi.json");
            assertEquals(200, r.statusCode(), r.body());
            JsonNode doc = TestServer.json(r);
            assertEquals("3.0.3", doc.get("openapi").asText());
            Set<String> documented = new TreeSet<>();
            doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                    .forEachRemaining(verb -> documented.add(verb + " " + p.getKey())));
            Set<String> missing = new TreeSet<>(declared);
            missing.removeAll(documented);
            assertTrue(missing.isEmpty(), "not in openapi.json: " + missing);
            assertEquals(declared, documented, "the document has operations no resource declares");

            JsonNode get = doc.at("/paths/~1runs~1{id}/get");
            assertEquals("id", get.at("/parameters/0/name").asText());
            assertEquals("path", get.at("/parameters/0/in").asText());
            String ref = get.at("/responses/200/content/application~1json/schema/$ref").asText();
            assertTrue(ref.startsWith("#/components/schemas/"), get.toString());
            JsonNode runView = doc.at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1));
            assertTrue(runView.at("/properties/run").has("$ref") && runView.at("/properties/curves").has("type"),
                    runView.toString());
            JsonNode install = doc.at("/paths/~1bundles/post/requestBody/content");
            assertTrue(install.has("multipart/form-data") && install.has("application/json"),
                    "an upload or a URL: " + install);
            assertTrue(doc.at("/paths/~1events/get/responses/200/content").has("text/event-stream"));
            assertTrue(doc.at("/components/schemas/ErrorBody/properties").has("error"));
        }
    }
}
