package dev.imageedit.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private final Backoff backoff = new Backoff(d -> { }, NOW, 5, Duration.ofMillis(500), Duration.ofSeconds(30));

    private static HttpHeaders headers(String name, String value) {
        return HttpHeaders.of(Map.of(name, List.of(value)), (a, b) -> true);
    }

    @Test
    void retryAfter_inSeconds() {
        assertThat(backoff.serverDelay(headers("Retry-After", "3"), "")).contains(Duration.ofSeconds(3));
    }

    @Test
    void retryAfter_asAnHttpDate() {
        assertThat(backoff.serverDelay(headers("Retry-After", "Sun, 22 Nov 2026 10:00:07 GMT"), "")).contains(Duration.ofSeconds(7));
    }

    @Test
    void retryAfter_inAJsonBody() {
        assertThat(backoff.serverDelay(headers("X-Other", "1"), "{\"retry_after\": 1.5}")).contains(Duration.ofMillis(1500));
    }

    @Test
    void delay_growsExponentially_withJitter_upToTheCap() {
        for (int attempt = 1; attempt <= 10; attempt++) {
            long ceiling = Math.min(30_000, 500L << (attempt - 1));
            assertThat(backoff.delay(attempt).toMillis()).isBetween(ceiling / 2, ceiling);
        }
    }
}
