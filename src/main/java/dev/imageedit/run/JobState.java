package dev.imageedit.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where a submitted job is, as the status and result endpoints answer. */
public sealed interface JobState {
    /** Waiting for a worker; only now can it be cancelled. */
    record InQueue(Integer position) implements JobState {
    }

    record InProgress() implements JobState {
    }

    /** Finished; {@code outputs} are the URLs of {@code output.image(s)} and {@code output.video(s)}. */
    record Completed(List<String> outputs) implements JobState {
        public Completed {
            outputs = List.copyOf(outputs);
        }
    }

    record Failed(String error) implements JobState {
    }

    record Cancelled() implements JobState {
    }

    /**
     * A status this tool does not know ({@code paused_by_operator}, a number, none at all). The job
     * may be anything, so it is reported as it came rather than waited on as if it were running.
     *
     * @param status what the API said, as text
     */
    record Unknown(String status) implements JobState {
    }

    default boolean terminal() {
        return this instanceof Completed || this instanceof Failed || this instanceof Cancelled;
    }

    /**
     * The wire name: {@code in_queue}, {@code in_progress}, {@code completed}, {@code failed},
     * {@code cancelled}; {@code unknown} for a status this tool does not know.
     */
    default String label() {
        if (this instanceof InQueue) {
            return "in_queue";
        }
        if (this instanceof InProgress) {
            return "in_progress";
        }
        if (this instanceof Completed) {
            return "completed";
        }
        if (this instanceof Unknown) {
            return "unknown";
        }
        return this instanceof Failed ? "failed" : "cancelled";
    }

    /** A status or result answer; a status that is not text, or not one of the known words, is {@link Unknown}. */
    static JobState parse(JsonNode answer) {
        JsonNode field = answer.path("status");
        if (!field.isTextual()) {
            return new Unknown(field.isMissingNode() ? "(none)" : field.toString());
        }
        return switch (field.asText().toLowerCase(Locale.ROOT)) {
            case "in_queue", "queued", "pending" -> new InQueue(answer.path("queue_position").isNumber() ? answer.path("queue_position").asInt() : null);
            case "in_progress", "running", "processing" -> new InProgress();
            case "completed", "succeeded", "success" -> new Completed(outputs(answer.path("output")));
            case "failed", "error" -> new Failed(error(answer));
            case "cancelled", "canceled" -> new Cancelled();
            default -> new Unknown(field.asText());
        };
    }

    private static List<String> outputs(JsonNode output) {
        List<String> urls = new ArrayList<>();
        for (String single : List.of("image", "video")) {
            if (output.path(single).isTextual()) {
                urls.add(output.path(single).asText());
            }
        }
        for (String many : List.of("images", "videos")) {
            output.path(many).forEach(url -> urls.add(url.isTextual() ? url.asText() : url.path("url").asText()));
        }
        urls.removeIf(String::isBlank);
        return urls;
    }

    private static String error(JsonNode answer) {
        JsonNode error = answer.path("error");
        if (error.isTextual()) {
            return error.asText();
        }
        if (error.has("message")) {
            return error.path("message").asText();
        }
        return error.isMissingNode() || error.isNull() ? "the job failed without saying why" : error.toString();
    }
}
