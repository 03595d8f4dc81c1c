package org.surrogate.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.surrogate.framework.catalog.BundleRequest;
import org.surrogate.framework.catalog.IndexWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code surrogate catalog add|remove|list|available|install|update|index}: the plugin catalog of a
 * running server through its REST API, and {@code index DIR}, which publishes a folder of bundles as a
 * catalog here, without a server.
 */
@Command(name = "catalog",
        description = {"Plugin catalogs (update sites): add catalog locations to a running server, see what they"
            + " offer, install and update bundles from them with their dependencies; and publish a folder of"
            + " bundles as a catalog (index)."})
final class CatalogCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    @Command(name = "add", description = {"Adds a catalog location to the server (admin only).",
        "LOCATION is an http(s) URL serving index.json (or the index's own URL), or a folder on the server's"
            + " machine; a relative folder that exists here is made absolute."})
    int add(@Parameters(index = "0", paramLabel = "NAME", description = "A short name, such as lab.") String name,
            @Parameters(index = "1", paramLabel = "LOCATION", description = "The URL or folder.") String location)
            throws InterruptedException {
        String where = location;
        String lower = location.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://") && Files.isDirectory(Path.of(location))) {
            where = Path.of(location).toAbsolutePath().normalize().toString();
        }
        ObjectNode body = JSON.createObjectNode().put("name", name).put("location", where);
        JsonNode l = client().post("catalog/locations", body.toString(), "application/json");
        out().println("added catalog " + l.path("name").asText() + ": " + l.path("location").asText());
        out().flush();
        return 0;
    }

    @Command(name = "remove", description = "Removes a catalog location; bundles installed from it stay (admin only).")
    int remove(@Parameters(paramLabel = "NAME", description = "The catalog's name.") String name)
            throws InterruptedException {
        client().delete("catalog/locations/" + PluginsCommand.encodeSegment(name));
        out().println("removed catalog " + name);
        out().flush();
        return 0;
    }

    @Command(name = "list", description = "Lists the catalog locations of the server.")
    int list() throws InterruptedException {
        JsonNode ls = client().get("catalog/locations");
        PrintWriter out = out();
        if (ls.isEmpty()) {
            out.println("no catalogs; add one with: surrogate catalog add NAME URL|FOLDER");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "LOCATION", "ADDED", "BY"});
            for (JsonNode l : ls) {
                rows.add(new String[] {l.path("name").asText(), l.path("location").asText(), l.path("added").asText(),
                    l.path("addedBy").asText("")});
            }
            PluginsCommand.printTable(out, rows);
        }
        out.flush();
        return 0;
    }

    @Command(name = "available", description = {"Lists what the catalogs offer, what is installed, and updates.",
        "STATUS: installed, update (newer than the installed version), older, available (not installed),"
            + " incompatible (needs another plugins-api)."})
    int available(@Option(names = "--updates", description = "Only the installed bundles that have an update.")
                  boolean onlyUpdates) throws InterruptedException {
        JsonNode l = client().get("catalog/available");
        PrintWriter out = out();
        List<String[]> rows = new ArrayList<>();
        if (onlyUpdates) {
            rows.add(new String[] {"BUNDLE", "INSTALLED", "UPDATE", "CATALOG"});
            for (JsonNode u : l.path("updates")) {
                rows.add(new String[] {u.path("symbolicName").asText(), u.path("installedVersion").asText(),
                    u.path("version").asText(), u.path("catalog").asText()});
            }
        } else {
            rows.add(new String[] {"BUNDLE", "VERSION", "STATUS", "KINDS", "CATALOG", "DESCRIPTION"});
            for (JsonNode b : l.path("bundles")) {
                List<String> kinds = new ArrayList<>();
                b.path("kinds").forEach(k -> kinds.add(k.asText()));
                String d = b.path("description").asText(b.path("name").asText(""));
                rows.add(new String[] {b.path("symbolicName").asText(), b.path("version").asText(),
                    b.path("status").asText() + (b.hasNonNull("installedVersion") && !"installed".equals(
                            b.path("status").asText()) ? " (" + b.path("installedVersion").asText() + ")" : ""),
                    String.join(",", kinds), b.path("catalog").asText(), d.length() > 60 ? d.substring(0, 57) + "..." : d});
            }
        }
        if (rows.size() == 1) {
            out.println(onlyUpdates ? "every installed bundle is up to date" : "the catalogs offer no bundles");
        } else {
            PluginsCommand.printTable(out, rows);
        }
        for (JsonNode p : l.path("problems")) {
            out.println("warning: " + p.asText());
        }
        out.flush();
        return 0;
    }

    @Command(name = "install", description = {"Installs bundles from the catalogs with their dependencies (admin"
        + " only).", "Each is installed at the newest version that fits the server, or at NAME@VERSION; if any step"
        + " fails, nothing of it stays installed."})
    int install(@Parameters(paramLabel = "BUNDLE[@VERSION]", arity = "1..*",
                        description = "Symbolic names, optionally with an exact version.") List<String> bundles,
                @Option(names = "--dry-run", description = "Only show what would be done.") boolean dryRun)
            throws InterruptedException {
        return change("catalog/install", bundles, dryRun);
    }

    @Command(name = "update", description = {"Updates installed bundles from the catalogs, with their dependencies"
        + " (admin only).", "Without BUNDLE, every installed bundle with an update."})
    int update(@Parameters(paramLabel = "BUNDLE[@VERSION]", arity = "0..*",
                       description = "Symbolic names, optionally with an exact version.") List<String> bundles,
               @Option(names = "--dry-run", description = "Only show what would be done.") boolean dryRun)
            throws InterruptedException {
        return change("catalog/update", bundles == null ? List.of() : bundles, dryRun);
    }

    @Command(name = "index", description = {"Writes DIR/index.json for the bundle jars in DIR (and its folders),"
        + " so that DIR can be published as a catalog (served over http(s) or added as a folder).",
        "Runs here, without a server; reads plugin descriptors by loading the plugins' classes unless"
            + " --no-descriptors."})
    int index(@Parameters(paramLabel = "DIR", description = "The folder of bundle jars.") Path dir,
              @Option(names = "--name", paramLabel = "TEXT", description = "The catalog's human name.") String name,
              @Option(names = "--no-descriptors", description = "Read only the manifests, never load plugin classes.")
              boolean noDescriptors) {
        IndexWriter.Result r;
        try {
            r = new IndexWriter(!noDescriptors, Clock.systemUTC()).write(dir, name);
        } catch (IOException e) {
            throw new ClientException(dir + ": cannot write the index: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ClientException(e.getMessage(), e);
        }
        PrintWriter out = out();
        r.notes().forEach(n -> out.println("note: " + n));
        out.println("wrote " + r.indexFile() + ": " + r.index().bundles().size() + " bundle(s)");
        r.index().bundles().forEach(b -> out.println("  " + b.symbolicName() + " " + b.version() + "  " + b.url()
                + (b.dependencies().isEmpty() ? "" : "  needs " + b.dependencies())));
        out.flush();
        return 0;
    }

    private int change(String path, List<String> bundles, boolean dryRun) throws InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("dryRun", dryRun);
        ArrayNode list = body.putArray("bundles");
        for (String b : bundles) {
            BundleRequest r;
            try {
                r = BundleRequest.parse(b);
            } catch (IllegalArgumentException e) {
                throw new ClientException(b + ": " + e.getMessage(), e);
            }
            ObjectNode o = list.addObject().put("symbolicName", r.symbolicName());
            if (r.version() != null) {
                o.put("version", r.version());
            }
        }
        JsonNode result = client().post(path, body.toString(), "application/json");
        PrintWriter out = out();
        if (result.path("steps").isEmpty()) {
            out.println("nothing to do: everything asked for is installed at the newest version that fits");
        }
        for (JsonNode s : result.path("steps")) {
            out.println((dryRun ? "would " : "") + s.path("action").asText().toLowerCase(Locale.ROOT) + " "
                    + s.path("symbolicName").asText() + " " + s.path("version").asText()
                    + (s.hasNonNull("fromVersion") ? " (from " + s.path("fromVersion").asText() + ")" : "")
                    + " from catalog " + s.path("catalog").asText() + ", " + s.path("reason").asText());
        }
        out.flush();
        return 0;
    }

    private ConsoleClient client() {
        return ConsoleClient.connect(server, token, data);
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
