package org.surrogate.console.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeoutException;
import org.surrogate.console.security.Security;
import org.surrogate.framework.SurrogateHost;
import org.surrogate.framework.trials.TrialHandle;
import org.surrogate.framework.trials.TrialStatus;

/**
 * {@code /api/v1/trials}: start single trials, watch them, wait for them, cancel them. The trial
 * runner keeps the trials started since the server started. Starting and cancelling need the role
 * researcher; a researcher cancels only the trials they started, an admin any.
 */
@Path("trials")
@Produces(MediaType.APPLICATION_JSON)
public final class TrialsResource {

    /** The longest {@code ?wait} accepted, so that a request cannot hold a server thread for ever. */
    static final int MAX_WAIT_SECONDS = 600;

    private final SurrogateHost host;
    private final Security security;

    /**
     * Creates the resource.
     *
     * @param host     the plugin host
     * @param security who started which trial
     */
    @Inject
    public TrialsResource(SurrogateHost host, Security security) {
        this.host = host;
        this.security = security;
    }

    /**
     * {@code POST /api/v1/trials}: validates a trial request and starts it.
     *
     * @param submission the request (see {@link TrialSubmission})
     * @param context    the security context: who starts it
     * @param uriInfo    the request's URI, for the Location header
     * @return 202 with {@code {"id": "..."}}
     * @throws org.surrogate.api.param.InvalidParamsException listing every problem of the request
     */
    @POST
    @RolesAllowed("researcher")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(TrialSubmission submission, @Context SecurityContext context, @Context UriInfo uriInfo) {
        if (submission == null) {
            throw new IllegalArgumentException("request body is empty: send a JSON trial request such as"
                    + " {\"protocol\": \"holdout\", \"seed\": 42, \"slots\": {...}}");
        }
        TrialHandle handle = host.trials().start(submission.toRequest());
        security.trialStarted(handle.id(), Caller.of(context).name());
        return Response.accepted(new Started(handle.id()))
                .location(uriInfo.getAbsolutePathBuilder().path(handle.id()).build())
                .build();
    }

    /**
     * {@code GET /api/v1/trials}: every trial started since the server started, oldest first.
     *
     * @return their current state
     */
    @GET
    public List<TrialView> list() {
        return host.trials().list().stream()
                .map(r -> host.trials().find(r.trialId()).map(TrialView::of).orElseGet(() -> TrialView.of(r, 0.0)))
                .toList();
    }

    /**
     * {@code GET /api/v1/trials/{id}[?wait=SECONDS]}: a trial's state, after waiting up to
     * {@code wait} seconds for it to end. A trial still running after the wait is returned as it is
     * (status RUNNING), not as an error.
     *
     * @param id   the trial id
     * @param wait seconds to wait for the end, in [0, {@value #MAX_WAIT_SECONDS}]; 0 for no wait
     * @return the trial
     * @throws NoSuchElementException if no such trial was started
     * @throws InterruptedException if the server stops while waiting
     */
    @GET
    @Path("{id}")
    public TrialView get(@PathParam("id") String id, @QueryParam("wait") String wait) throws InterruptedException {
        int seconds = waitSeconds(wait);
        TrialHandle handle = find(id);
        if (seconds > 0) {
            try {
                handle.await(Duration.ofSeconds(seconds));
            } catch (TimeoutException e) {
                // Still running: the snapshot below says so.
            }
        }
        return TrialView.of(handle);
    }

    /**
     * {@code DELETE /api/v1/trials/{id}}: asks a running trial to stop; it ends as CANCELLED. Only
     * who started it, or an admin, may.
     *
     * @param id      the trial id
     * @param context the security context
     * @return 202 with the trial's state (it may still show RUNNING until it notices)
     * @throws NoSuchElementException if no such trial was started
     * @throws IllegalStateException if it has ended already
     */
    @DELETE
    @Path("{id}")
    @RolesAllowed("researcher")
    public Response cancel(@PathParam("id") String id, @Context SecurityContext context) {
        TrialHandle handle = find(id);
        Caller.of(context).requireOwnerOrAdmin(security.trialOwner(id).orElse(null), "trial " + id, "cancel");
        TrialStatus status = handle.snapshot().status();
        if (status != TrialStatus.RUNNING) {
            throw new IllegalStateException("trial " + id + " has ended already (" + status + "); only a running"
                    + " trial can be cancelled");
        }
        handle.cancel("cancelled by DELETE /api/v1/trials/" + id);
        return Response.accepted(TrialView.of(handle)).build();
    }

    /** Parsed here rather than by JAX-RS, which answers a bad query parameter with a misleading 404. */
    private static int waitSeconds(String wait) {
        if (wait == null || wait.isBlank()) {
            return 0;
        }
        String s = wait.strip();
        if (s.matches("[0-9]{1,9}") && Integer.parseInt(s) <= MAX_WAIT_SECONDS) {
            return Integer.parseInt(s);
        }
        throw new IllegalArgumentException("query parameter wait: expected whole seconds in [0, " + MAX_WAIT_SECONDS
                + "], found '" + wait + "'");
    }

    private TrialHandle find(String id) {
        return host.trials().find(id).orElseThrow(() -> new NoSuchElementException("no trial '" + id
                + "' was started since the server started; GET /api/v1/trials lists them"));
    }

    /**
     * The body of a 202 answer to a trial request.
     *
     * @param id the new trial's id
     */
    public record Started(String id) {
    }
}
