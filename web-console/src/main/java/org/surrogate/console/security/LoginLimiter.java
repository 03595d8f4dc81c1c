package org.surrogate.console.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Limits password guessing: after {@code maxFailures} failed logins within a window from one
 * address, or for one user name, further attempts from that address or for that name are refused
 * until the oldest failure leaves the window. Thread-safe; in memory.
 */
public final class LoginLimiter {

    /** Past this many keys, keys without recent failures are dropped, so the map cannot grow for ever. */
    private static final int MAX_KEYS = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();

    /**
     * Creates the limiter.
     *
     * @param maxFailures failures allowed within the window, at least 1
     * @param window      the window
     * @param clock       the clock
     */
    public LoginLimiter(int maxFailures, Duration window, Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, found " + maxFailures);
        }
        this.maxFailures = maxFailures;
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * How long a login attempt must wait.
     *
     * @param address the client's address
     * @param user    the user name tried
     * @return zero if it may try now, else the time until it may
     */
    public synchronized Duration retryAfter(String address, String user) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : keys(address, user)) {
            Deque<Instant> q = recent(key, now);
            if (q != null && q.size() >= maxFailures) {
                Duration d = Duration.between(now, q.peekFirst().plus(window));
                if (d.compareTo(wait) > 0) {
                    wait = d;
                }
            }
        }
        return wait;
    }

    /**
     * Records a failed login.
     *
     * @param address the client's address
     * @param user    the user name tried
     */
    public synchronized void failed(String address, String user) {
        Instant now = clock.instant();
        if (failures.size() > MAX_KEYS) {
            failures.values().removeIf(q -> {
                q.removeIf(t -> !t.plus(window).isAfter(now));
                return q.isEmpty();
            });
        }
        for (String key : keys(address, user)) {
            failures.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
        }
    }

    /**
     * Records a successful login: the user name's failures are forgotten (the address's are not, so
     * that one known account does not let an address guess others).
     *
     * @param user the user name
     */
    public synchronized void succeeded(String user) {
        failures.remove("user:" + user);
    }

    private Deque<Instant> recent(String key, Instant now) {
        Deque<Instant> q = failures.get(key);
        if (q == null) {
            return null;
        }
        for (Iterator<Instant> it = q.iterator(); it.hasNext(); ) {
            if (!it.next().plus(window).isAfter(now)) {
                it.remove();
            } else {
                break;
            }
        }
        if (q.isEmpty()) {
            failures.remove(key);
            return null;
        }
        return q;
    }

    private static List<String> keys(String address, String user) {
        return List.of("address:" + address, "user:" + user);
    }
}
