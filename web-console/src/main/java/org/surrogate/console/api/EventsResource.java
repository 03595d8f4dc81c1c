package org.surrogate.console.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Objects;

/**
 * {@code GET /api/v1/events[?experiment=ID][&run=ID]}: live progress as server-sent events
 * ({@code text/event-stream}): {@code trial} (a trial changed state), {@code progress} (a running
 * trial's fraction and message, at most 4 a second per trial), {@code metric} (a metric point as it
 * is logged) and {@code experiment} (submitted, paused, resumed, cancelled, finished), each with JSON
 * data and an id; a comment line every 15 s keeps the connection open. The web console's progress
 * bars and {@code surrogate run --server} follow it.
 *
 * <pre>{@code
 * curl -N 'http://127.0.0.1:8080/api/v1/events?experiment=e20250101-120000-ab12'
 * }</pre>
 */
@Path("events")
public final class EventsResource {

    private final EventStreams streams;

    /**
     * Creates the resource.
     *
     * @param streams the server's event streams
     */
    @Inject
    public EventsResource(EventStreams streams) {
        this.streams = Objects.requireNonNull(streams, "streams");
    }

    /**
     * Opens an event stream.
     *
     * @param experiment only the events of this experiment (and its trials), or all when absent
     * @param run        only the events of this run, or all when absent
     * @param sink       the client's stream
     * @param sse        the event factory
     */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@QueryParam("experiment") String experiment, @QueryParam("run") String run,
                       @Context SseEventSink sink, @Context Sse sse) {
        streams.open(sink, sse, experiment, run);
    }
}
