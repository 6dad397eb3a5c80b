package dev.imageedit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageedit.ExitCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * The RunComfy Model API's queue protocol: submit, status, result, cancel. Reads are retried when
 * that is safe; a submit creates a billed job, so it is retried only when the server certainly did
 * not take it (429, 503 with Retry-After, or no connection at all).
 */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long one call may wait for its answer. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final String base;
    private final String token;
    private final Backoff backoff;
    private final Duration requestTimeout;

    /** What a submit answers. */
    public record Submission(String requestId) {
    }

    /** What a cancel achieved. */
    public enum CancelOutcome {
        CANCELLED, NOT_CANCELLABLE
    }

    /** @param base the API base URL, without a trailing slash */
    public Api(HttpClient http, String base, String token, Backoff backoff, Duration requestTimeout) {
        this.http = http;
        this.base = base;
        this.token = token;
        this.backoff = backoff;
        this.requestTimeout = requestTimeout;
    }

    public Submission submit(String model, JsonNode body) throws InterruptedException {
        HttpRequest request = request(base + "/models/" + model)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        String what = "submitting to " + model;
        for (int attempt = 1; ; attempt++) {
            backoff.awaitTurn();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException | HttpConnectTimeoutException notSent) {
                // No connection was made, so nothing was submitted: safe to try again.
                if (attempt >= backoff.attempts()) {
                    throw new ApiException(ExitCode.RETRYABLE, what + ": cannot reach " + base + " (" + notSent.getMessage()
                            + "). Nothing was submitted; try again later", 0, null, null);
                }
                backoff.sleep(backoff.delay(attempt));
                continue;
            } catch (IOException unknownFate) {
                // Sent, but no answer: the job may exist and be billed. Never submit it twice.
                throw new ApiException(ExitCode.UPSTREAM, what + ": no answer after sending (" + unknownFate
                        + "). The job may have been created and billed: check 'edit jobs' or your RunComfy dashboard "
                        + "before submitting again", 0, null, null);
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                JsonNode answer = parse(response.body(), what);
                String id = answer.path("request_id").asText("");
                if (id.isBlank()) {
                    throw new ApiException(ExitCode.UPSTREAM, what + ": the answer has no request_id: " + response.body(), status, response.body(), null);
                }
                return new Submission(id);
            }
            var serverDelay = backoff.serverDelay(response.headers(), response.body());
            boolean notTaken = status == 429 || status == 503 && serverDelay.isPresent();
            if (!notTaken || attempt >= backoff.attempts()) {
                throw ApiException.fromStatus(status, response.body(), null, what);
            }
            Duration wait = serverDelay.orElse(backoff.delay(attempt));
            if (status == 429) {
                backoff.holdAll(wait);
            }
            backoff.sleep(wait);
        }
    }

    public JobState status(String requestId) throws InterruptedException {
        return JobState.parse(get(base + "/requests/" + requestId + "/status", "checking " + requestId, requestId));
    }

    public JobState result(String requestId) throws InterruptedException {
        return JobState.parse(get(base + "/requests/" + requestId + "/result", "fetching the result of " + requestId, requestId));
    }

    public CancelOutcome cancel(String requestId) throws InterruptedException {
        HttpRequest request = request(base + "/requests/" + requestId + "/cancel").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException(ExitCode.RETRYABLE, "cancelling " + requestId + ": no answer (" + e.getMessage() + ")", 0, null, requestId);
        }
        String text = response.body() == null ? "" : response.body().toLowerCase(Locale.ROOT);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw ApiException.fromStatus(response.statusCode(), response.body(), requestId, "cancelling " + requestId);
        }
        if (response.statusCode() / 100 != 2 || text.contains("not_cancellable") || text.contains("not cancellable")) {
            return CancelOutcome.NOT_CANCELLABLE;
        }
        return CancelOutcome.CANCELLED;
    }

    /** A GET, retried on no connection, 408, 429 and 5xx, as reads are safe to repeat. */
    private JsonNode get(String url, String what, String requestId) throws InterruptedException {
        HttpRequest request = request(url).GET().build();
        for (int attempt = 1; ; attempt++) {
            backoff.awaitTurn();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt >= backoff.attempts()) {
                    throw new ApiException(ExitCode.RETRYABLE, what + ": no answer from " + base + " after " + attempt + " tries ("
                            + e.getMessage() + ")", 0, null, requestId);
                }
                backoff.sleep(backoff.delay(attempt));
                continue;
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                return parse(response.body(), what);
            }
            boolean retryable = status == 408 || status == 429 || status >= 500;
            if (!retryable || attempt >= backoff.attempts()) {
                throw ApiException.fromStatus(status, response.body(), requestId, what);
            }
            Duration wait = backoff.serverDelay(response.headers(), response.body()).orElse(backoff.delay(attempt));
            if (status == 429) {
                backoff.holdAll(wait);
            }
            backoff.sleep(wait);
        }
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", "image-edit");
    }

    private static JsonNode parse(String body, String what) {
        try {
            return JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new ApiException(ExitCode.UPSTREAM, what + ": the answer is not JSON: " + body, 200, body, null);
        }
    }
}
