package org.surrogate.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Talks to a running Surrogate server's REST API for the client commands. Every failure becomes a
 * {@link ClientException} whose message the user can act on: the server's own {@code "error"} (and
 * its problems), or that no server answers at the URL.
 */
final class ConsoleClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI server;
    private final HttpClient http;

    /**
     * Creates a client.
     *
     * @param server the server's base URL, such as {@code http://localhost:8080}
     * @throws ClientException if it is not an http(s) URL
     */
    ConsoleClient(String server) {
        this.server = parseServer(server);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static URI parseServer(String server) {
        String s = server == null ? "" : server.strip().replaceAll("/+$", "");
        try {
            URI u = new URI(s);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            throw new ClientException("--server: expected a URL such as http://localhost:8080, found '" + server
                    + "' (" + e.getReason() + ")", e);
        }
        throw new ClientException("--server: expected a URL such as http://localhost:8080, found '" + server + "'");
    }

    /**
     * {@code GET} an API path.
     *
     * @param path the path under {@code /api/v1}, such as {@code "plugins"}
     * @return the JSON body
     * @throws InterruptedException if interrupted while waiting
     */
    JsonNode get(String path) throws InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /**
     * {@code POST}s a text body.
     *
     * @param path        the path under {@code /api/v1}, with its query
     * @param body        the body
     * @param contentType its media type
     * @return the JSON body of the answer
     * @throws InterruptedException if interrupted while waiting
     */
    JsonNode post(String path, String body, String contentType) throws InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /**
     * {@code DELETE} an API path.
     *
     * @param path the path under {@code /api/v1}
     * @throws InterruptedException if interrupted while waiting
     */
    void delete(String path) throws InterruptedException {
        send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /**
     * Uploads a file as {@code multipart/form-data} part {@code file}, with extra form fields.
     *
     * @param method {@code "POST"} or {@code "PUT"}
     * @param path   the path under {@code /api/v1}
     * @param file   the file to send
     * @param fields extra form fields; null values are left out
     * @return the JSON body of the answer
     * @throws InterruptedException if interrupted while waiting
     */
    JsonNode upload(String method, String path, Path file, Map<String, String> fields) throws InterruptedException {
        byte[] content = readFile(file);
        String boundary = "surrogate-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 1024);
        fields.forEach((name, value) -> {
            if (value != null) {
                write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                        + value + "\r\n");
            }
        });
        String fileName = file.getFileName().toString().replace("\"", "_");
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/java-archive\r\n\r\n");
        body.writeBytes(content);
        write(body, "\r\n--" + boundary + "--\r\n");
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /**
     * Reads a file for upload.
     *
     * @param file the file
     * @return its bytes
     * @throws ClientException if it is missing or unreadable
     */
    static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ClientException(file + ": no such file", e);
        } catch (IOException e) {
            throw new ClientException(file + ": cannot read it: " + e.getMessage(), e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create(server + "/api/v1/" + path);
    }

    private JsonNode send(HttpRequest.Builder request) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request.header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ClientException(noServer(), e);
        } catch (IOException e) {
            throw new ClientException("cannot talk to the Surrogate server at " + server + ": " + e, e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 == 2) {
            return body;
        }
        if (body == null || !body.hasNonNull("error")) {
            String text = response.body() == null ? "" : response.body().strip();
            throw new ClientException(server + " answered HTTP " + response.statusCode()
                    + (text.isEmpty() ? "" : ": " + abbreviate(text))
                    + (response.statusCode() == 404 ? " (is this a Surrogate server?)" : ""));
        }
        StringBuilder message = new StringBuilder(body.get("error").asText());
        JsonNode problems = body.get("problems");
        if (problems != null && problems.isArray() && problems.size() > 1) {
            message.setLength(0);
            message.append("the server refused the request:");
            problems.forEach(p -> message.append(System.lineSeparator()).append("  ").append(p.asText()));
        }
        throw new ClientException(message.toString());
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            // Not JSON: a proxy or another program on that port; the caller reports the raw text.
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    /**
     * The message for a server that does not answer.
     *
     * @return "no Surrogate server at URL: start one with ./surrogate serve"
     */
    String noServer() {
        return "no Surrogate server at " + server + ": start one with ./surrogate serve";
    }
}
