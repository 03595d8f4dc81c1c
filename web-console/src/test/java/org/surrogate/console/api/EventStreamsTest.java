package org.surrogate.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.glassfish.jersey.media.sse.OutboundEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.surrogate.framework.engine.EngineEvent;
import org.surrogate.framework.engine.EngineEvents;

/** The fan-out of engine events to event-stream clients: filters, heartbeats, gone clients. */
class EventStreamsTest {

    private final FakeHost host = new FakeHost();
    private final EngineEvents bus = new EngineEvents();
    private EventStreams streams;

    @AfterEach
    void close() {
        if (streams != null) {
            streams.close();
        }
        bus.close();
    }

    private static final Sse SSE = new Sse() {
        @Override
        public OutboundSseEvent.Builder newEventBuilder() {
            return new OutboundEvent.Builder();
        }

        @Override
        public SseBroadcaster newBroadcaster() {
            throw new UnsupportedOperationException();
        }
    };

    /** A client's end of the stream; "disconnects" when told to. */
    private static final class Sink implements SseEventSink {
        final List<OutboundSseEvent> sent = new CopyOnWriteArrayList<>();
        volatile boolean disconnected;
        volatile boolean closed;

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public CompletionStage<?> send(OutboundSseEvent event) {
            if (disconnected) {
                return CompletableFuture.failedFuture(new java.io.IOException("broken pipe"));
            }
            sent.add(event);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            closed = true;
        }

        List<String> names() {
            return sent.stream().filter(e -> e.getName() != null).map(OutboundSseEvent::getName).toList();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void clientsGetTheEventsTheirFiltersSelect() throws Exception {
        host.events = bus;
        streams = new EventStreams(host, 60_000);
        Sink all = new Sink();
        Sink e1 = new Sink();
        Sink r2 = new Sink();
        streams.open(all, SSE, null, null);
        streams.open(e1, SSE, "e1", "");
        streams.open(r2, SSE, null, "e2-00001");
        bus.publish(new EngineEvent.MetricPoint(Instant.now(), "e1", "e1-00000", "loss", 1, 0.5));
        bus.publish(new EngineEvent.Progress(Instant.now(), "e2", "e2-00001", 0.25, "fitting"));
        bus.publish(new EngineEvent.MetricPoint(Instant.now(), "e2", "e2-00000", "loss", 1, 0.7));
        await(() -> all.names().size() == 3, "three events for the unfiltered client");
        await(() -> e1.names().size() == 1 && r2.names().size() == 1, "one event each for the filtered ones");
        // Progress is coalesced by the engine's bus, so it may come after later metric points.
        assertEquals(List.of("metric", "metric", "progress"), all.names().stream().sorted().toList());
        assertEquals(List.of("metric"), e1.names());
        assertEquals(List.of("progress"), r2.names());
        String data = (String) r2.sent.stream().filter(e -> "progress".equals(e.getName())).findFirst().orElseThrow()
                .getData();
        assertTrue(data.contains("\"fraction\":0.25") && data.contains("\"runId\":\"e2-00001\""), data);
        assertTrue(all.sent.get(0).getComment().startsWith("connected"), "a first comment opens the stream");
    }

    @Test
    void heartbeatsFlowAndAGoneClientIsRemoved() throws Exception {
        host.events = bus;
        streams = new EventStreams(host, 50);
        Sink stays = new Sink();
        Sink leaves = new Sink();
        streams.open(stays, SSE, null, null);
        streams.open(leaves, SSE, null, null);
        assertEquals(2, streams.clientCount());
        await(() -> stays.sent.stream().filter(e -> e.getComment() != null && e.getComment().startsWith("heartbeat"))
                .count() >= 2, "two heartbeats");
        leaves.disconnected = true;
        await(() -> streams.clientCount() == 1, "the gone client removed");
        assertTrue(leaves.closed, "its sink is closed");
        streams.close();
        assertEquals(0, streams.clientCount());
        assertTrue(stays.closed, "closing the streams closes every sink");
    }
}
