package org.surrogate.console.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.surrogate.framework.SurrogateHost;
import org.surrogate.framework.engine.EngineEvent;
import org.surrogate.framework.engine.EngineEvents;
import org.surrogate.framework.engine.TrialState;

/**
 * The server-sent event streams of {@code GET /api/v1/events}: one subscription to the host's
 * {@link EngineEvents}, fanned out to every connected client through its own bounded queue, so a
 * slow client only ever delays itself. Each client's queue drops its oldest progress and metric
 * events when full. A comment line is sent as a heartbeat every 15 s (system property
 * {@code surrogate.sse.heartbeatMillis}); a client whose connection is gone is removed at the next
 * event or heartbeat.
 *
 * <p>Event names and data (JSON): {@code trial} ({@link TrialEvent}), {@code progress}
 * ({@link ProgressEvent}), {@code metric} ({@link MetricEvent}), {@code experiment}
 * ({@link ExperimentEvent}).
 */
public final class EventStreams implements AutoCloseable {

    /** The default heartbeat interval. */
    public static final long DEFAULT_HEARTBEAT_MILLIS = 15_000;
    /** Events a client may lag behind before its oldest progress and metric events are dropped. */
    static final int CLIENT_QUEUE = 2_000;

    private static final System.Logger LOG = System.getLogger(EventStreams.class.getName());

    private final SurrogateHost host;
    private final long heartbeatMillis;
    private final ObjectMapper json = JsonMapperProvider.newMapper();
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final ExecutorService senders;
    private final ScheduledExecutorService heartbeats;
    private EngineEvents.Subscription subscription;
    private boolean closed;

    /**
     * Creates the streams of a host; nothing subscribes to its events until the first client connects.
     *
     * @param host the host
     */
    public EventStreams(SurrogateHost host) {
        this(host, Long.getLong("surrogate.sse.heartbeatMillis", DEFAULT_HEARTBEAT_MILLIS));
    }

    EventStreams(SurrogateHost host, long heartbeatMillis) {
        if (heartbeatMillis < 1) {
            throw new IllegalArgumentException("heartbeatMillis must be >= 1, found " + heartbeatMillis);
        }
        this.host = host;
        this.heartbeatMillis = heartbeatMillis;
        AtomicLong n = new AtomicLong();
        this.senders = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "surrogate-sse-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "surrogate-sse-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens a stream to a client.
     *
     * @param sink       the client's sink
     * @param sse        Jersey's event factory
     * @param experiment only events of this experiment, or null
     * @param run        only events of this run, or null
     * @throws IllegalStateException if the server is stopping
     */
    public void open(SseEventSink sink, Sse sse, String experiment, String run) {
        Client c = new Client(sink, sse, blankToNull(experiment), blankToNull(run));
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the server is stopping; no new event streams");
            }
            if (subscription == null) {
                subscription = host.events().subscribe(this::dispatch);
                heartbeats.scheduleWithFixedDelay(this::heartbeat, heartbeatMillis, heartbeatMillis,
                        TimeUnit.MILLISECONDS);
            }
            clients.add(c);
        }
        // Sent at once so that the client sees the response headers and knows it is connected.
        c.offer(sse.newEventBuilder().comment("connected; events: trial, progress, metric, experiment")
                .reconnectDelay(3_000).build(), false);
    }

    /**
     * How many clients are connected.
     *
     * @return the count
     */
    public int clientCount() {
        return clients.size();
    }

    private void dispatch(EngineEvent e) {
        if (clients.isEmpty()) {
            return;
        }
        String name;
        Object data;
        if (e instanceof EngineEvent.TrialChanged t) {
            name = "trial";
            data = new TrialEvent(t.at(), t.trial().experimentId(), t.trial().runId(),
                    t.trial().def() == null ? -1 : t.trial().def().index(), t.trial().user(), t.trial().state(),
                    t.trial().attempt(), t.trial().progress(), t.trial().message());
        } else if (e instanceof EngineEvent.Progress p) {
            name = "progress";
            data = new ProgressEvent(p.at(), p.experimentId(), p.runId(), p.fraction(), p.message());
        } else if (e instanceof EngineEvent.MetricPoint m) {
            name = "metric";
            data = new MetricEvent(m.at(), m.experimentId(), m.runId(), m.name(), m.step(), m.value());
        } else if (e instanceof EngineEvent.ExperimentChanged x) {
            name = "experiment";
            data = new ExperimentEvent(x.at(), x.experimentId(), x.status().info().name(), x.status().info().user(),
                    x.status().state().name(), x.status().info().trialCount(), x.status().counts());
        } else {
            return;
        }
        String text;
        try {
            text = json.writeValueAsString(data);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write event " + e + " as JSON", ex);
        }
        String id = Long.toString(ids.incrementAndGet());
        boolean droppable = e instanceof EngineEvent.Progress || e instanceof EngineEvent.MetricPoint;
        for (Client c : clients) {
            if (c.wants(e)) {
                c.offer(c.sse.newEventBuilder().name(name).id(id).data(text).build(), droppable);
            }
        }
    }

    private void heartbeat() {
        for (Client c : clients) {
            c.offer(c.sse.newEventBuilder().comment("heartbeat " + Instant.now()).build(), true);
        }
    }

    /** Closes every stream and stops listening; new clients are refused. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (subscription != null) {
                subscription.close();
            }
        }
        heartbeats.shutdownNow();
        for (Client c : clients) {
            c.close();
        }
        senders.shutdownNow();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** One connected client: its filter, its queue and whether a sender is draining it. */
    private final class Client {
        private final SseEventSink sink;
        private final Sse sse;
        private final String experiment;
        private final String run;
        /** Events waiting, with whether each may be dropped under pressure. */
        private final ArrayDeque<Map.Entry<OutboundSseEvent, Boolean>> queue = new ArrayDeque<>();
        private boolean draining;
        private volatile boolean gone;

        Client(SseEventSink sink, Sse sse, String experiment, String run) {
            this.sink = sink;
            this.sse = sse;
            this.experiment = experiment;
            this.run = run;
        }

        boolean wants(EngineEvent e) {
            return (experiment == null || experiment.equals(e.experimentId()))
                    && (run == null || run.equals(e.runId()));
        }

        void offer(OutboundSseEvent event, boolean droppable) {
            synchronized (this) {
                if (gone) {
                    return;
                }
                if (queue.size() >= CLIENT_QUEUE && !dropOldestDroppable()) {
                    if (droppable) {
                        return;
                    }
                    queue.pollFirst();
                }
                queue.addLast(Map.entry(event, droppable));
                if (draining) {
                    return;
                }
                draining = true;
            }
            try {
                senders.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                close(); // the server is stopping
            }
        }

        private boolean dropOldestDroppable() {
            for (Iterator<Map.Entry<OutboundSseEvent, Boolean>> it = queue.iterator(); it.hasNext();) {
                if (it.next().getValue()) {
                    it.remove();
                    return true;
                }
            }
            return false;
        }

        private void drain() {
            while (true) {
                OutboundSseEvent next;
                synchronized (this) {
                    Map.Entry<OutboundSseEvent, Boolean> e = queue.pollFirst();
                    if (e == null || gone) {
                        draining = false;
                        return;
                    }
                    next = e.getKey();
                }
                if (sink.isClosed() || !send(next)) {
                    close();
                    return;
                }
            }
        }

        private boolean send(OutboundSseEvent event) {
            try {
                sink.send(event).toCompletableFuture().get(Duration.ofMinutes(1).toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "event stream client gone: " + e);
                return false;
            }
        }

        void close() {
            synchronized (this) {
                gone = true;
                queue.clear();
            }
            clients.remove(this);
            try {
                sink.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing an event stream: " + e);
            }
        }
    }

    /**
     * Data of a {@code trial} event: a scheduled trial changed state.
     *
     * @param at           when
     * @param experimentId its experiment
     * @param runId        its run id
     * @param index        its position in the experiment
     * @param user         who submitted it
     * @param state        its new state
     * @param attempt      the attempt, from 1
     * @param progress     its progress fraction
     * @param message      why it failed, was cancelled or re-queued; empty otherwise
     */
    public record TrialEvent(Instant at, String experimentId, String runId, int index, String user, TrialState state,
                             int attempt, double progress, String message) {
    }

    /**
     * Data of a {@code progress} event (at most 4 a second per trial).
     *
     * @param at           when
     * @param experimentId its experiment, or null for a trial outside one
     * @param runId        the trial
     * @param fraction     in [0, 1]
     * @param message      what it is doing
     */
    public record ProgressEvent(Instant at, String experimentId, String runId, double fraction, String message) {
    }

    /**
     * Data of a {@code metric} event: one point of a metric curve, as logged.
     *
     * @param at           when
     * @param experimentId its experiment, or null
     * @param runId        the trial
     * @param name         the metric
     * @param step         the step
     * @param value        the value
     */
    public record MetricEvent(Instant at, String experimentId, String runId, String name, long step, double value) {
    }

    /**
     * Data of an {@code experiment} event: submitted (ACTIVE), paused, resumed, cancelled, finished.
     *
     * @param at           when
     * @param experimentId the experiment
     * @param name         its name
     * @param user         who submitted it
     * @param state        its new state
     * @param trialCount   how many trials it has
     * @param counts       how many of its trials are in each state
     */
    public record ExperimentEvent(Instant at, String experimentId, String name, String user, String state,
                                  int trialCount, Map<TrialState, Integer> counts) {
    }
}
