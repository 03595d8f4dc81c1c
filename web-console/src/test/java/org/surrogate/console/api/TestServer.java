package org.surrogate.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.surrogate.console.SurrogateServer;
import org.surrogate.console.security.Role;
import org.surrogate.console.security.Security;
import org.surrogate.console.security.SecuritySettings;

/**
 * A {@link SurrogateServer} on a real Jetty (any free port) in front of a {@link FakeHost}, on a
 * fresh data folder (so its first start creates the initial admin), with an HTTP client that sends
 * the admin's API token unless told otherwise, and helpers to create users and to build multipart
 * bodies and bundle jars by hand.
 */
public final class TestServer implements AutoCloseable {

    /** The boundary of the multipart bodies built here. */
    public static final String BOUNDARY = "test-boundary-7d93";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The fake host served. */
    public final FakeHost host = new FakeHost();

    /** The running server. */
    public final SurrogateServer server;

    /** The server's data folder: users.json, audit.log, secrets/. */
    public final Path data;

    /** The initial admin's API token, from {@code secrets/cli-token}. */
    public final String adminToken;

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * Starts a server with the default limits.
     *
     * @throws Exception if Jetty cannot start
     */
    public TestServer() throws Exception {
        this(SurrogateServer.DEFAULT_MAX_UPLOAD_BYTES);
    }

    /**
     * Starts a server.
     *
     * @param maxUploadBytes the upload limit
     * @throws Exception if Jetty cannot start
     */
    public TestServer(long maxUploadBytes) throws Exception {
        this(testSettings().withMaxUploadBytes(maxUploadBytes));
    }

    /**
     * Starts a server.
     *
     * @param settings the security settings and limits
     * @throws Exception if Jetty cannot start
     */
    public TestServer(SecuritySettings settings) throws Exception {
        data = Files.createTempDirectory("surrogate-test-data");
        server = SurrogateServer.serve(host, data, "127.0.0.1", 0, settings);
        adminToken = Files.readString(data.resolve(Security.SECRETS_DIR).resolve(Security.CLI_TOKEN)).strip();
    }

    /**
     * The default settings with the cheapest bcrypt cost, so that tests do not wait for hashes.
     *
     * @return the settings
     */
    public static SecuritySettings testSettings() {
        return SecuritySettings.defaults().withBcryptCost(4);
    }

    /**
     * Creates a user with a password and an API token, in the server's store.
     *
     * @param name     the name
     * @param password the password
     * @param role     the role
     * @return the user's API token
     */
    public String createUser(String name, String password, Role role) {
        server.security().users().create(name, password, role);
        return server.security().users().createToken(name, "test").token();
    }

    /**
     * Sends a request with extra headers and no credentials but those headers.
     *
     * @param method      the method
     * @param path        the path, such as {@code "/api/v1/health"}
     * @param headers     the headers, such as {@code Authorization}
     * @param contentType the body's type, or null for no body
     * @param body        the body, or null
     * @return the response
     * @throws Exception if the exchange fails
     */
    public HttpResponse<String> sendWith(String method, String path, Map<String, String> headers, String contentType,
                                         byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
        headers.forEach(b::header);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * Sends a request with an API token.
     *
     * @param token       the token, or null for no credentials
     * @param method      the method
     * @param path        the path
     * @param contentType the body's type, or null
     * @param body        the body, or null
     * @return the response
     * @throws Exception if the exchange fails
     */
    public HttpResponse<String> sendAs(String token, String method, String path, String contentType, byte[] body)
            throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return sendWith(method, path, headers, contentType, body);
    }

    /**
     * Sends a request to a path of the server as the initial admin.
     *
     * @param method      the method
     * @param path        the path, such as {@code "/api/v1/health"}
     * @param contentType the body's type, or null for no body
     * @param body        the body, or null
     * @return the response
     * @throws Exception if the exchange fails
     */
    public HttpResponse<String> send(String method, String path, String contentType, byte[] body) throws Exception {
        return sendAs(adminToken, method, path, contentType, body);
    }

    /**
     * {@code GET} a path.
     *
     * @param path the path
     * @return the response
     * @throws Exception if the exchange fails
     */
    public HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null, null);
    }

    /**
     * Sends JSON.
     *
     * @param method the method
     * @param path   the path
     * @param json   the body
     * @return the response
     * @throws Exception if the exchange fails
     */
    public HttpResponse<String> sendJson(String method, String path, String json) throws Exception {
        return send(method, path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends a multipart body built by {@link #multipart}.
     *
     * @param method the method
     * @param path   the path
     * @param body   the body
     * @return the response
     * @throws Exception if the exchange fails
     */
    public HttpResponse<String> sendMultipart(String method, String path, byte[] body) throws Exception {
        return send(method, path, "multipart/form-data; boundary=" + BOUNDARY, body);
    }

    /**
     * Parses a JSON body.
     *
     * @param response the response
     * @return its JSON
     */
    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    /**
     * Builds a {@code multipart/form-data} body by hand: the fields, then a part {@code file}.
     *
     * @param fileName the file part's file name, or null for no file part
     * @param content  the file's bytes
     * @param fields   extra text fields
     * @return the body, with boundary {@link #BOUNDARY}
     */
    public static byte[] multipart(String fileName, byte[] content, Map<String, String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> out.writeBytes(("--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8)));
        if (fileName != null) {
            out.writeBytes(("--" + BOUNDARY + "\r\n"
                    + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                    + "Content-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /**
     * Builds a jar whose manifest names a bundle.
     *
     * @param symbolicName the Bundle-SymbolicName header, with directives if wanted
     * @return the jar's bytes
     */
    public static byte[] bundleJar(String symbolicName) {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        mf.getMainAttributes().putValue("Bundle-Version", "1.0.0");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, mf)) {
            jar.putNextEntry(new JarEntry("org/example/Readme.txt"));
            jar.write("a test bundle".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.close();
    }
}
