package dev.imageedit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A test double of the RunComfy Model API, written for these tests alone (not the product's
 * sandbox): it counts every submit it takes, records bodies and times, answers 429s on
 * demand, completes each job after a fixed time, and serves each output as a tiny PNG.
 */
final class FakeApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The smallest PNG: a signature, an IHDR of 1x1, and an IEND; enough for the downloader to recognise it. */
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1,
        8, 6, 0, 0, 0, 0x1F, 0x15, (byte) 0xC4, (byte) 0x89, 0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    /** A submit the double answered, with when it arrived and its status. */
    record Submit(long atMillis, int status, JsonNode body, String id) {
    }

    private final HttpServer server;
    private final long start = System.nanoTime();
    private volatile Duration jobTime;
    private final Map<String, Long> created = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> bodies = new ConcurrentHashMap<>();
    private final List<Submit> submits = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger accepted = new AtomicInteger();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int limitAfter = Integer.MAX_VALUE;
    private final AtomicInteger limitAnswers = new AtomicInteger();
    private volatile double retryAfter;
    private final List<Long> apiCalls = Collections.synchronizedList(new ArrayList<>());
    private volatile IntConsumer onAccepted = n -> { };

    FakeApi(Duration jobTime) throws IOException {
        this.jobTime = jobTime;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-api");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /**
     * Once {@code after} submits were taken, the next {@code answers} submits answer 429 with
     * {@code Retry-After: retryAfterSeconds}, while the jobs already taken are being polled.
     */
    void rateLimit(int after, int answers, double retryAfterSeconds) {
        limitAfter = after;
        limitAnswers.set(answers);
        retryAfter = retryAfterSeconds;
    }

    /** Called with the running count of accepted submits, as each is taken. */
    void onAccepted(IntConsumer listener) {
        onAccepted = listener;
    }

    int accepted() {
        return accepted.get();
    }

    List<Submit> submits() {
        synchronized (submits) {
            return List.copyOf(submits);
        }
    }

    /** When each call to the API (submit, status, result) arrived, in milliseconds from the start; downloads are not API calls. */
    List<Long> apiCalls() {
        synchronized (apiCalls) {
            return List.copyOf(apiCalls);
        }
    }

    /** Jobs from now on (and those not yet finished) finish {@code time} after they were submitted. */
    void finishJobsAfter(Duration time) {
        jobTime = time;
    }

    int cancelled() {
        return cancelled.size();
    }

    JsonNode body(String id) {
        return bodies.get(id);
    }

    private long now() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] in = exchange.getRequestBody().readAllBytes();
            if (path.startsWith("/v1/")) {
                apiCalls.add(now());
            }
            if (path.startsWith("/files/")) {
                exchange.getResponseHeaders().add("Content-Type", "image/png");
                exchange.sendResponseHeaders(200, PNG.length);
                exchange.getResponseBody().write(PNG);
                return;
            }
            if (path.startsWith("/v1/models/") && exchange.getRequestMethod().equals("POST")) {
                submit(exchange, JSON.readTree(new String(in, StandardCharsets.UTF_8)));
                return;
            }
            String[] parts = path.split("/");
            if (parts.length == 5 && parts[2].equals("requests") && created.containsKey(parts[3])) {
                String id = parts[3];
                boolean done = now() - created.get(id) >= jobTime.toMillis();
                if (parts[4].equals("cancel")) {
                    // Like the API: a job that has not finished is still queued here, so it can be cancelled.
                    boolean cancel = !done && cancelled.add(id);
                    send(exchange, 200, "{\"outcome\": \"" + (cancel || cancelled.contains(id) ? "cancelled" : "not_cancellable") + "\"}");
                    return;
                }
                String status = cancelled.contains(id) ? "cancelled" : done ? "completed" : "in_queue";
                var answer = JSON.createObjectNode().put("request_id", id).put("status", status);
                if (status.equals("completed") && parts[4].equals("result")) {
                    var images = answer.putObject("output").putArray("images");
                    int count = Math.max(1, bodies.get(id).path("num_images").asInt(1));
                    for (int i = 1; i <= count; i++) {
                        images.add("http://127.0.0.1:" + server.getAddress().getPort() + "/files/" + id + "/out-" + i + ".png");
                    }
                }
                send(exchange, 200, answer.toString());
                return;
            }
            send(exchange, 404, "{\"error\": \"not found\"}");
        }
    }

    private void submit(HttpExchange exchange, JsonNode body) throws IOException {
        long at = now();
        if (accepted.get() >= limitAfter && limitAnswers.getAndDecrement() > 0) {
            submits.add(new Submit(at, 429, body, null));
            exchange.getResponseHeaders().add("Retry-After", Double.toString(retryAfter));
            send(exchange, 429, "{\"error\": \"rate limited\"}");
            return;
        }
        String id = "job-" + ids.incrementAndGet();
        bodies.put(id, body);
        created.put(id, at);
        submits.add(new Submit(at, 200, body, id));
        send(exchange, 200, JSON.createObjectNode().put("request_id", id).toString());
        onAccepted.accept(accepted.incrementAndGet());
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
