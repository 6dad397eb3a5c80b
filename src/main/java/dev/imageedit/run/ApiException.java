package dev.imageedit.run;

import dev.imageedit.EditException;
import dev.imageedit.ExitCode;

/**
 * A failure talking to the API, carrying what a person needs to act on it: the HTTP status (0
 * when there was no answer), the server's own words, and the request id when one exists. The
 * one place where statuses become exit codes.
 */
public final class ApiException extends EditException {
    private final int status;
    private final String body;
    private final String requestId;

    public ApiException(ExitCode code, String message, int status, String body, String requestId) {
        super(code, message);
        this.status = status;
        this.body = body;
        this.requestId = requestId;
    }

    /**
     * Maps an HTTP error answer to the exit code the official client uses for it.
     *
     * @param body  the server's answer, already redacted
     * @param tries how many times the request was sent
     */
    public static ApiException fromStatus(int status, String body, String requestId, String what, int tries) {
        String server = serverMessage(body);
        if (status == 401 || status == 403) {
            return new ApiException(ExitCode.AUTH, what + ": the API refused the token (HTTP " + status + ")" + server
                    + ". Sign in again with 'edit login', or check RUNCOMFY_TOKEN", status, body, requestId);
        }
        if (status == 400 || status == 404 || status == 422) {
            return new ApiException(ExitCode.DATA, what + ": the API rejected the request (HTTP " + status + ")" + server,
                    status, body, requestId);
        }
        if (status == 408 || status == 429) {
            String state = status == 429 ? "rate limited" : "timing out";
            return new ApiException(ExitCode.RETRYABLE, what + ": " + (tries > 1 ? "still " + state + " after " + tries + " tries" : state)
                    + " (HTTP " + status + ")" + server + ". Try again later", status, body, requestId);
        }
        return new ApiException(ExitCode.UPSTREAM, what + ": the API failed (HTTP " + status + ")" + server, status, body, requestId);
    }

    /** The server's words, cut short and made safe to print; the body is redacted by the caller. */
    private static String serverMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        return ": " + Text.shown(body, null, 500);
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    public String requestId() {
        return requestId;
    }
}
