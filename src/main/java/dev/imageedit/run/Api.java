package dev.imageedit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The RunComfy Model API's queue protocol: submit, status, result, cancel. Reads are retried when
 * that is safe; a submit creates a billed job, so it is retried only when the server certainly did
 * not take it (429, 503 with Retry-After, or no connection at all).
 *
 * <p>The token goes to the configured base and nowhere else: redirects are never followed (a 3xx
 * is an error naming where it pointed), and the server's words are redacted before anyone sees
 * them. A request id from the server is used in a URL only when it is one plain path segment.
 */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long one call may wait for its answer. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** Letters, digits, '.', '_' and '-', starting with a letter or digit: never '..', '/', '?' or '#'. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

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

    /**
     * @param http a client that never follows redirects: one that did would copy the token to wherever a server points
     * @param base the API base URL, without a trailing slash and without user name or password
     */
    public Api(HttpClient http, String base, String token, Backoff backoff, Duration requestTimeout) {
        if (http.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the API client must not follow redirects");
        }
        if (!Text.withoutUserInfo(base).equals(base)) {
            throw EditException.usage("RUNCOMFY_MODEL_API_BASE carries a user name or password (not shown): give the URL alone, "
                    + "and the token in RUNCOMFY_TOKEN or with 'edit login'");
        }
        this.http = http;
        this.base = base;
        this.token = token;
        this.backoff = backoff;
        this.requestTimeout = requestTimeout;
    }

    /** The base URL every request goes to. */
    public String base() {
        return base;
    }

    /** From now on, no wait of this client's goes past {@code deadline}. */
    public void until(Instant deadline) {
        backoff.until(deadline);
    }

    /** Why {@code id} cannot be used as a request id in a URL, or empty when it can. */
    public static Optional<String> idProblem(String id) {
        if (id != null && SAFE_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + Text.shown(id, null, 200) + "' is not a request id edit will put in a URL: ids are 1 to 128 letters, "
                + "digits, '.', '_' and '-', starting with a letter or digit");
    }

    /** Exit 64 unless {@code id} is a safe request id. */
    public static void checkId(String id) {
        idProblem(id).ifPresent(problem -> {
            throw EditException.usage(problem + " (see 'edit jobs')");
        });
    }

    public Submission submit(String model, JsonNode body) throws InterruptedException {
        HttpRequest request = request(base + "/models/" + model)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        String what = "submitting to " + model;
        String mayBeBilled = ". The job may have been created and billed: check 'edit jobs' or your RunComfy dashboard before submitting again";
        for (int attempt = 1; ; attempt++) {
            backoff.awaitTurn();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException | HttpConnectTimeoutException notSent) {
                // No connection was made, so nothing was submitted: safe to try again.
                if (attempt >= backoff.attempts()) {
                    throw new ApiException(ExitCode.RETRYABLE, what + ": cannot reach " + base + " (" + why(notSent)
                            + "). Nothing was submitted; try again later", 0, null, null);
                }
                backoff.sleep(backoff.delay(attempt));
                continue;
            } catch (IOException unknownFate) {
                // Sent, but no answer: the job may exist and be billed. Never submit it twice.
                throw new ApiException(ExitCode.UPSTREAM, what + ": no answer after sending (" + Text.printable(unknownFate.toString())
                        + ")" + mayBeBilled, 0, null, null);
            }
            int status = response.statusCode();
            String answer = clean(response.body());
            refuseRedirect(response, what, null);
            if (status / 100 == 2) {
                JsonNode json = parse(answer, what, mayBeBilled);
                JsonNode id = json.path("request_id");
                if (!id.isTextual() || id.asText().isBlank()) {
                    throw new ApiException(ExitCode.UPSTREAM, what + ": the answer has no request_id: " + Text.shown(answer, null, 500) + mayBeBilled,
                            status, answer, null);
                }
                Optional<String> problem = idProblem(id.asText());
                if (problem.isPresent()) {
                    throw new ApiException(ExitCode.UPSTREAM, what + ": the API answered " + problem.get() + mayBeBilled, status, answer, null);
                }
                return new Submission(id.asText());
            }
            var serverDelay = backoff.serverDelay(response.headers(), answer);
            boolean notTaken = status == 429 || status == 503 && serverDelay.isPresent();
            if (!notTaken || attempt >= backoff.attempts()) {
                throw ApiException.fromStatus(status, answer, null, what, attempt);
            }
            Duration wait = serverDelay.orElse(backoff.delay(attempt));
            if (status == 429) {
                backoff.holdAll(wait);
            }
            if (!backoff.sleepWithin(wait)) {
                throw tooLong(what, wait, status, answer, null, "Nothing was submitted");
            }
        }
    }

    public JobState status(String requestId) throws InterruptedException {
        checkId(requestId);
        return JobState.parse(get(base + "/requests/" + requestId + "/status", "checking " + requestId, requestId));
    }

    public JobState result(String requestId) throws InterruptedException {
        checkId(requestId);
        return JobState.parse(get(base + "/requests/" + requestId + "/result", "fetching the result of " + requestId, requestId));
    }

    public CancelOutcome cancel(String requestId) throws InterruptedException {
        checkId(requestId);
        String what = "cancelling " + requestId;
        HttpRequest request = request(base + "/requests/" + requestId + "/cancel").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException(ExitCode.RETRYABLE, what + ": no answer from " + base + " (" + why(e) + ")", 0, null, requestId);
        }
        String answer = clean(response.body());
        refuseRedirect(response, what, requestId);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw ApiException.fromStatus(response.statusCode(), answer, requestId, what, 1);
        }
        String text = answer.toLowerCase(Locale.ROOT);
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
                            + why(e) + ")", 0, null, requestId);
                }
                backoff.sleep(backoff.delay(attempt));
                continue;
            }
            int status = response.statusCode();
            String answer = clean(response.body());
            refuseRedirect(response, what, requestId);
            if (status / 100 == 2) {
                return parse(answer, what, "");
            }
            boolean retryable = status == 408 || status == 429 || status >= 500;
            if (!retryable || attempt >= backoff.attempts()) {
                throw ApiException.fromStatus(status, answer, requestId, what, attempt);
            }
            Duration wait = backoff.serverDelay(response.headers(), answer).orElse(backoff.delay(attempt));
            if (status == 429) {
                backoff.holdAll(wait);
            }
            if (!backoff.sleepWithin(wait)) {
                throw tooLong(what, wait, status, answer, requestId, "The job keeps running");
            }
        }
    }

    private ApiException tooLong(String what, Duration asked, int status, String answer, String requestId, String consequence) {
        return new ApiException(ExitCode.RETRYABLE, what + ": the API asked to wait " + asked.toSeconds() + " s (HTTP " + status
                + "), longer than the " + backoff.remaining().toSeconds() + " s left of --timeout. " + consequence + "; try again later",
                status, answer, requestId);
    }

    /** A 3xx is never followed: the token would travel with it. Says where it pointed, by host only. */
    private void refuseRedirect(HttpResponse<String> response, String what, String requestId) {
        int status = response.statusCode();
        if (status / 100 != 3) {
            return;
        }
        String host = response.headers().firstValue("Location").map(Api::hostOf).orElse("nowhere (no Location)");
        throw new ApiException(ExitCode.UPSTREAM, what + ": the API answered HTTP " + status + ", a redirect to " + host
                + ". edit never follows an API redirect, so neither the token nor the request went there; check RUNCOMFY_MODEL_API_BASE",
                status, null, requestId);
    }

    private static String hostOf(String location) {
        try {
            String host = URI.create(location.strip()).getHost();
            return host == null ? "a path on the same host" : Text.printable(host);
        } catch (IllegalArgumentException e) {
            return "an unreadable location";
        }
    }

    /** The server's answer with the token and any Bearer credential taken out, before anything reads it. */
    private String clean(String body) {
        return Text.redact(body == null ? "" : body, token);
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", "image-edit");
    }

    private static JsonNode parse(String body, String what, String consequence) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IOException("not an object");
            }
            return node;
        } catch (IOException e) {
            throw new ApiException(ExitCode.UPSTREAM, what + ": the answer is not a JSON object: " + Text.shown(body, null, 300) + consequence,
                    200, body, null);
        }
    }

    /** Why a request got no answer, in words: the JDK leaves the message empty for a refused connection. */
    static String why(IOException e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? null : Text.printable(e.getMessage());
        if (e instanceof java.net.ConnectException) {
            return "connection refused" + (message == null ? "" : ": " + message) + "; is anything listening there?";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "timed out" + (message == null ? "" : ": " + message);
        }
        return message != null ? message : e.getClass().getSimpleName() + (e.getCause() == null ? "" : ": " + why(e.getCause()));
    }

    private static String why(Throwable cause) {
        return cause instanceof IOException io ? why(io) : cause.toString();
    }
}
