package org.surrogate.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code surrogate plugins list|install|update|remove}: manages the plugins of a running server
 * through its REST API. Installing, updating and removing need an admin's API token.
 */
@Command(name = "plugins",
        description = {"Lists, installs, updates and removes plugins on a running Surrogate server.",
            "Talks to the server's REST API; start the server first with: surrogate serve"})
final class PluginsCommand {

    @Spec
    private CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", scope = ScopeType.INHERIT,
            defaultValue = "${env:SURROGATE_SERVER:-http://localhost:8080}",
            description = "The server's URL (default: ${DEFAULT-VALUE}, from $SURROGATE_SERVER if set).")
    private String server;

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
            description = "The API token to send (default: $SURROGATE_TOKEN, else DATA/secrets/cli-token when it"
                    + " exists).")
    private String token;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data", scope = ScopeType.INHERIT,
            description = "The server's data folder, for its secrets/cli-token (default: ${DEFAULT-VALUE}).")
    private Path data;

    @Command(name = "list",
            description = "Lists the registered plugins: kind, id, version and bundle.")
    int list() throws InterruptedException {
        JsonNode plugins = client().get("plugins");
        PrintWriter out = out();
        if (plugins.isEmpty()) {
            out.println("no plugins are registered; install one with: surrogate plugins install FILE");
            out.flush();
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KIND", "ID", "VERSION", "BUNDLE"});
        for (JsonNode p : plugins) {
            rows.add(new String[] {p.path("kind").asText(), p.path("id").asText(), p.path("version").asText(),
                p.path("bundle").asText()});
        }
        printTable(out, rows);
        out.flush();
        return 0;
    }

    @Command(name = "install",
            description = "Installs a plugin bundle (a jar built with bnd) and starts it.")
    int install(@Parameters(paramLabel = "FILE", description = "The bundle jar.") Path file,
                @Option(names = "--sha256", paramLabel = "HEX",
                        description = "The jar's expected SHA-256; the server refuses the jar if it differs.")
                String sha256) throws InterruptedException {
        JsonNode b = client().upload("POST", "bundles", file, fields(sha256));
        out().println("installed " + describe(b));
        out().flush();
        return 0;
    }

    @Command(name = "update",
            description = {"Updates an installed bundle to a new jar (found by the jar's Bundle-SymbolicName).",
                "Running trials finish on the old version; new trials get the new one."})
    int update(@Parameters(paramLabel = "FILE", description = "The new bundle jar.") Path file,
               @Option(names = "--sha256", paramLabel = "HEX",
                       description = "The jar's expected SHA-256; the server refuses the jar if it differs.")
               String sha256) throws InterruptedException {
        String symbolicName = symbolicNameOf(file);
        JsonNode b = client().upload("PUT", "bundles/" + encodeSegment(symbolicName), file, fields(sha256));
        out().println("updated " + describe(b));
        out().flush();
        return 0;
    }

    @Command(name = "remove",
            description = {"Uninstalls a bundle; running trials that use its plugins are cancelled.",
                "'surrogate plugins list' shows the bundles' symbolic names."})
    int remove(@Parameters(paramLabel = "SYMBOLIC_NAME", description = "The bundle's symbolic name.")
               String symbolicName) throws InterruptedException {
        client().delete("bundles/" + encodeSegment(symbolicName));
        out().println("removed " + symbolicName);
        out().flush();
        return 0;
    }

    private ConsoleClient client() {
        return ConsoleClient.connect(server, token, data);
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private static Map<String, String> fields(String sha256) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("sha256", sha256);
        return fields;
    }

    private static String describe(JsonNode bundle) {
        List<String> plugins = new ArrayList<>();
        bundle.path("plugins").forEach(p -> plugins.add(p.asText()));
        return bundle.path("symbolicName").asText() + " " + bundle.path("version").asText() + " (bundle "
                + bundle.path("id").asText() + ", " + bundle.path("state").asText() + "): "
                + (plugins.isEmpty() ? "no plugins registered yet" : "plugins " + String.join(", ", plugins));
    }

    /**
     * Reads the symbolic name from a bundle jar's manifest, without its directives.
     *
     * @param file the jar
     * @return the symbolic name
     * @throws ClientException if the file is missing, not a jar, or not a bundle
     */
    static String symbolicNameOf(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ClientException(file + ": no such file");
        }
        Manifest mf;
        try (JarFile jar = new JarFile(file.toFile())) {
            mf = jar.getManifest();
        } catch (IOException e) {
            throw new ClientException(file + ": not a jar file (" + e.getMessage() + ")", e);
        }
        String bsn = mf == null ? null : mf.getMainAttributes().getValue(new Attributes.Name("Bundle-SymbolicName"));
        if (bsn == null || bsn.isBlank()) {
            throw new ClientException(file + ": not an OSGi bundle, its manifest has no Bundle-SymbolicName; build it"
                    + " with bnd (see examples/third-party-plugin)");
        }
        int semicolon = bsn.indexOf(';');
        return (semicolon < 0 ? bsn : bsn.substring(0, semicolon)).strip();
    }

    /** Percent-encodes a path segment (symbolic names are normally safe already). */
    static String encodeSegment(String segment) {
        StringBuilder sb = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '~')) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    /** Prints rows as columns padded to their widest cell; the first row is the header. */
    static void printTable(PrintWriter out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.println(line);
        }
    }
}
