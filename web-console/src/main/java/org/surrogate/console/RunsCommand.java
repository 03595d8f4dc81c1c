package org.surrogate.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.surrogate.repository.Comparison;
import org.surrogate.repository.RunRecord;
import org.surrogate.repository.RunRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code surrogate runs show|compare|export}: reads runs from the results repository. */
@Command(name = "runs", description = "Shows, compares and exports runs of the results repository.")
final class RunsCommand {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data", scope = ScopeType.INHERIT,
            description = "The data folder (default: ${DEFAULT-VALUE}).")
    private Path data;

    @Option(names = "--server", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Ask the server at URL instead of reading the data folder.")
    private String server;

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
            description = "The API token to send (default: $SURROGATE_TOKEN, else DATA/secrets/cli-token when it"
                    + " exists).")
    private String token;

    private ConsoleClient client() {
        return ConsoleClient.connect(server, token, data);
    }

    @Command(name = "show", description = "A run's record and the last point of each metric curve.")
    int show(@Parameters(paramLabel = "ID") String id) throws Exception {
        RunRecord r;
        Map<String, List<double[]>> curves;
        if (server != null) {
            JsonNode v = client().get("runs/" + id);
            r = Cli.JSON.treeToValue(v.path("run"), RunRecord.class);
            curves = Cli.JSON.convertValue(v.path("curves"),
                    Cli.JSON.getTypeFactory().constructMapType(Map.class, Cli.JSON.getTypeFactory()
                            .constructType(String.class), Cli.JSON.getTypeFactory().constructCollectionType(List.class,
                            double[].class)));
        } else {
            try (RunRepository repo = Cli.open(data)) {
                r = repo.get(id).orElseThrow(() -> new IllegalArgumentException("no run '" + id + "' in " + data));
                curves = repo.curves(id);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(Cli.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r));
        curves.forEach((name, points) -> {
            double[] last = points.get(points.size() - 1);
            out.printf(Locale.ROOT, "curve %s: %d points, last step %d = %.6g%n", name, points.size(), (long) last[0],
                    last[1]);
        });
        out.flush();
        return 0;
    }

    @Command(name = "compare", description = "What differs between runs: spec, plugin versions, seed, protocol "
            + "fingerprint and results.")
    int compare(@Parameters(paramLabel = "ID", arity = "2..*") List<String> ids,
                @Option(names = "--all", description = "Show equal fields too.") boolean all) throws Exception {
        Comparison c;
        if (server != null) {
            c = Cli.JSON.treeToValue(client().get("runs/compare?ids=" + String.join(",", ids)),
                    Comparison.class);
        } else {
            try (RunRepository repo = Cli.open(data)) {
                c = repo.compare(ids);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (c.fingerprintsDiffer()) {
            out.println("WARNING: the protocol fingerprints differ: these results were measured under different "
                    + "protocols (data, split, candidates, cutoffs or metric definitions) and are not comparable");
        }
        out.println("field\t" + String.join("\t", c.ids()));
        for (Comparison.Row row : all ? c.rows() : c.differing()) {
            StringBuilder line = new StringBuilder(row.field());
            row.values().forEach(v -> line.append('\t').append(v));
            out.println(line);
        }
        if (!all && c.differing().isEmpty()) {
            out.println("(no differences)");
        }
        out.flush();
        return 0;
    }

    @Command(name = "export", description = "Exports runs as CSV (one row per run) or JSON.")
    int export(@Parameters(paramLabel = "ID", arity = "1..*") List<String> ids,
               @Option(names = "--format", defaultValue = "csv", description = "csv or json (default: csv).")
               String format,
               @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
               Path file) throws Exception {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("json")) {
            throw new IllegalArgumentException("--format: expected csv or json, found '" + format + "'");
        }
        byte[] bytes;
        if (server != null) {
            JsonNode answer = client().get("runs/export?format=json&ids=" + String.join(",", ids));
            List<RunRecord> runs = Cli.JSON.convertValue(answer,
                    Cli.JSON.getTypeFactory().constructCollectionType(List.class, RunRecord.class));
            if (f.equals("json")) {
                bytes = Cli.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(runs);
            } else {
                throw new IllegalArgumentException("--format csv with --server: use GET " + server
                        + "/api/v1/runs/export?format=csv&ids=... or export from the data folder");
            }
        } else {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (RunRepository repo = Cli.open(data)) {
                repo.export(ids, f.equals("csv") ? RunRepository.Format.CSV : RunRepository.Format.JSON, buf);
            }
            bytes = buf.toByteArray();
        }
        if (file != null) {
            Files.write(file, bytes);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(new String(bytes, StandardCharsets.UTF_8));
            out.flush();
        }
        return 0;
    }
}
