package org.surrogate.console.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginLimiterTest {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void blocksAfterFiveFailuresUntilTheOldestLeavesTheWindow() {
        TestClock clock = new TestClock();
        LoginLimiter limiter = new LoginLimiter(5, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 5; i++) {
            assertEquals(Duration.ZERO, limiter.retryAfter("10.0.0.1", "ada"));
            limiter.failed("10.0.0.1", "ada");
            clock.now = clock.now.plusSeconds(1);
        }
        assertEquals(Duration.ofSeconds(55), limiter.retryAfter("10.0.0.1", "ada"));
        assertEquals(Duration.ofSeconds(55), limiter.retryAfter("10.0.0.2", "ada"), "per user name");
        assertEquals(Duration.ofSeconds(55), limiter.retryAfter("10.0.0.1", "bob"), "per address");
        assertEquals(Duration.ZERO, limiter.retryAfter("10.0.0.2", "bob"));
        clock.now = clock.now.plusSeconds(55);
        assertEquals(Duration.ZERO, limiter.retryAfter("10.0.0.1", "ada"));
    }

    @Test
    void successForgetsTheUsersFailuresButNotTheAddresss() {
        TestClock clock = new TestClock();
        LoginLimiter limiter = new LoginLimiter(2, Duration.ofMinutes(1), clock);
        limiter.failed("10.0.0.1", "ada");
        limiter.failed("10.0.0.1", "ada");
        limiter.succeeded("ada");
        assertEquals(Duration.ZERO, limiter.retryAfter("10.0.0.9", "ada"));
        assertEquals(Duration.ofMinutes(1), limiter.retryAfter("10.0.0.1", "eve"));
    }
}
