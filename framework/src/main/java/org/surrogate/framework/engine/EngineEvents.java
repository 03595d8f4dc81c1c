package org.surrogate.framework.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Delivers {@link EngineEvent}s to listeners without ever slowing down the thread that publishes
 * them (a trial's thread, or the scheduler under its lock).
 *
 * <p>{@link #publish} only appends to a bounded queue and returns; one daemon thread,
 * {@code surrogate-events}, calls the listeners in publication order. Progress is coalesced per
 * trial: a trial that reports progress a thousand times a second produces at most one
 * {@link EngineEvent.Progress} per {@code progressInterval} (the latest), and a trial's pending
 * progress is delivered before its next state change, so order is kept. When the queue is full the
 * oldest metric point is dropped (then the oldest progress, then the oldest event of any kind),
 * and {@link #dropped()} counts it; state changes are only lost when the queue holds nothing else.
 * Nothing is queued while nobody listens.
 *
 * <p>Listeners run on the delivery thread and must return quickly: hand the event to your own
 * queue (as the web console's event stream does per client) rather than doing I/O.
 */
public final class EngineEvents implements AutoCloseable {

    /** The queue's default capacity. */
    public static final int DEFAULT_CAPACITY = 10_000;
    /** At most one progress event per trial per this interval by default: 4 a second. */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofMillis(250);

    private static final System.Logger LOG = System.getLogger(EngineEvents.class.getName());

    /** A registered listener; close it to stop listening. */
    public interface Subscription extends AutoCloseable {
        /** Stops the delivery to this listener; events already being delivered may still arrive. */
        @Override
        void close();
    }

    private final int capacity;
    private final long progressIntervalNanos;
    private final List<Consumer<? super EngineEvent>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();

    // --- guarded by lock ---
    private final Object lock = new Object();
    private final ArrayDeque<EngineEvent> queue = new ArrayDeque<>();
    /** The latest undelivered progress of each trial. */
    private final Map<String, EngineEvent.Progress> pendingProgress = new LinkedHashMap<>();
    /** When each trial's progress was last delivered, System.nanoTime(). */
    private final Map<String, Long> progressSent = new HashMap<>();
    private Thread dispatcher;
    private boolean closed;

    /** Creates a bus with the default capacity and progress interval. */
    public EngineEvents() {
        this(DEFAULT_CAPACITY, DEFAULT_PROGRESS_INTERVAL);
    }

    /**
     * Creates a bus.
     *
     * @param capacity         how many events may wait for delivery before the oldest are dropped
     * @param progressInterval the shortest time between two progress events of one trial
     * @throws IllegalArgumentException if the capacity is below 1 or the interval negative
     */
    public EngineEvents(int capacity, Duration progressInterval) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, found " + capacity);
        }
        if (progressInterval.isNegative()) {
            throw new IllegalArgumentException("progressInterval must not be negative, found " + progressInterval);
        }
        this.capacity = capacity;
        this.progressIntervalNanos = progressInterval.toNanos();
    }

    /**
     * Whether anyone listens; publishers may skip building events when nobody does.
     *
     * @return true if at least one listener is subscribed
     */
    public boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /**
     * Queues an event for delivery and returns at once; never blocks on a listener.
     *
     * @param event the event
     */
    public void publish(EngineEvent event) {
        Objects.requireNonNull(event, "event");
        if (listeners.isEmpty()) {
            return;
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (event instanceof EngineEvent.Progress p) {
                pendingProgress.put(p.runId(), p);
            } else {
                if (event instanceof EngineEvent.TrialChanged t) {
                    // Its last progress goes first, and a new attempt starts without a throttle.
                    EngineEvent.Progress p = pendingProgress.remove(t.runId());
                    if (p != null) {
                        enqueue(p);
                    }
                    progressSent.remove(t.runId());
                }
                enqueue(event);
            }
            lock.notifyAll();
        }
    }

    private void enqueue(EngineEvent e) {
        if (queue.size() >= capacity) {
            dropOldest();
        }
        queue.addLast(e);
    }

    private void dropOldest() {
        if (!removeFirst(EngineEvent.MetricPoint.class) && !removeFirst(EngineEvent.Progress.class)) {
            queue.pollFirst();
        }
        long n = dropped.incrementAndGet();
        if (n == 1 || n % 10_000 == 0) {
            LOG.log(System.Logger.Level.WARNING, "engine events: listeners fall behind; " + n
                    + " event(s) dropped so far (oldest metric points and progress first)");
        }
    }

    private boolean removeFirst(Class<? extends EngineEvent> type) {
        for (Iterator<EngineEvent> it = queue.iterator(); it.hasNext();) {
            if (type.isInstance(it.next())) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /**
     * Registers a listener. It is called on the delivery thread, in publication order, and must
     * return quickly; an exception it throws is logged and does not stop delivery.
     *
     * @param listener the listener
     * @return the subscription; close it to stop listening
     */
    public Subscription subscribe(Consumer<? super EngineEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the engine's event bus is closed");
            }
            listeners.add(listener);
            if (dispatcher == null) {
                dispatcher = new Thread(this::deliver, "surrogate-events");
                dispatcher.setDaemon(true);
                dispatcher.start();
            }
        }
        return () -> listeners.remove(listener);
    }

    /**
     * How many events were dropped because listeners fell behind.
     *
     * @return the count since the bus was created
     */
    public long dropped() {
        return dropped.get();
    }

    private void deliver() {
        List<EngineEvent> batch = new ArrayList<>();
        while (true) {
            synchronized (lock) {
                try {
                    while (!closed && queue.isEmpty() && !takeDueProgress(batch)) {
                        long waitNanos = nextProgressDue();
                        if (waitNanos == Long.MAX_VALUE) {
                            lock.wait();
                        } else {
                            lock.wait(Math.max(1, waitNanos / 1_000_000), 0);
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (closed) {
                    return;
                }
                batch.addAll(0, queue);
                queue.clear();
            }
            for (EngineEvent e : batch) {
                for (Consumer<? super EngineEvent> l : listeners) {
                    try {
                        l.accept(e);
                    } catch (RuntimeException ex) {
                        LOG.log(System.Logger.Level.WARNING, "an engine event listener failed on " + e, ex);
                    }
                }
            }
            batch.clear();
        }
    }

    /** Moves the progress events whose trial's interval has passed to the batch; under lock. */
    private boolean takeDueProgress(List<EngineEvent> batch) {
        if (pendingProgress.isEmpty()) {
            return false;
        }
        long now = System.nanoTime();
        boolean any = false;
        for (Iterator<EngineEvent.Progress> it = pendingProgress.values().iterator(); it.hasNext();) {
            EngineEvent.Progress p = it.next();
            Long last = progressSent.get(p.runId());
            if (last == null || now - last >= progressIntervalNanos) {
                it.remove();
                progressSent.put(p.runId(), now);
                batch.add(p);
                any = true;
            }
        }
        if (progressSent.size() > 10_000) {
            // Trials started outside the scheduler never send a state change that would clear them.
            progressSent.values().removeIf(t -> now - t > 100 * progressIntervalNanos);
        }
        return any;
    }

    /** Nanoseconds until the next pending progress may go, or Long.MAX_VALUE; under lock. */
    private long nextProgressDue() {
        long now = System.nanoTime();
        long best = Long.MAX_VALUE;
        for (EngineEvent.Progress p : pendingProgress.values()) {
            Long last = progressSent.get(p.runId());
            long due = last == null ? 0 : Math.max(0, last + progressIntervalNanos - now);
            best = Math.min(best, due);
        }
        return best;
    }

    /** Stops delivery; events still queued are discarded and later ones ignored. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            queue.clear();
            pendingProgress.clear();
            lock.notifyAll();
        }
        listeners.clear();
    }
}
