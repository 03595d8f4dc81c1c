package org.surrogate.console.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.surrogate.framework.SurrogateHost;
import org.surrogate.repository.Comparison;
import org.surrogate.repository.RunRecord;
import org.surrogate.repository.RunRepository;
import org.surrogate.repository.SearchRequest;
import org.surrogate.repository.SearchResult;

/**
 * {@code /api/v1/runs}: search the results repository, show a run with its metric history,
 * compare runs and export them.
 */
@Path("runs")
@Produces(MediaType.APPLICATION_JSON)
public final class RunsResource {

    private final SurrogateHost host;

    /**
     * Creates the resource.
     *
     * @param host the plugin host
     */
    @Inject
    public RunsResource(SurrogateHost host) {
        this.host = host;
    }

    /**
     * {@code GET /api/v1/runs?q=QUERY&facet=protocol&sort=-metric.ndcg_10&offset=0&limit=20}.
     *
     * @param q      a Lucene query, such as {@code protocol:holdout AND metric.ndcg_10:[0.3 TO *]};
     *               empty for all runs
     * @param facets the facets to count (protocol, plugin, dataset, status, user, tag)
     * @param sort   a field to sort by, {@code -} first for descending; default newest first
     * @param offset hits to skip
     * @param limit  hits to return
     * @return the hits, total and facet counts, as {@link SearchResult} JSON (the repository keeps
     *         the body of a page that is polled, so it is serialised once per index snapshot)
     */
    @GET
    public Response search(@QueryParam("q") String q, @QueryParam("facet") List<String> facets,
                           @QueryParam("sort") String sort, @QueryParam("offset") @DefaultValue("0") int offset,
                           @QueryParam("limit") @DefaultValue("20") int limit) {
        byte[] body = host.runs().searchJson(new SearchRequest(q, facets, sort, offset, limit));
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * {@code GET /api/v1/runs/{id}}: a run's record and its metric curves.
     *
     * @param id the run id
     * @return the run
     */
    @GET
    @Path("{id}")
    public RunView get(@PathParam("id") String id) {
        RunRecord r = host.runs().get(id).orElseThrow(() -> new NoSuchElementException("no run '" + id + "'"));
        return new RunView(r, host.runs().curves(id));
    }

    /**
     * {@code GET /api/v1/runs/{id}/metrics[?name=loss]}: a run's metric curves, as far as they are
     * written (every 2 s while it runs).
     *
     * @param id   the run id
     * @param name only this metric, or all when absent
     * @return the points by metric name, each {step, value}
     */
    @GET
    @Path("{id}/metrics")
    public Map<String, List<double[]>> metrics(@PathParam("id") String id, @QueryParam("name") String name) {
        requireRun(id);
        Map<String, List<double[]>> curves = host.runs().curves(id);
        if (name == null || name.isBlank()) {
            return curves;
        }
        List<double[]> one = curves.get(name);
        if (one == null) {
            throw new NoSuchElementException("query parameter name: run '" + id + "' has no metric '" + name
                    + "'; it has: " + String.join(", ", curves.keySet()));
        }
        return Map.of(name, one);
    }

    /**
     * {@code GET /api/v1/runs/{id}/log}: a run's log as text.
     *
     * @param id the run id
     * @return the log
     */
    @GET
    @Path("{id}/log")
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    public Response log(@PathParam("id") String id) {
        requireRun(id);
        java.nio.file.Path log = host.runs().store().dir(id).resolve(org.surrogate.repository.RunStore.LOG_FILE);
        if (!java.nio.file.Files.isRegularFile(log)) {
            throw new NoSuchElementException("run '" + id + "' has no log yet");
        }
        StreamingOutput out = os -> java.nio.file.Files.copy(log, os);
        return Response.ok(out, MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8")).build();
    }

    /**
     * {@code GET /api/v1/runs/{id}/artifacts}: the files a run wrote (models, plots, tables).
     *
     * @param id the run id
     * @return the artifacts by name
     * @throws java.io.IOException if the folder cannot be listed
     */
    @GET
    @Path("{id}/artifacts")
    public List<Artifact> artifacts(@PathParam("id") String id) throws java.io.IOException {
        requireRun(id);
        java.nio.file.Path dir = artifactsDir(id);
        if (!java.nio.file.Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = java.nio.file.Files.list(dir)) {
            List<Artifact> out = new java.util.ArrayList<>();
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (!n.startsWith(".") && java.nio.file.Files.isRegularFile(f)) {
                    out.add(new Artifact(n, java.nio.file.Files.size(f),
                            java.nio.file.Files.getLastModifiedTime(f).toInstant()));
                }
            }
            out.sort(java.util.Comparator.comparing(Artifact::name));
            return out;
        }
    }

    /**
     * {@code GET /api/v1/runs/{id}/artifacts/{name}}: downloads one artifact. Only plain file names
     * of the run's {@code artifacts/} folder are served; a name that leaves it is refused.
     *
     * @param id   the run id
     * @param name the artifact's file name
     * @return the file, as {@code application/octet-stream} (text types for .csv, .json, .txt, .svg)
     * @throws java.io.IOException if the file cannot be read
     */
    @GET
    @Path("{id}/artifacts/{name}")
    @Produces(MediaType.WILDCARD)
    public Response artifact(@PathParam("id") String id, @PathParam("name") String name) throws java.io.IOException {
        requireRun(id);
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")
                || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("artifact name: expected a plain file name of the run's artifacts,"
                    + " found '" + name + "'; GET /api/v1/runs/" + id + "/artifacts lists them");
        }
        java.nio.file.Path dir = artifactsDir(id);
        java.nio.file.Path file = dir.resolve(name).normalize();
        if (!dir.equals(file.getParent()) || !java.nio.file.Files.isRegularFile(file)
                || !file.toRealPath().startsWith(dir.toRealPath())) {
            throw new NoSuchElementException("run '" + id + "' has no artifact '" + name + "'; GET /api/v1/runs/" + id
                    + "/artifacts lists them");
        }
        StreamingOutput out = os -> java.nio.file.Files.copy(file, os);
        return Response.ok(out, contentType(name))
                .header("Content-Disposition", "attachment; filename=\"" + name.replace("\"", "_") + "\"")
                .header("Content-Length", java.nio.file.Files.size(file))
                .build();
    }

    private java.nio.file.Path artifactsDir(String id) {
        return host.runs().store().dir(id).resolve(org.surrogate.repository.RunStore.ARTIFACTS_DIR);
    }

    private void requireRun(String id) {
        if (host.runs().get(id).isEmpty()) {
            throw new NoSuchElementException("no run '" + id + "'");
        }
    }

    private static String contentType(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".csv")) {
            return "text/csv;charset=utf-8";
        }
        if (n.endsWith(".json")) {
            return MediaType.APPLICATION_JSON;
        }
        if (n.endsWith(".txt") || n.endsWith(".log")) {
            return "text/plain;charset=utf-8";
        }
        if (n.endsWith(".svg")) {
            return "image/svg+xml";
        }
        if (n.endsWith(".png")) {
            return "image/png";
        }
        return MediaType.APPLICATION_OCTET_STREAM;
    }

    /**
     * {@code GET /api/v1/runs/compare?ids=A,B}: what differs between runs in spec, versions and results,
     * and whether their protocol fingerprints differ.
     *
     * @param ids comma-separated run ids
     * @return the comparison
     */
    @GET
    @Path("compare")
    public Comparison compare(@QueryParam("ids") String ids) {
        return host.runs().compare(ids(ids));
    }

    /**
     * {@code GET /api/v1/runs/export?ids=A,B&format=csv|json}.
     *
     * @param ids    comma-separated run ids
     * @param format csv or json
     * @return the export
     */
    @GET
    @Path("export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    public Response export(@QueryParam("ids") String ids, @QueryParam("format") @DefaultValue("csv") String format) {
        RunRepository.Format f = switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "csv" -> RunRepository.Format.CSV;
            case "json" -> RunRepository.Format.JSON;
            default -> throw new IllegalArgumentException("format: expected csv or json, found '" + format + "'");
        };
        List<String> list = ids(ids);
        StreamingOutput out = os -> host.runs().export(list, f, os);
        return Response.ok(out, f == RunRepository.Format.CSV ? "text/csv" : MediaType.APPLICATION_JSON).build();
    }

    private static List<String> ids(String ids) {
        if (ids == null || ids.isBlank()) {
            throw new IllegalArgumentException("ids: expected comma-separated run ids");
        }
        return Arrays.stream(ids.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * A run with its metric history.
     *
     * @param run    the record
     * @param curves the metric points by name, each {step, value}
     */
    public record RunView(RunRecord run, Map<String, List<double[]>> curves) {
    }

    /**
     * A file in a run's {@code artifacts/} folder.
     *
     * @param name     its file name
     * @param size     its size in bytes
     * @param modified when it was written
     */
    public record Artifact(String name, long size, java.time.Instant modified) {
    }
}
