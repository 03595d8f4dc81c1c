package org.surrogate.console.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions, in memory (a restart logs everyone out): a random session id, sent as an
 * HttpOnly cookie, maps to a user and to the CSRF token that every state-changing request of the
 * session must carry. A session ends after an idle time, after a maximum age, at logout, or when
 * its user is deleted or their password changed.
 */
public final class SessionStore {

    private final Secrets secrets;
    private final Clock clock;
    private final Duration idle;
    private final Duration maxAge;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /**
     * Creates an empty store.
     *
     * @param secrets the source of session ids and CSRF tokens
     * @param clock   the clock
     * @param idle    how long a session lives without requests
     * @param maxAge  how long a session lives at most
     */
    public SessionStore(Secrets secrets, Clock clock, Duration idle, Duration maxAge) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.idle = Objects.requireNonNull(idle, "idle");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    }

    /**
     * Starts a session for a user who just logged in.
     *
     * @param user the user name
     * @return the session
     */
    public Session create(String user) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
        Session s = new Session(secrets.token(32), user, secrets.token(32), now, now);
        sessions.put(s.id(), s);
        return s;
    }

    /**
     * The live session of an id, touched (its idle time starts again).
     *
     * @param id the session id from the cookie
     * @return the session, or empty if it is unknown or expired
     */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        Instant now = clock.instant();
        if (s == null || expired(s, now)) {
            if (s != null) {
                sessions.remove(id);
            }
            return Optional.empty();
        }
        Session touched = new Session(s.id(), s.user(), s.csrfToken(), s.created(), now);
        sessions.replace(id, s, touched);
        return Optional.of(touched);
    }

    /**
     * Ends a session.
     *
     * @param id the session id
     */
    public void remove(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /**
     * Ends every session of a user but one.
     *
     * @param user   the user
     * @param keepId a session to keep (the one changing the password), or null
     */
    public void removeUser(String user, String keepId) {
        sessions.values().removeIf(s -> s.user().equals(user) && !s.id().equals(keepId));
    }

    private boolean expired(Session s, Instant now) {
        return s.lastSeen().plus(idle).isBefore(now) || s.created().plus(maxAge).isBefore(now);
    }

    /**
     * A browser session.
     *
     * @param id        the session id (the cookie's value)
     * @param user      who logged in
     * @param csrfToken the token each state-changing request must send as {@code X-CSRF-Token}
     * @param created   when it started
     * @param lastSeen  when it was last used
     */
    public record Session(String id, String user, String csrfToken, Instant created, Instant lastSeen) {
    }
}
