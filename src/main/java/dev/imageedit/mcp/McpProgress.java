package dev.imageedit.mcp;

import dev.imageedit.run.JobState;
import dev.imageedit.run.RunListener;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A run's progress as MCP progress notifications, for a client that sent a progress token: how
 * many of the run's calls have ended out of how many, and each change of a job's state.
 */
final class McpProgress implements RunListener {
    private final McpSyncServerExchange exchange;
    private final Object token;
    private final int calls;
    private final Map<String, String> states = new HashMap<>();
    private final Set<String> ended = new HashSet<>();

    McpProgress(McpSyncServerExchange exchange, Object token, int calls) {
        this.exchange = exchange;
        this.token = token;
        this.calls = calls;
    }

    @Override
    public void expect(int calls) {
        // Known from the plan already: the total of every notification.
    }

    @Override
    public synchronized void submitted(String requestId, String model) {
        states.put(requestId, "submitted");
        send("submitted " + requestId + " to " + model);
    }

    @Override
    public synchronized void state(String requestId, JobState state) {
        if (state.label().equals(states.put(requestId, state.label()))) {
            return;
        }
        if (state.terminal()) {
            ended.add(requestId);
        }
        send(requestId + ": " + state.label());
    }

    @Override
    public void downloaded(long moreBytes) {
        // Bytes are too fine-grained for a notification; saved files are reported instead.
    }

    @Override
    public synchronized void saved(Path path) {
        send("saved " + path);
    }

    @Override
    public synchronized void note(String text) {
        send(text);
    }

    @Override
    public synchronized void line(String text) {
        send(text);
    }

    @Override
    public void done() {
        // The tool's result follows at once and says everything.
    }

    private void send(String message) {
        try {
            exchange.progressNotification(new McpSchema.ProgressNotification(token, (double) ended.size(), (double) calls,
                    ended.size() + "/" + calls + " done; " + message));
        } catch (RuntimeException clientGone) {
            // A notification that cannot be delivered must not stop the run: its result is journalled.
        }
    }
}
