package org.surrogate.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.surrogate.repository.RunRecord;
import org.surrogate.repository.RunRepository;
import org.surrogate.repository.SearchRequest;
import org.surrogate.repository.SearchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code surrogate search QUERY}: searches the results repository. */
@Command(name = "search", description = {"Searches the runs in the results repository with a Lucene query, e.g.",
    "  protocol:holdout AND (plugin:als OR plugin:bpr) AND metric.als_ndcg_10:[0.3 TO *]",
    "Fields: text (default), id, protocol, plugin, dataset, status, user, tag, experiment, fingerprint,",
    "param.NAME and metric.NAME (numbers; names lower-case with other characters as _), created, ended."})
final class SearchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUERY", defaultValue = "*", description = "The query (default: all runs).")
    private String query;

    @Option(names = "--facet", paramLabel = "FIELD", description = "Count hits by this field (repeatable).")
    private List<String> facets = new ArrayList<>();

    @Option(names = "--sort", paramLabel = "FIELD", description = "Sort by a field, '-' first for descending "
            + "(default: newest first).")
    private String sort;

    @Option(names = "--limit", defaultValue = "20", description = "Hits to show (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--offset", defaultValue = "0", description = "Hits to skip.")
    private int offset;

    @Option(names = "--json", description = "Print the answer as JSON.")
    private boolean json;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data", description = "The data folder.")
    private Path data;

    @Option(names = "--server", paramLabel = "URL", description = "Ask the server at URL instead.")
    private String server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The API token to send (default: $SURROGATE_TOKEN, else DATA/secrets/cli-token when it"
                    + " exists).")
    private String token;

    @Override
    public Integer call() throws Exception {
        SearchResult result;
        if (server != null) {
            StringBuilder path = new StringBuilder("runs?q=" + enc(query) + "&offset=" + offset + "&limit=" + limit);
            facets.forEach(f -> path.append("&facet=").append(enc(f)));
            if (sort != null) {
                path.append("&sort=").append(enc(sort));
            }
            JsonNode answer = ConsoleClient.connect(server, token, data).get(path.toString());
            result = Cli.JSON.treeToValue(answer, SearchResult.class);
        } else {
            try (RunRepository repo = Cli.open(data)) {
                result = repo.search(new SearchRequest(query, facets, sort, offset, limit));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Cli.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        } else {
            print(result, out);
        }
        out.flush();
        return 0;
    }

    private void print(SearchResult r, PrintWriter out) {
        out.printf(Locale.ROOT, "%d runs match (%.1f ms)%n", r.total(), r.tookMicros() / 1000.0);
        String sortMetric = sort == null ? null : sort.replaceFirst("^-", "");
        for (RunRecord h : r.hits()) {
            StringBuilder line = new StringBuilder();
            line.append(h.id()).append("  ").append(h.status()).append("  ").append(h.protocol())
                    .append("  seed ").append(h.seed());
            int shown = 0;
            for (Map.Entry<String, Double> m : h.metrics().entrySet()) {
                boolean sorted = sortMetric != null && sortMetric.equals("metric." + fieldName(m.getKey()));
                if (sorted || shown < 3) {
                    line.append(String.format(Locale.ROOT, "  %s=%.4f", m.getKey(), m.getValue()));
                    shown++;
                }
            }
            if (h.metrics().size() > shown) {
                line.append("  (+").append(h.metrics().size() - shown).append(" metrics)");
            }
            out.println(line);
        }
        java.util.Set<String> fingerprints = new java.util.TreeSet<>();
        r.hits().forEach(h -> fingerprints.add(String.valueOf(h.fingerprint())));
        if (fingerprints.size() > 1) {
            out.println("note: these hits were measured under " + fingerprints.size() + " different protocols "
                    + "(fingerprints " + String.join(", ", fingerprints) + "); compare numbers only within one "
                    + "(add fingerprint:F to the query)");
        }
        r.facets().forEach((field, counts) -> {
            out.println("facet " + field + ":");
            counts.forEach((v, n) -> out.println("  " + v + "  " + n));
        });
    }

    private static String fieldName(String metric) {
        return org.surrogate.repository.RunIndex.fieldName(metric);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
