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
 * Talks to a running Surrogate server's REST API for the client commands, authenticated by an API
 * token ({@link #resolveToken}). Every failure becomes a {@link ClientException} whose message the
 * user can act on: the server's own {@code "error"} (and its problems), that no server answers at
 * the URL, or how to pass a token.
 */
final class ConsoleClient {

    /** The environment variable holding an API token. */
    static final String TOKEN_ENV = "SURROGATE_TOKEN";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI server;
    private final String token;
    private final HttpClient http;

    /**
     * Creates a client.
     *
     * @param server the server's base URL, such as {@code http://localhost:8080}
     * @param token  the API token sent as {@code Authorization: Bearer}, or null to send none
     * @throws ClientException if it is not an http(s) URL
     */
    ConsoleClient(String server, String token) {
        this.server = parseServer(server);
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Creates a client with the token the user gave, else the one of the environment, else the
     * server's CLI token in the data folder.
     *
     * @param server      the server's base URL
     * @param tokenOption the {@code --token} option, or null
     * @param data        the {@code --data} folder, or null
     * @return the client
     */
    static ConsoleClient connect(String server, String tokenOption, Path data) {
        return new ConsoleClient(server, resolveToken(tokenOption, System.getenv(TOKEN_ENV), data));
    }

    /**
     * The API token to send: the option, else the environment variable, else the file
     * {@code DATA/secrets/cli-token} that a server writes on its first start, when it exists.
     *
     * @param option the {@code --token} option, or null
     * @param env    the value of {@value #TOKEN_ENV}, or null
     * @param data   the data folder, or null
     * @return the token, or null if there is none
     * @throws ClientException if the token file exists but cannot be read
     */
    static String resolveToken(String option, String env, Path data) {
        if (option != null && !option.isBlank()) {
            return option.strip();
        }
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        if (data == null) {
            return null;
        }
        Path file = data.resolve("secrets").resolve("cli-token");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            String t = Files.readString(file, StandardCharsets.UTF_8).strip();
            return t.isEmpty() ? null : t;
        } catch (IOException e) {
            throw new ClientException(file + ": cannot read the API token (" + e.getMessage() + "); pass one with"
                    + " --token or $" + TOKEN_ENV, e);
        }
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

    /**
     * Opens a server-sent event stream ({@code text/event-stream}), such as {@code events?experiment=ID}.
     *
     * @param path the path under {@code /api/v1}, with its query
     * @return the stream's body; close it to disconnect
     * @throws InterruptedException if interrupted while connecting
     * @throws ClientException if no server answers or it refuses the stream
     */
    java.io.InputStream openEventStream(String path) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<java.io.InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ClientException(noServer(), e);
        } catch (IOException e) {
            throw new ClientException("cannot open the event stream of " + server + ": " + e, e);
        }
        if (response.statusCode() != 200) {
            String body;
            try (java.io.InputStream in = response.body()) {
                body = new String(in.readNBytes(2_000), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                body = "";
            }
            JsonNode json = parse(body);
            throw new ClientException(server + " refused the event stream " + path + ": HTTP " + response.statusCode()
                    + (json != null && json.hasNonNull("error") ? ": " + json.get("error").asText()
                    : body.isEmpty() ? "" : ": " + abbreviate(body)));
        }
        return response.body();
    }

    private JsonNode send(HttpRequest.Builder request) throws InterruptedException {
        HttpResponse<String> response;
        try {
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
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
        if (response.statusCode() == 401) {
            message.append(token == null
                    ? "; the client sent no API token: pass --token TOKEN, set $" + TOKEN_ENV + ", or on the server's"
                            + " machine pass --data with its data folder (it holds secrets/cli-token)"
                    : "; pass another token with --token or $" + TOKEN_ENV);
        }
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
