package org.surrogate.console.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.NoSuchElementException;
import org.surrogate.framework.SurrogateHost;
import org.surrogate.framework.engine.ExperimentStatus;
import org.surrogate.framework.engine.TrialInfo;

/**
 * {@code /api/v1/experiments}: submit experiment specs (YAML or JSON text), validate them without
 * submitting, list them, watch their trials, cancel, pause and resume them; {@code /api/v1/queue}
 * lists running and queued trials. Submitting and controlling need the role researcher; a researcher
 * controls only their own experiments and trials, an admin anyone's.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public final class ExperimentsResource {

    private final SurrogateHost host;

    /**
     * Creates the resource.
     *
     * @param host the plugin host
     */
    @Inject
    public ExperimentsResource(SurrogateHost host) {
        this.host = host;
    }

    /**
     * {@code POST /api/v1/experiments}: validates a spec against the installed plugins and queues its
     * trials.
     *
     * @param spec    the spec text, YAML or JSON
     * @param name    a name for the spec in messages ({@code ?name=als.yaml}), default {@code spec}
     * @param context the security context: the authenticated user submits it
     * @param uriInfo the request URI
     * @return 201 with the experiment
     */
    @POST
    @Path("experiments")
    @RolesAllowed("researcher")
    @Consumes({MediaType.TEXT_PLAIN, "application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON})
    public Response submit(String spec, @QueryParam("name") String name, @Context SecurityContext context,
                           @Context UriInfo uriInfo) {
        String user = Caller.of(context).name();
        ExperimentStatus s = host.scheduler().submit(body(spec), name == null ? "spec" : name, user);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(s.info().id()).build()).entity(s).build();
    }

    /**
     * {@code POST /api/v1/experiments/validate}: checks a spec without submitting it.
     *
     * @param spec the spec text
     * @param name a name for the spec in messages
     * @return {@code {"valid": true, "trials": N}}; problems are a 400 naming every path
     */
    @POST
    @Path("experiments/validate")
    @RolesAllowed("researcher")
    @Consumes({MediaType.TEXT_PLAIN, "application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON})
    public Validation validate(String spec, @QueryParam("name") String name) {
        return new Validation(true, host.scheduler().validate(body(spec), name == null ? "spec" : name));
    }

    /**
     * {@code GET /api/v1/experiments}: every experiment, newest first.
     *
     * @return their status
     */
    @GET
    @Path("experiments")
    public List<ExperimentStatus> list() {
        return host.scheduler().experiments();
    }

    /**
     * {@code GET /api/v1/experiments/{id}}: one experiment with its trials (while it is live).
     *
     * @param id the experiment id
     * @return the experiment
     */
    @GET
    @Path("experiments/{id}")
    public ExperimentView get(@PathParam("id") String id) {
        ExperimentStatus s = host.scheduler().experiment(id)
                .orElseThrow(() -> new NoSuchElementException("no experiment '" + id + "'"));
        return new ExperimentView(s, host.scheduler().trialsOf(id));
    }

    /**
     * {@code POST /api/v1/experiments/{id}/cancel|pause|resume}: its owner or an admin.
     *
     * @param id      the experiment id
     * @param action  cancel, pause or resume
     * @param context the security context
     * @return the experiment after the change
     */
    @POST
    @Path("experiments/{id}/{action}")
    @RolesAllowed("researcher")
    public ExperimentView control(@PathParam("id") String id, @PathParam("action") String action,
                                  @Context SecurityContext context) {
        checkAction(action);
        ExperimentStatus s = host.scheduler().experiment(id)
                .orElseThrow(() -> new NoSuchElementException("no experiment '" + id + "'"));
        Caller.of(context).requireOwnerOrAdmin(s.info().user(), "experiment " + id, action);
        switch (action) {
            case "cancel" -> host.scheduler().cancelExperiment(id, "cancelled through the API by "
                    + Caller.of(context).name());
            case "pause" -> host.scheduler().pauseExperiment(id);
            default -> host.scheduler().resumeExperiment(id);
        }
        return get(id);
    }

    /**
     * {@code POST /api/v1/queue/{runId}/cancel|pause|resume}: controls one trial; its owner or an admin.
     *
     * @param runId   the trial's run id
     * @param action  cancel, pause or resume
     * @param context the security context
     * @return the trial after the change
     */
    @POST
    @Path("queue/{runId}/{action}")
    @RolesAllowed("researcher")
    public TrialInfo controlTrial(@PathParam("runId") String runId, @PathParam("action") String action,
                                  @Context SecurityContext context) {
        checkAction(action);
        TrialInfo t = host.scheduler().trial(runId)
                .orElseThrow(() -> new NoSuchElementException("no trial '" + runId + "' in the queue"));
        Caller.of(context).requireOwnerOrAdmin(t.user(), "trial " + runId, action);
        switch (action) {
            case "cancel" -> host.scheduler().cancelTrial(runId, "cancelled through the API by "
                    + Caller.of(context).name());
            case "pause" -> host.scheduler().pauseTrial(runId);
            default -> host.scheduler().resumeTrial(runId);
        }
        return host.scheduler().trial(runId).orElseThrow();
    }

    private static void checkAction(String action) {
        if (!action.equals("cancel") && !action.equals("pause") && !action.equals("resume")) {
            throw new IllegalArgumentException("action: expected cancel, pause or resume, found '" + action + "'");
        }
    }

    /**
     * {@code GET /api/v1/queue}: running trials, then queued ones in dispatch order.
     *
     * @return the trials
     */
    @GET
    @Path("queue")
    public List<TrialInfo> queue() {
        return host.scheduler().queue();
    }

    private static String body(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("request body is empty: send the experiment spec (YAML or JSON)");
        }
        return spec;
    }

    /**
     * The answer to a validation.
     *
     * @param valid  always true (problems are answered as a 400)
     * @param trials how many trials the spec expands to
     */
    public record Validation(boolean valid, int trials) {
    }

    /**
     * An experiment with its trials.
     *
     * @param experiment the experiment
     * @param trials     its trials, while it is live
     */
    public record ExperimentView(ExperimentStatus experiment, List<TrialInfo> trials) {
    }
}
