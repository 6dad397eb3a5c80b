package dev.imageedit.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DownloaderTest {
    private final Downloader downloader = new Downloader(HttpClient.newHttpClient(), "https://model-api.runcomfy.net/v1",
            new Backoff(d -> { }, Clock.systemUTC(), 1, Duration.ZERO, Duration.ZERO), Downloader.MAX_BYTES);

    @Test
    void onlyRunComfyHostsAndTheApisOwnHost_areTrusted_onTheParsedUrl() {
        assertThat(downloader.refusal("https://cdn.runcomfy.net/a.png")).isEmpty();
        assertThat(downloader.refusal("https://files.runcomfy.com/a.png")).isEmpty();
        assertThat(downloader.refusal("https://model-api.runcomfy.net/files/a.png")).isEmpty();
        assertThat(downloader.refusal("https://runcomfy.net.evil.test/a.png")).isPresent();
        assertThat(downloader.refusal("https://evil.test/cdn.runcomfy.net/a.png")).isPresent();
        assertThat(downloader.refusal("https://evil.test/?u=https://cdn.runcomfy.net")).isPresent();
        assertThat(downloader.refusal("https://user@evil.test/x.runcomfy.net")).isPresent();
        assertThat(downloader.refusal("http://cdn.runcomfy.net/a.png")).isPresent();
        assertThat(downloader.refusal("file:///etc/passwd")).isPresent();
        assertThat(downloader.refusal("http://model-api.runcomfy.net/files/a.png")).as("the https API's host, over http").isPresent();
    }

    @Test
    void fileNames_areOneSafeSegment() {
        assertThat(Downloader.safeName("https://x.runcomfy.net/a/b/result%20one.png")).isEqualTo("result_one");
        assertThat(Downloader.safeName("https://x.runcomfy.net/a/..%2F..%2Fetc%2Fpasswd")).isEqualTo("passwd");
        assertThat(Downloader.safeName("https://x.runcomfy.net/a/..")).isEqualTo("output");
        assertThat(Downloader.safeName("https://x.runcomfy.net/a/%00%0Abad%1Bname.webp")).isEqualTo("bad_name");
        assertThat(Downloader.safeName("https://x.runcomfy.net/a/..%5C..%5Cwin.png")).isEqualTo("win");
        assertThat(Downloader.safeName("https://x.runcomfy.net/")).isEqualTo("output");
    }
}
