package dev.imageedit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again: capped exponential backoff with full jitter, unless the server said when
 * ({@code Retry-After} in seconds or as an HTTP date, or {@code retry_after} in a JSON body).
 * One instance is shared by every request of a run, so a rate limit met by one call holds back
 * all of them rather than each finding it again. It also holds the run's deadline: no wait,
 * whatever a server asks, goes past it or past {@link #MAX_SERVER_WAIT}.
 */
public final class Backoff {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The longest a server may make one retry wait, whatever it asks. */
    public static final Duration MAX_SERVER_WAIT = Duration.ofMinutes(2);

    private final Sleeper sleeper;
    private final Clock clock;
    private final int attempts;
    private final Duration base;
    private final Duration cap;
    private Instant notBefore = Instant.MIN;
    private volatile Instant deadline = Instant.MAX;

    public Backoff(Sleeper sleeper, Clock clock, int attempts, Duration base, Duration cap) {
        this.sleeper = sleeper;
        this.clock = clock;
        this.attempts = attempts;
        this.base = base;
        this.cap = cap;
    }

    public static Backoff standard(Sleeper sleeper, Clock clock) {
        return new Backoff(sleeper, clock, 5, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /** Sets the moment the run gives up (its --timeout): waits and downloads stop there. */
    public void until(Instant deadline) {
        this.deadline = deadline;
    }

    public Instant deadline() {
        return deadline;
    }

    /** Time left before the deadline; zero once it has passed. */
    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** How many times one request is tried in all. */
    public int attempts() {
        return attempts;
    }

    /** The wait before try {@code attempt + 1} (attempt counts from 1), when the server did not say. */
    Duration delay(int attempt) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(20, attempt - 1));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    /** What the server asked for, if anything: a {@code Retry-After} header, else a JSON {@code retry_after}. */
    Optional<Duration> serverDelay(HttpHeaders headers, String body) {
        Optional<String> header = headers.firstValue("Retry-After");
        if (header.isPresent()) {
            String value = header.get().strip();
            try {
                return Optional.of(millis(Double.parseDouble(value)));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    Duration wait = Duration.between(clock.instant(), at);
                    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        }
        if (body != null && body.contains("retry_after")) {
            try {
                JsonNode node = JSON.readTree(body).path("retry_after");
                if (node.isNumber()) {
                    return Optional.of(millis(node.asDouble()));
                }
            } catch (java.io.IOException notJson) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Seconds as a duration; a negative or unreadable number is no wait, an enormous one the longest. */
    private static Duration millis(double seconds) {
        return Double.isNaN(seconds) || seconds <= 0 ? Duration.ZERO : Duration.ofMillis((long) Math.min(seconds * 1000, Long.MAX_VALUE));
    }

    /** Holds every request of the run back until {@code wait} from now (a rate limit was met). */
    synchronized void holdAll(Duration wait) {
        Instant until = clock.instant().plus(wait.compareTo(cap) > 0 ? cap : wait);
        if (until.isAfter(notBefore)) {
            notBefore = until;
        }
    }

    /** Waits out any hold, then returns. */
    void awaitTurn() throws InterruptedException {
        Duration wait;
        synchronized (this) {
            wait = Duration.between(clock.instant(), notBefore);
        }
        if (!wait.isNegative() && !wait.isZero()) {
            Duration left = remaining();
            sleeper.sleep(wait.compareTo(left) > 0 ? left : wait);
        }
    }

    void sleep(Duration duration) throws InterruptedException {
        sleeper.sleep(duration);
    }

    /**
     * Waits {@code asked}, cut to {@link #MAX_SERVER_WAIT}, and returns true; or returns false at
     * once when that wait would end past the deadline, so the caller fails now instead of sleeping
     * through the time it was given.
     */
    boolean sleepWithin(Duration asked) throws InterruptedException {
        Duration wait = asked.compareTo(MAX_SERVER_WAIT) > 0 ? MAX_SERVER_WAIT : asked;
        if (wait.compareTo(remaining()) > 0) {
            return false;
        }
        sleeper.sleep(wait);
        return true;
    }
}
