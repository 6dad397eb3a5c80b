package dev.imageedit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imageedit.ExitCode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a person reads when the API cannot be reached at all. */
class ApiMessagesTest {
    @Test
    void nothingListening_namesTheBaseAndTheCause_neverNull() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // closed again at once: nothing listens there now
        }
        String base = "http://127.0.0.1:" + port + "/v1";
        Api api = new Api(HttpClient.newHttpClient(), base, "t", new Backoff(d -> { }, Clock.systemUTC(), 2, Duration.ofMillis(1),
                Duration.ofMillis(1)), Duration.ofSeconds(5));
        ApiException e = catchThrowableOfType(() -> api.status("abc"), ApiException.class);
        assertThat(e.exitCode()).isEqualTo(ExitCode.RETRYABLE);
        assertThat(e.getMessage()).contains(base).contains("connection refused").doesNotContain("null");
    }
}
