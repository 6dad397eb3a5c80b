package dev.imageedit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.imageedit.EditException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local simulator of the RunComfy Model API on 127.0.0.1, for trying the tool without an account
 * and for tests: submit, status (queue, then progress, then done), result, cancel, and the output
 * files themselves: a PNG card naming the endpoint and the prompt. Fault modes script the failures
 * a real service has.
 */
public final class Sandbox implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a job takes by default: long enough to see it queue and run, short enough to wait for. */
    public static final Duration DEFAULT_JOB_TIME = Duration.ofMillis(1500);

    /** Failures the sandbox can act out. Each one-shot fault happens once, then the sandbox behaves. */
    public enum Fault {
        /** The first submit answers 429 with Retry-After: 1. */
        RATE_LIMIT,
        /** The first status check answers 503. */
        SERVER_ERROR,
        /** Every call answers 401. */
        UNAUTHORIZED,
        /** Every submit answers 422 with the server's message. */
        INVALID,
        /** Every job ends failed. */
        FAILED_JOB,
        /** The first job submitted ends failed; the others complete (one bad input in a fan-out). */
        ONE_FAILED_JOB,
        /** Jobs start but never finish (so they cannot be cancelled). */
        SLOW,
        /** Jobs stay queued forever (so they can be cancelled). */
        QUEUED,
        /** The first download sends half of its bytes, then hangs up. */
        TRUNCATED,
        /** Outputs are served as an HTML error page instead of an image. */
        NOT_AN_IMAGE,
        /** Results also name an output on a host outside RunComfy. */
        UNTRUSTED_OUTPUT,
        /** Results name an output whose file name tries to climb out of the output folder. */
        TRAVERSAL_OUTPUT;

        /** Faults by their command-line names ({@code rate-limit}); an unknown name is a usage error naming them all. */
        public static Set<Fault> parseAll(List<String> names, String option) {
            Set<Fault> faults = EnumSet.noneOf(Fault.class);
            for (String name : names) {
                try {
                    faults.add(valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
                } catch (IllegalArgumentException e) {
                    throw EditException.usage(option + " " + name + " is not a fault; faults are: " + String.join(", ",
                            java.util.Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList()));
                }
            }
            return faults;
        }
    }

    /** One request the sandbox received, for tests to inspect. */
    public record Received(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Set<Fault> faults;
    private final Duration jobTime;
    private final long outputBytes;
    private final Clock clock;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    /** Cards by model, prompt and input, drawn once each. */
    private final Map<List<String>, byte[]> cards = new ConcurrentHashMap<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final Set<Fault> spent = Collections.synchronizedSet(EnumSet.noneOf(Fault.class));
    private final AtomicInteger submitted = new AtomicInteger();
    private volatile java.util.function.Consumer<Received> observer = r -> { };

    private static final class Job {
        final String model;
        final JsonNode body;
        final Instant created;
        final boolean fails;
        volatile int polls;
        volatile boolean cancelled;

        Job(String model, JsonNode body, Instant created, boolean fails) {
            this.model = model;
            this.body = body;
            this.created = created;
            this.fails = fails;
        }

        /** The input images, whichever field the endpoint takes them in. */
        List<String> inputs() {
            List<String> urls = new ArrayList<>();
            for (String field : List.of("image_urls", "images", "image")) {
                JsonNode value = body.path(field);
                if (value.isTextual()) {
                    urls.add(value.asText());
                }
                value.forEach(url -> urls.add(url.asText()));
            }
            return urls;
        }
    }

    /**
     * @param port        0 for any free port
     * @param jobTime     how long a job takes; zero makes each status check advance it one step
     *                    (queued, queued, running, done), which is what tests want
     * @param outputBytes when above zero, each output is a PNG-headed file of this size (benchmarks)
     */
    public Sandbox(int port, Set<Fault> faults, Duration jobTime, long outputBytes, Clock clock) throws IOException {
        this.faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
        this.jobTime = jobTime;
        this.outputBytes = outputBytes;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sandbox");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Draws one card now, so that the first job's download does not pay for starting the 2D graphics. */
    public void warmUp() {
        SandboxCard.png("warm-up", "warm-up", "");
    }

    public static Sandbox start(Set<Fault> faults) throws IOException {
        return new Sandbox(0, faults, Duration.ZERO, 0, Clock.systemUTC());
    }

    /** The API base URL to point the runner at. */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Calls {@code observer} with each request as it arrives, before it is answered. */
    public void observe(java.util.function.Consumer<Received> observer) {
        this.observer = observer;
    }

    public int submissions() {
        return submitted.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            Received request = new Received(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body);
            received.add(request);
            observer.accept(request);
            if (path.startsWith("/files/")) {
                serveFile(exchange, path.substring("/files/".length()));
                return;
            }
            if (faults.contains(Fault.UNAUTHORIZED) || !String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")).startsWith("Bearer ")) {
                send(exchange, 401, "{\"error\": \"invalid or missing token\"}");
                return;
            }
            if (path.startsWith("/v1/models/") && exchange.getRequestMethod().equals("POST")) {
                submit(exchange, path.substring("/v1/models/".length()), body);
            } else if (path.matches("/v1/requests/[^/]+/(status|result|cancel)")) {
                String[] parts = path.split("/");
                Job job = jobs.get(parts[3]);
                if (job == null) {
                    send(exchange, 404, "{\"error\": \"no request " + parts[3] + "\"}");
                    return;
                }
                switch (parts[4]) {
                    case "status" -> status(exchange, parts[3], job);
                    case "result" -> result(exchange, parts[3], job);
                    default -> cancel(exchange, job);
                }
            } else {
                send(exchange, 404, "{\"error\": \"no such endpoint\"}");
            }
        }
    }

    private void submit(HttpExchange exchange, String model, String body) throws IOException {
        if (once(Fault.RATE_LIMIT)) {
            exchange.getResponseHeaders().add("Retry-After", "1");
            send(exchange, 429, "{\"error\": \"rate limited\"}");
            return;
        }
        if (faults.contains(Fault.INVALID)) {
            send(exchange, 422, "{\"detail\": \"aspect_ratio: input should be one of 1:1, 16:9\"}");
            return;
        }
        JsonNode input;
        try {
            input = JSON.readTree(body);
        } catch (IOException e) {
            send(exchange, 400, "{\"error\": \"body is not JSON\"}");
            return;
        }
        String id = UUID.randomUUID().toString();
        jobs.put(id, new Job(model, input, clock.instant(), faults.contains(Fault.FAILED_JOB) || once(Fault.ONE_FAILED_JOB)));
        submitted.incrementAndGet();
        String requests = base() + "/requests/" + id;
        send(exchange, 200, JSON.createObjectNode().put("request_id", id).put("status_url", requests + "/status")
                .put("result_url", requests + "/result").put("cancel_url", requests + "/cancel").toString());
    }

    /** The job's state now: by elapsed time, or (jobTime zero) by how often it was asked. */
    private String state(Job job, boolean advance) {
        if (job.cancelled) {
            return "cancelled";
        }
        if (faults.contains(Fault.SLOW)) {
            return "in_progress";
        }
        if (faults.contains(Fault.QUEUED)) {
            return "in_queue";
        }
        int step;
        if (jobTime.isZero()) {
            step = advance ? ++job.polls : job.polls;
        } else {
            double done = (double) Duration.between(job.created, clock.instant()).toMillis() / jobTime.toMillis();
            step = done >= 1 ? 4 : done >= 0.25 ? 3 : 1;
        }
        if (step >= 4) {
            return job.fails ? "failed" : "completed";
        }
        return step == 3 ? "in_progress" : "in_queue";
    }

    private void status(HttpExchange exchange, String id, Job job) throws IOException {
        if (once(Fault.SERVER_ERROR)) {
            send(exchange, 503, "{\"error\": \"temporarily unavailable\"}");
            return;
        }
        String state = state(job, true);
        ObjectNode answer = JSON.createObjectNode().put("request_id", id).put("status", state);
        if (state.equals("in_queue")) {
            answer.put("queue_position", Math.max(0, 2 - job.polls));
        }
        send(exchange, 200, answer.toString());
    }

    private void result(HttpExchange exchange, String id, Job job) throws IOException {
        String state = state(job, false);
        ObjectNode answer = JSON.createObjectNode().put("request_id", id).put("status", state);
        if (state.equals("failed")) {
            answer.put("error", "the model could not process the input image");
        } else if (state.equals("completed")) {
            var images = answer.putObject("output").putArray("images");
            int count = Math.max(1, job.body.path("num_images").asInt(1));
            for (int i = 1; i <= count; i++) {
                images.add("http://127.0.0.1:" + port() + "/files/" + id + "/edited-" + i + ".png");
            }
            if (faults.contains(Fault.UNTRUSTED_OUTPUT)) {
                images.add("https://downloads.example.com/" + id + ".png");
            }
            if (faults.contains(Fault.TRAVERSAL_OUTPUT)) {
                images.add("http://127.0.0.1:" + port() + "/files/" + id + "/..%2F..%2F..%2Fetc%2Fcron.d%2Fedit.png");
            }
        }
        send(exchange, 200, answer.toString());
    }

    private void cancel(HttpExchange exchange, Job job) throws IOException {
        if (state(job, false).equals("in_queue")) {
            job.cancelled = true;
            send(exchange, 200, "{\"outcome\": \"cancelled\"}");
        } else {
            send(exchange, 200, "{\"outcome\": \"not_cancellable\"}");
        }
    }

    private void serveFile(HttpExchange exchange, String rest) throws IOException {
        Job job = jobs.get(rest.split("/")[0]);
        if (job == null) {
            send(exchange, 404, "no such file");
            return;
        }
        if (faults.contains(Fault.NOT_AN_IMAGE)) {
            byte[] page = "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "image/png");
        if (outputBytes > 0) {
            streamLarge(exchange);
            return;
        }
        String prompt = job.body.path("prompt").asText();
        String input = inputLabel(job.inputs());
        byte[] bytes = cards.computeIfAbsent(List.of(job.model, prompt, input), key -> SandboxCard.png(job.model, prompt, input));
        if (once(Fault.TRUNCATED)) {
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes, 0, bytes.length / 2);
            exchange.getResponseBody().flush();
            return; // closing now leaves the client short of the declared length
        }
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void streamLarge(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, outputBytes);
        byte[] chunk = new byte[1 << 20];
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(signature, 0, chunk, 0, signature.length);
        OutputStream out = exchange.getResponseBody();
        for (long sent = 0; sent < outputBytes; ) {
            int n = (int) Math.min(chunk.length, outputBytes - sent);
            out.write(chunk, 0, n);
            if (sent == 0) {
                java.util.Arrays.fill(chunk, 0, signature.length, (byte) 0);
            }
            sent += n;
        }
    }

    /** What the card says it was made from: the primary input's file name, and how many references came with it. */
    private static String inputLabel(List<String> inputs) {
        if (inputs.isEmpty()) {
            return "";
        }
        String first = inputs.get(0);
        String name = first.substring(first.lastIndexOf('/') + 1);
        return "from " + (name.isBlank() ? first : name) + (inputs.size() > 1 ? " + " + (inputs.size() - 1) + " references" : "");
    }

    private boolean once(Fault fault) {
        return faults.contains(fault) && spent.add(fault);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
