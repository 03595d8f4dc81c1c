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
     * @return the hits, total and facet counts
     */
    @GET
    public SearchResult search(@QueryParam("q") String q, @QueryParam("facet") List<String> facets,
                               @QueryParam("sort") String sort, @QueryParam("offset") @DefaultValue("0") int offset,
                               @QueryParam("limit") @DefaultValue("20") int limit) {
        return host.runs().search(new SearchRequest(q, facets, sort, offset, limit));
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
}
