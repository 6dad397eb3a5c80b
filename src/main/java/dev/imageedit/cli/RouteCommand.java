package dev.imageedit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.EditException;
import dev.imageedit.Excerpt;
import dev.imageedit.ExitCode;
import dev.imageedit.app.Json;
import dev.imageedit.app.Pipeline;
import dev.imageedit.intent.EditRequest;
import dev.imageedit.request.Plan;
import dev.imageedit.workflow.RequestLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edit route}: decisions for JSON lines on stdin, one line out per line in, never stopping on
 * a bad line. With {@code --eval FILE}, checks labelled cases and prints accuracy and every miss.
 */
@Command(name = "route", mixinStandardHelpOptions = true, versionProvider = Version.class,
        footerHeading = "%nExamples:%n",
        footer = {"  edit route < requests.jsonl      # one request a line, e.g.",
            "  {\"prompt\": \"Give the dog a hat\", \"images\": [\"https://example.com/dog.jpg\"]}",
            "  edit route --eval my-labelled-cases.jsonl",
            "  edit route --rules my-rules/ < requests.jsonl"},
        description = {
            "Route requests given as JSON lines on stdin; print one decision per line on stdout, in order.",
            "In:  {\"prompt\": \"...\", \"images\": [\"https://...\"], \"mask\": \"https://...\", \"model\": \"...\", \"keep\": \"face, pose\", \"options\": {\"num_images\": 2}}",
            "Out: {\"endpoint\", \"mode\", \"rules\", \"reason\", \"warnings\"} or {\"error\": {\"exit_code\": 64|65, \"message\"}}"})
final class RouteCommand implements Callable<Integer> {
    /** The step of a labelled case that names none: its misses are listed last. */
    private static final int NO_STEP = Integer.MAX_VALUE;
    /** Lines decided together, so that handing work to a thread costs little per line. */
    private static final int BATCH = 256;
    /** Batches that may wait for an earlier, slower one before they are printed. */
    private static final int WINDOW = 8;

    private final Env env;

    @Spec
    CommandSpec spec;

    @Option(names = "--eval", paramLabel = "FILE",
            description = "Check labelled cases (JSON lines with prompt, images (a count), mask, model, num_images, "
                    + "expect {endpoint, mode} or {error}, and optionally step and lang); print every miss, grouped by "
                    + "the step that should decide it, and the accuracy, per language too. Exits 1 on any miss.")
    Path eval;

    @Mixin
    RulesOption rules;

    RouteCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        Pipeline pipeline = Pipeline.build(rules.folder, env.vars());
        PrintWriter out = spec.commandLine().getOut();
        if (eval != null) {
            return evaluate(pipeline, out);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8));
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "route");
            t.setDaemon(true);
            return t;
        });
        try {
            // Lines are decided in batches on every core and printed in input order. A batch closes
            // when it is full or when no more input is waiting, and everything pending is printed
            // and flushed then, so an agent writing one line at a time gets each answer at once.
            ArrayDeque<Future<String>> pending = new ArrayDeque<>();
            List<String> batch = new ArrayList<>();
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                // A byte-order mark, as some Windows editors write, is not part of the first line's JSON.
                batch.add(number == 0 && batch.isEmpty() && line.startsWith(BOM) ? line.substring(1) : line);
                boolean waiting = in.ready();
                if (batch.size() == BATCH || !waiting) {
                    int first = number + 1;
                    List<String> lines = List.copyOf(batch);
                    pending.add(pool.submit(() -> decideAll(pipeline, lines, first)));
                    number += batch.size();
                    batch.clear();
                }
                while (!pending.isEmpty() && (pending.peek().isDone() || pending.size() > WINDOW || !waiting)) {
                    out.print(await(pending.poll()));
                }
                if (!waiting) {
                    out.flush();
                }
            }
            while (!pending.isEmpty()) {
                out.print(await(pending.poll()));
            }
        } finally {
            pool.shutdownNow();
        }
        out.flush();
        return 0;
    }

    /** One output line per input line, blank or not, numbered from {@code first} for messages: outputs line up with inputs. */
    private static String decideAll(Pipeline pipeline, List<String> lines, int first) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(Json.line(decide(pipeline, lines.get(i), first + i))).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String await(Future<String> decisions) {
        try {
            return decisions.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EditException(ExitCode.INTERRUPTED, "interrupted");
        } catch (ExecutionException e) {
            // decide() answers every EditException itself; anything else is a defect, reported as such.
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ObjectNode decide(Pipeline pipeline, String line, int number) {
        try {
            Plan plan = pipeline.planner.plan(request(line, number));
            return Json.decision(plan.decision(), plan.warnings());
        } catch (EditException e) {
            return Json.error(e.exitCode().code(), e.getMessage());
        }
    }

    static EditRequest request(String line, int number) {
        return RequestLine.parse(line, number);
    }

    private static final String BOM = "\uFEFF";

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    /**
     * Checks every labelled case; prints the misses grouped by the policy step the case says
     * decides it (its "step"), each with the reason the rules gave, then the accuracy per
     * language when cases carry a "lang", then the total.
     */
    private int evaluate(Pipeline pipeline, PrintWriter out) throws IOException {
        if (!Files.isRegularFile(eval)) {
            throw EditException.usage("--eval " + eval + " is not a file of labelled cases");
        }
        int total = 0;
        int passed = 0;
        int number = 0;
        // Steps in the policy's order; cases that name no step last.
        Map<Integer, List<String>> missesByStep = new TreeMap<>();
        Map<String, int[]> byLanguage = new TreeMap<>();
        for (String line : Files.readAllLines(eval, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            total++;
            LabelledCase labelled = LabelledCase.parse(line, number);
            String got;
            String why;
            try {
                Plan plan = pipeline.planner.plan(labelled.request());
                got = plan.decision().model() + " " + plan.decision().mode().label();
                why = plan.decision().reason();
            } catch (EditException e) {
                got = "error " + e.exitCode().code() + " (" + e.getMessage() + ")";
                why = null;
            }
            boolean hit = got.equals(labelled.expected()) || got.startsWith(labelled.expected() + " (");
            if (labelled.language() != null) {
                int[] counts = byLanguage.computeIfAbsent(labelled.language(), k -> new int[2]);
                counts[0]++;
                counts[1] += hit ? 1 : 0;
            }
            if (hit) {
                passed++;
            } else {
                missesByStep.computeIfAbsent(labelled.step(), k -> new ArrayList<>())
                        .add("MISS " + labelled.id() + (labelled.language() == null ? "" : " [" + labelled.language() + "]") + ": "
                                + labelled.prompt() + System.lineSeparator()
                                + "     expected " + labelled.expected() + ", got " + got + (why == null ? "" : ": " + why));
            }
        }
        missesByStep.forEach((step, misses) -> {
            out.println((step == NO_STEP ? "no step given" : "step " + step) + ": " + misses.size() + (misses.size() == 1 ? " miss" : " misses"));
            misses.forEach(out::println);
        });
        if (!byLanguage.isEmpty()) {
            out.println("by language:");
            byLanguage.forEach((language, counts) -> out.printf("  %-6s %d of %d (%.1f%%)%n", language, counts[1], counts[0],
                    100.0 * counts[1] / counts[0]));
        }
        out.printf("routing: %d of %d cases as labelled (%.1f%%)%n", passed, total, total == 0 ? 0.0 : 100.0 * passed / total);
        out.flush();
        return passed == total ? ExitCode.OK.code() : 1;
    }

    /** One labelled case: the request it describes and the outcome it expects. */
    private record LabelledCase(String id, String prompt, EditRequest request, String expected, String language, int step) {
        static LabelledCase parse(String line, int number) {
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (IOException e) {
                throw EditException.data("--eval line " + number + " is not JSON: " + e.getMessage());
            }
            String id = node.path("id").asText("line " + number);
            List<String> images = new ArrayList<>();
            if (node.path("images").isArray()) {
                node.path("images").forEach(url -> images.add(url.asText()));
            } else {
                for (int i = 1; i <= node.path("images").asInt(0); i++) {
                    images.add("https://example.com/eval/" + id + "-" + i + ".png");
                }
            }
            String mask = node.path("mask").asBoolean(false) ? "https://example.com/eval/" + id + "-mask.png" : text(node.path("mask"));
            Map<String, Object> options = new LinkedHashMap<>();
            if (node.path("num_images").isNumber()) {
                options.put("num_images", node.path("num_images").numberValue());
            }
            JsonNode expect = node.path("expect");
            String expected = expect.has("error")
                    ? "error " + expect.path("error").asInt()
                    : expect.path("endpoint").asText() + " " + expect.path("mode").asText();
            String prompt = node.path("prompt").asText();
            int step = node.path("step").canConvertToInt() ? node.path("step").asInt() : NO_STEP;
            return new LabelledCase(id, prompt, new EditRequest(prompt, images, mask, text(node.path("model")), options), expected,
                    text(node.path("lang")), step);
        }
    }
}
