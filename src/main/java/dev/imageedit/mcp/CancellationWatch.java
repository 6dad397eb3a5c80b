package dev.imageedit.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The client's messages on their way to the protocol library, one JSON-RPC message a line. The
 * library does not act on {@code notifications/cancelled}, and a tool handler cannot see its own
 * request id, so this filter does both: it writes each {@code tools/call} request's id into the
 * call's {@code _meta} (under {@link #CALL_ID}), and runs what a handler registered for that id
 * when the client cancels it. It also says when the client has gone (end of input).
 */
final class CancellationWatch extends InputStream {
    /** The {@code _meta} key that carries a tool call's JSON-RPC id to its handler. */
    static final String CALL_ID = "dev.imageedit/call-id";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedReader in;
    private final Map<String, Runnable> onCancel = new ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private byte[] line = new byte[0];
    private int next;

    CancellationWatch(InputStream in) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** Runs {@code action} if the client cancels the call with this id; until {@link #forget}. */
    void whenCancelled(String callId, Runnable action) {
        onCancel.put(callId, action);
    }

    void forget(String callId) {
        onCancel.remove(callId);
    }

    /** Waits until the client closes its end. */
    void awaitClose() throws InterruptedException {
        closed.await();
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return line[next++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, line.length - next);
        System.arraycopy(line, next, buffer, offset, n);
        next += n;
        return n;
    }

    /** True when there are bytes to hand on; reads and rewrites the next message when needed. */
    private boolean fill() throws IOException {
        while (next >= line.length) {
            String text = in.readLine();
            if (text == null) {
                closed.countDown();
                return false;
            }
            line = (watch(text) + "\n").getBytes(StandardCharsets.UTF_8);
            next = 0;
        }
        return true;
    }

    /** The message as the library should see it. Anything that is not a JSON object passes untouched. */
    private String watch(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException notJson) {
            return text; // the library answers it with a parse error
        }
        if (message == null || !message.isObject()) {
            return text;
        }
        String method = message.path("method").asText("");
        if (method.equals("notifications/cancelled")) {
            Runnable action = onCancel.remove(message.path("params").path("requestId").asText());
            if (action != null) {
                action.run();
            }
            return text;
        }
        if (method.equals("tools/call") && message.has("id") && message.path("params").isObject()) {
            ObjectNode params = (ObjectNode) message.path("params");
            JsonNode meta = params.path("_meta");
            ObjectNode tagged = meta.isObject() ? (ObjectNode) meta : params.putObject("_meta");
            tagged.put(CALL_ID, message.path("id").asText());
            return message.toString();
        }
        return text;
    }
}
