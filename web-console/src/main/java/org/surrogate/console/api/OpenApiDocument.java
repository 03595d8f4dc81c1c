package org.surrogate.console.api;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.glassfish.jersey.media.multipart.FormDataContentDisposition;
import org.glassfish.jersey.media.multipart.FormDataParam;
import org.glassfish.jersey.model.Parameter;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * Builds the OpenAPI 3.0 document of the API from Jersey's resource model at run time, so that it
 * always matches the resources: every path and method, its path, query and header parameters, its
 * request body (with the media types it consumes), its response (with the media types it produces
 * and a JSON schema drawn from the Java type by Jackson's own introspection, so property names are
 * those the API writes) and the JSON error body every operation may answer with.
 */
final class OpenApiDocument {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern TEMPLATE_REGEX = Pattern.compile("\\{\\s*([^}:\\s]+)\\s*:[^}]*}");
    private static final String REF = "#/components/schemas/";

    private final ObjectMapper mapper = JsonMapperProvider.newMapper();
    private final Map<String, JsonNode> schemas = new TreeMap<>();
    private final Map<Class<?>, String> schemaNames = new HashMap<>();
    private final Set<String> operationIds = new HashSet<>();

    private OpenApiDocument() {
    }

    /**
     * Builds the document.
     *
     * @param roots   the root resources of the application
     * @param version the server's version
     * @return the document
     */
    static ObjectNode build(List<Resource> roots, String version) {
        return new OpenApiDocument().document(roots, version);
    }

    /**
     * The path template of a resource path as OpenAPI writes it: leading slash, no trailing one, and
     * {@code {name: regex}} written {@code {name}}.
     *
     * @param path the path
     * @return the normalised path
     */
    static String normalise(String path) {
        String p = TEMPLATE_REGEX.matcher(path == null ? "" : path).replaceAll("{$1}");
        p = ("/" + p).replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private ObjectNode document(List<Resource> roots, String version) {
        ObjectNode doc = NODES.objectNode();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Surrogate REST API");
        info.put("version", version);
        info.put("description", "The experiment server's API. Errors are JSON ({\"error\": ..., \"problems\": [...]})"
                + " naming the field at fault. Live progress: GET /events (server-sent events).");
        doc.putArray("servers").addObject().put("url", "/api/v1");
        ObjectNode paths = NODES.objectNode();
        Map<String, ObjectNode> byPath = new TreeMap<>();
        List<Resource> sorted = roots.stream().sorted(Comparator.comparing(r -> String.valueOf(r.getPath()))).toList();
        for (Resource r : sorted) {
            walk(r, normalise(r.getPath()), byPath);
        }
        byPath.forEach(paths::set);
        doc.set("paths", paths);
        schema(mapper.constructType(ErrorBody.class));
        ObjectNode components = doc.putObject("components");
        ObjectNode s = components.putObject("schemas");
        schemas.forEach(s::set);
        return doc;
    }

    private void walk(Resource r, String path, Map<String, ObjectNode> byPath) {
        for (ResourceMethod m : r.getResourceMethods()) {
            if (m.isExtended()) {
                continue; // added by Jersey (OPTIONS and the like), not part of the API
            }
            ObjectNode item = byPath.computeIfAbsent(path, k -> NODES.objectNode());
            String verb = m.getHttpMethod().toLowerCase(Locale.ROOT);
            ObjectNode op = operation(m, path);
            if (item.get(verb) instanceof ObjectNode existing) {
                merge(existing, op); // one path and method, several media types (an upload or a URL)
            } else {
                item.set(verb, op);
            }
        }
        for (Resource child : r.getChildResources()) {
            walk(child, normalise(path + "/" + child.getPath()), byPath);
        }
    }

    /** Folds a second Java method of the same path and HTTP method into the first's operation. */
    private static void merge(ObjectNode into, ObjectNode other) {
        into.put("summary", into.get("summary").asText() + "; or " + other.get("summary").asText()
                .replaceFirst("^[A-Z]+ \\S+: ", ""));
        if (other.has("requestBody")) {
            ObjectNode content = into.withObjectProperty("requestBody").withObjectProperty("content");
            other.get("requestBody").get("content").fields().forEachRemaining(e -> content.set(e.getKey(), e.getValue()));
        }
        if (other.has("parameters") && !into.has("parameters")) {
            into.set("parameters", other.get("parameters"));
        }
    }

    private ObjectNode operation(ResourceMethod m, String path) {
        Method java = m.getInvocable().getDefinitionMethod();
        Class<?> resource = m.getInvocable().getHandler().getHandlerClass();
        ObjectNode op = NODES.objectNode();
        String tag = resource.getSimpleName().replaceFirst("Resource$", "").toLowerCase(Locale.ROOT);
        op.putArray("tags").add(tag);
        op.put("summary", m.getHttpMethod() + " " + path + ": " + words(java.getName()));
        String id = resource.getSimpleName() + "." + java.getName();
        for (int i = 2; !operationIds.add(id); i++) {
            id = resource.getSimpleName() + "." + java.getName() + i;
        }
        op.put("operationId", id);

        ArrayNode params = NODES.arrayNode();
        ObjectNode form = null;
        ObjectNode entity = null;
        for (Parameter p : m.getInvocable().getParameters()) {
            FormDataParam fp = p.getAnnotation(FormDataParam.class);
            if (fp != null) {
                if (FormDataContentDisposition.class.isAssignableFrom(p.getRawType())) {
                    continue; // the file part's name and file name
                }
                if (form == null) {
                    form = NODES.objectNode().put("type", "object");
                    form.putObject("properties");
                }
                ((ObjectNode) form.get("properties")).set(fp.value(), InputStream.class.isAssignableFrom(p.getRawType())
                        ? NODES.objectNode().put("type", "string").put("format", "binary") : schema(p.getType()));
                continue;
            }
            switch (p.getSource()) {
                case PATH, QUERY, HEADER, COOKIE -> {
                    ObjectNode param = params.addObject();
                    param.put("name", p.getSourceName());
                    param.put("in", p.getSource().name().toLowerCase(Locale.ROOT));
                    param.put("required", p.getSource() == Parameter.Source.PATH);
                    ObjectNode schema = schema(p.getType()).deepCopy();
                    if (p.getDefaultValue() != null) {
                        schema.put("default", p.getDefaultValue());
                    }
                    param.set("schema", schema);
                }
                case ENTITY -> entity = schema(p.getType());
                default -> {
                    // context objects (UriInfo, SseEventSink, ...) are not part of the request
                }
            }
        }
        if (!params.isEmpty()) {
            op.set("parameters", params);
        }
        List<MediaType> consumes = m.getConsumedTypes();
        if (form != null || entity != null) {
            ObjectNode body = op.putObject("requestBody");
            body.put("required", true);
            ObjectNode content = body.putObject("content");
            if (form != null) {
                content.putObject(MediaType.MULTIPART_FORM_DATA).set("schema", form);
            } else {
                for (MediaType t : consumes.isEmpty() ? List.of(MediaType.APPLICATION_JSON_TYPE) : consumes) {
                    content.putObject(t.toString()).set("schema", entity);
                }
            }
        }

        ObjectNode responses = op.putObject("responses");
        List<MediaType> produces = m.getProducedTypes();
        Class<?> raw = java.getReturnType();
        boolean sse = produces.stream().anyMatch(t -> t.isCompatible(MediaType.SERVER_SENT_EVENTS_TYPE));
        if (sse) {
            ObjectNode ok = responses.putObject("200");
            ok.put("description", "a stream of server-sent events");
            ok.putObject("content").putObject(MediaType.SERVER_SENT_EVENTS).putObject("schema").put("type", "string");
        } else if (raw == void.class) {
            responses.putObject("204").put("description", "done; no content");
        } else {
            boolean generic = Response.class.isAssignableFrom(raw) || StreamingOutput.class.isAssignableFrom(raw);
            ObjectNode ok = responses.putObject(generic ? "2XX" : "200");
            ok.put("description", generic ? "success (201 Created or 202 Accepted where the operation creates something)"
                    : "success");
            ObjectNode content = ok.putObject("content");
            JsonNode schema = generic ? NODES.objectNode() : schema(java.getGenericReturnType());
            for (MediaType t : produces.isEmpty() ? List.of(MediaType.APPLICATION_JSON_TYPE) : produces) {
                JsonNode s = t.isCompatible(MediaType.APPLICATION_JSON_TYPE) ? schema
                        : NODES.objectNode().put("type", "string").put("format",
                        t.getType().equals("text") ? "text" : "binary");
                content.putObject(t.toString()).set("schema", s);
            }
        }
        ObjectNode error = responses.putObject("default");
        error.put("description", "an error: 400 bad input (the message names the field), 401/403 not allowed,"
                + " 404 not found, 409 conflicts with the current state, 500 a server fault");
        error.putObject("content").putObject(MediaType.APPLICATION_JSON).putObject("schema")
                .put("$ref", REF + schemaName(ErrorBody.class));
        return op;
    }

    private ObjectNode schema(Type type) {
        return schema(mapper.getTypeFactory().constructType(type));
    }

    private ObjectNode schema(JavaType t) {
        Class<?> c = t.getRawClass();
        ObjectNode s = NODES.objectNode();
        if (c == String.class || c == char.class || c == Character.class || c == Path.class
                || c == Duration.class) {
            return s.put("type", "string");
        }
        if (c == boolean.class || c == Boolean.class) {
            return s.put("type", "boolean");
        }
        if (c == int.class || c == Integer.class || c == short.class || c == Short.class || c == byte.class
                || c == Byte.class) {
            return s.put("type", "integer").put("format", "int32");
        }
        if (c == long.class || c == Long.class) {
            return s.put("type", "integer").put("format", "int64");
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class
                || Number.class.isAssignableFrom(c)) {
            return s.put("type", "number");
        }
        if (c == Instant.class || c == OffsetDateTime.class || c == ZonedDateTime.class) {
            return s.put("type", "string").put("format", "date-time");
        }
        if (c == LocalDate.class) {
            return s.put("type", "string").put("format", "date");
        }
        if (c == URI.class) {
            return s.put("type", "string").put("format", "uri");
        }
        if (c == UUID.class) {
            return s.put("type", "string").put("format", "uuid");
        }
        if (c == byte[].class) {
            return s.put("type", "string").put("format", "byte");
        }
        if (InputStream.class.isAssignableFrom(c) || StreamingOutput.class.isAssignableFrom(c)) {
            return s.put("type", "string").put("format", "binary");
        }
        if (c.isEnum()) {
            s.put("type", "string");
            ArrayNode values = s.putArray("enum");
            for (Object v : c.getEnumConstants()) {
                values.add(((Enum<?>) v).name());
            }
            return s;
        }
        if (t.isArrayType() || Collection.class.isAssignableFrom(c)) {
            s.put("type", "array");
            s.set("items", t.getContentType() == null ? NODES.objectNode() : schema(t.getContentType()));
            return s;
        }
        if (Map.class.isAssignableFrom(c)) {
            s.put("type", "object");
            s.set("additionalProperties", t.getContentType() == null ? NODES.objectNode() : schema(t.getContentType()));
            return s;
        }
        if (c == Optional.class) {
            return t.containedTypeCount() == 1 ? schema(t.containedType(0)) : s;
        }
        if (c == Object.class || JsonNode.class.isAssignableFrom(c) || c.isInterface()
                || c.getName().startsWith("java.")) {
            return s; // anything
        }
        String name = schemaName(c);
        if (!schemas.containsKey(name)) {
            schemas.put(name, NODES.objectNode()); // a placeholder against cycles
            ObjectNode bean = NODES.objectNode().put("type", "object");
            ObjectNode props = bean.putObject("properties");
            BeanDescription d = mapper.getSerializationConfig().introspect(t);
            for (BeanPropertyDefinition p : d.findProperties()) {
                if (p.couldSerialize()) {
                    props.set(p.getName(), schema(p.getPrimaryType()));
                }
            }
            schemas.put(name, bean);
        }
        return s.put("$ref", REF + name);
    }

    /** A unique schema name: the simple name, with the enclosing class for nested types. */
    private String schemaName(Class<?> c) {
        return schemaNames.computeIfAbsent(c, k -> {
            String base = k.getEnclosingClass() == null ? k.getSimpleName()
                    : k.getEnclosingClass().getSimpleName() + k.getSimpleName();
            String name = base;
            for (int i = 2; schemaNames.containsValue(name); i++) {
                name = base + i;
            }
            return name;
        });
    }

    /** {@code controlTrial} as "control trial". */
    private static String words(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
