package dev.imageedit.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import dev.imageedit.app.EditInput;
import dev.imageedit.app.Edits;
import dev.imageedit.app.Json;
import dev.imageedit.app.Requests;
import dev.imageedit.app.RunResult;
import dev.imageedit.app.RunSettings;
import dev.imageedit.app.Workspace;
import dev.imageedit.request.Endpoint;
import dev.imageedit.request.Endpoints;
import dev.imageedit.request.Plan;
import dev.imageedit.request.Planner;
import dev.imageedit.run.RunListener;
import dev.imageedit.run.Runner;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The MCP tools: a translation of tool arguments into the same calls the command line makes, and
 * of their answers into tool results (the --json document as structured content, plus a line of
 * text). Every failure is a tool result with {@code isError} and the command line's exit code.
 */
final class Tools {
    private static final int INTERNAL_ERROR = 70;

    private final Workspace workspace;
    private final CancellationWatch watch;

    Tools(Workspace workspace, CancellationWatch watch) {
        this.workspace = workspace;
        this.watch = watch;
    }

    List<SyncToolSpecification> all() {
        Endpoints endpoints = workspace.endpoints();
        ObjectNode edit = editSchema(endpoints, false);
        ObjectNode run = editSchema(endpoints, true);
        ObjectNode id = object();
        id.putObject("properties").putObject("request_id").put("type", "string").put("description", "The request id a run or list_jobs gave.");
        id.putArray("required").add("request_id");
        ObjectNode list = object();
        list.putObject("properties").putObject("limit").put("type", "integer").put("minimum", 1)
                .put("description", "How many of the newest jobs (default 20).");
        ObjectNode resume = id.deepCopy();
        ((ObjectNode) resume.path("properties")).putObject("output_dir").put("type", "string")
                .put("description", "Where to save the outputs (default: the folder the job was submitted with).");
        return List.of(
                tool("plan_edit", "Plan an image edit without running it: which model the request routes to and why, the mode "
                        + "(single, multi_ref or fan_out), how many calls and images it would be billed for, warnings and prompt "
                        + "advice, and the exact request bodies. Sends nothing and needs no token. Use it to check a prompt before run_edit.",
                        edit, (exchange, args, meta) -> plan(args)),
                tool("run_edit", "Run an image edit through the RunComfy Model API and save the results: routes the request to the "
                        + "right model, validates every body before anything is billed, submits, waits (unless wait is false), and "
                        + "saves each output named after its input. Several images with one instruction are one call per image; "
                        + "a prompt that combines them (\"the sofa from image 2 in the room of image 1\") is one call. "
                        + "Returns request ids, each input with its saved paths and output URLs.", run, this::run),
                tool("get_job", "Where a submitted request is now: in_queue (with its position), in_progress, completed, failed or cancelled.",
                        id, (exchange, args, meta) -> answer(new Requests(workspace).status(text(args, "request_id", true)))),
                tool("list_jobs", "The newest requests from the local journal, with their status, inputs and saved paths.",
                        list, (exchange, args, meta) -> listJobs(args)),
                tool("cancel_job", "Cancel a queued request. A request already running cannot be cancelled: it finishes and is "
                        + "billed, and resume_job saves its outputs.", id, (exchange, args, meta) -> answer(new Requests(workspace).cancel(
                                text(args, "request_id", true)))),
                tool("resume_job", "Wait for a request submitted earlier (after a timeout, an interruption or wait=false), then save "
                        + "its outputs.", resume, this::resume),
                tool("list_models", "The four endpoints, what each is for, how many images each takes, and the options each "
                        + "takes with their allowed values.", object(), (exchange, args, meta) -> models()));
    }

    /** A handler's work: the document, the line of text, and whether it failed. */
    private record Outcome(ObjectNode document, String text, boolean failed) {
    }

    @FunctionalInterface
    private interface Work {
        Outcome apply(McpSyncServerExchange exchange, Map<String, Object> args, Map<String, Object> meta) throws InterruptedException;
    }

    private static SyncToolSpecification tool(String name, String description, ObjectNode schema, Work work) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description)
                .inputSchema(Json.MAPPER.convertValue(schema, Map.class)).build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
            Map<String, Object> meta = request.meta() == null ? Map.of() : request.meta();
            try {
                Outcome outcome = work.apply(exchange, args, meta);
                return result(outcome.document(), outcome.text(), outcome.failed());
            } catch (EditException e) {
                return result(Json.error(e.exitCode().code(), e.getMessage()), e.getMessage(), true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result(Json.error(ExitCode.INTERRUPTED.code(), "interrupted"), "interrupted", true);
            } catch (RuntimeException e) {
                String message = "internal error: " + e + " (please report it)";
                return result(Json.error(INTERNAL_ERROR, message), message, true);
            }
        }).build();
    }

    @SuppressWarnings("unchecked")
    private static McpSchema.CallToolResult result(ObjectNode document, String text, boolean failed) {
        return McpSchema.CallToolResult.builder().structuredContent(Json.MAPPER.convertValue(document, Map.class))
                .addTextContent(text).isError(failed).build();
    }

    private Outcome plan(Map<String, Object> args) {
        Plan plan = plan(input(args), bool(args, "strict", false));
        return new Outcome(Json.plan(plan), plan.decision().model() + ", " + plan.decision().mode().label() + ": " + plan.size()
                + ". " + plan.decision().reason() + warnings(plan.warnings()), false);
    }

    private Plan plan(EditInput input, boolean strict) {
        Plan plan = new Edits(workspace).plan(input);
        if (strict) {
            Edits.checkStrict(plan, "strict");
        }
        return plan;
    }

    private Outcome run(McpSyncServerExchange exchange, Map<String, Object> args, Map<String, Object> meta) {
        EditInput input = input(args);
        Plan plan = plan(input, bool(args, "strict", false));
        RunSettings settings = settings(args, bool(args, "wait", true));
        Edits edits = new Edits(workspace);
        RunResult result = edits.run(plan, edits.request(input).prompt(), settings, listener(exchange, meta, plan.calls().size()),
                runner -> whenCancelled(meta, runner));
        forget(meta);
        return outcome(result);
    }

    private Outcome resume(McpSyncServerExchange exchange, Map<String, Object> args, Map<String, Object> meta) {
        String id = text(args, "request_id", true);
        String folder = text(args, "output_dir", false);
        RunResult result = new Requests(workspace).resume(id, RunSettings.defaults(folder == null ? null : Path.of(folder), false), listener(exchange, meta, 1),
                runner -> whenCancelled(meta, runner));
        forget(meta);
        return outcome(result);
    }

    private Outcome listJobs(Map<String, Object> args) {
        Object limit = args.getOrDefault("limit", 20);
        if (!(limit instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw EditException.usage("limit " + limit + " is not a whole number: give how many jobs to list, e.g. 20");
        }
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.set("jobs", Json.jobs(new Requests(workspace).list(n.intValue())));
        return new Outcome(doc, doc.path("jobs").size() + " jobs", false);
    }

    private Outcome models() {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        ArrayNode models = Json.models(workspace.endpoints().all());
        doc.set("models", models);
        List<String> lines = new ArrayList<>();
        models.forEach(m -> lines.add(m.path("id").asText() + ": " + m.path("model").asText() + ", " + m.path("purpose").asText()));
        return new Outcome(doc, String.join("\n", lines), false);
    }

    private static Outcome answer(Requests.Answer answer) {
        return new Outcome(answer.document(), answer.text() + (answer.warning() == null ? "" : "\nwarning: " + answer.warning()), false);
    }

    /** A run's document (when it failed, with the error object an agent checks first), and its lines for a reader. */
    private static Outcome outcome(RunResult result) {
        ObjectNode doc = result.document();
        ExitCode code = result.exitCode();
        List<String> lines = new ArrayList<>();
        result.reports().forEach(r -> {
            String input = r.inputs().isEmpty() ? "" : r.inputs().get(0) + " -> ";
            if (!r.outputs().isEmpty()) {
                r.outputs().forEach(o -> lines.add(input + o.path()));
            } else {
                lines.add(input + r.status() + (r.requestId() == null ? "" : " (" + r.requestId() + ")")
                        + (r.error() == null ? "" : ": " + r.error()));
            }
        });
        if (code != ExitCode.OK) {
            lines.add(result.failure());
            if (!result.resumable().isEmpty()) {
                lines.add("resume with resume_job: " + String.join(", ", result.resumable().stream().map(Runner.Report::requestId).toList()));
            }
        }
        return new Outcome(doc, String.join("\n", lines), code != ExitCode.OK);
    }

    private RunListener listener(McpSyncServerExchange exchange, Map<String, Object> meta, int calls) {
        Object token = meta.get("progressToken");
        return token == null ? RunListener.NONE : new McpProgress(exchange, token, calls);
    }

    /** A client's cancellation of this tool call stops the run as Ctrl-C does: queued jobs are cancelled. */
    private void whenCancelled(Map<String, Object> meta, Runner runner) {
        Object callId = meta.get(CancellationWatch.CALL_ID);
        if (callId != null) {
            watch.whenCancelled(callId.toString(), runner::interrupt);
        }
    }

    private void forget(Map<String, Object> meta) {
        Object callId = meta.get(CancellationWatch.CALL_ID);
        if (callId != null) {
            watch.forget(callId.toString());
        }
    }

    private static String warnings(List<String> warnings) {
        return warnings.isEmpty() ? "" : "\nwarnings:\n- " + String.join("\n- ", warnings);
    }

    // Arguments: every value is checked for its type here, with the field named, as the command
    // line's parser would for its options.

    private static EditInput input(Map<String, Object> args) {
        Set<String> known = Set.of("prompt", "images", "mask", "model", "keep", "options", "strict", "output_dir", "wait",
                "timeout_seconds", "concurrency");
        for (String name : args.keySet()) {
            if (!known.contains(name)) {
                throw EditException.usage("'" + name + "' is not an argument of this tool; it takes: prompt, images, mask, model, keep, "
                        + "options, strict (and output_dir, wait, timeout_seconds, concurrency for run_edit)");
            }
        }
        String prompt = text(args, "prompt", true);
        Object images = args.get("images");
        if (!(images instanceof List<?> list) || list.isEmpty()) {
            throw EditException.usage("images must be a list of one or more public https:// image URLs, e.g. [\"https://example.com/p.jpg\"]");
        }
        List<String> urls = new ArrayList<>();
        for (Object url : list) {
            if (!(url instanceof String s)) {
                throw EditException.usage("images must hold URLs as strings; " + url + " is not one");
            }
            urls.add(s);
        }
        String model = text(args, "model", false);
        if (model != null && model.isBlank()) {
            throw EditException.usage("model is empty: leave it out to let the request choose, or give nano, gpt, kontext or inpaint");
        }
        return new EditInput(prompt, urls, text(args, "mask", false), model, text(args, "keep", false), options(args.get("options")));
    }

    /** The options object as the planner takes it: CLI names with - or _, plus {@code set} for raw fields. */
    private static Map<String, Object> options(Object raw) {
        Map<String, Object> options = new LinkedHashMap<>();
        if (raw == null) {
            return options;
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw EditException.usage("options must be an object, e.g. {\"seed\": 7, \"aspect_ratio\": \"1:1\"}");
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = entry.getKey().toString().replace('-', '_');
            Object value = entry.getValue();
            if (name.equals("set")) {
                if (!(value instanceof Map<?, ?> fields)) {
                    throw EditException.usage("options.set must be an object of schema fields, e.g. {\"limit_generations\": false}");
                }
                fields.forEach((field, v) -> options.put(Planner.SET_PREFIX + field, v));
            } else if (value == null || value instanceof Map || value instanceof List) {
                throw EditException.usage("options." + name + " must be a string, number or boolean, not " + value);
            } else {
                options.put(name, value);
            }
        }
        return options;
    }

    private RunSettings settings(Map<String, Object> args, boolean wait) {
        String folder = text(args, "output_dir", false);
        double timeout = number(args, "timeout_seconds", RunSettings.DEFAULT_TIMEOUT_SECONDS);
        double concurrency = number(args, "concurrency", RunSettings.DEFAULT_CONCURRENCY);
        if (concurrency != Math.rint(concurrency)) {
            throw EditException.usage("concurrency " + concurrency + " is not a whole number: give 1 to " + RunSettings.MAX_CONCURRENCY);
        }
        return new RunSettings(Path.of(folder == null ? "." : folder), null, timeout, (int) concurrency, !wait);
    }

    private static String text(Map<String, Object> args, String name, boolean required) {
        Object value = args.get(name);
        if (value == null) {
            if (required) {
                throw EditException.usage(name + " is missing: it is required");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            throw EditException.usage(name + " must be a string, not " + value);
        }
        return s;
    }

    private static boolean bool(Map<String, Object> args, String name, boolean fallback) {
        Object value = args.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw EditException.usage(name + " must be true or false, not " + value);
        }
        return b;
    }

    private static double number(Map<String, Object> args, String name, double fallback) {
        Object value = args.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw EditException.usage(name + " must be a number, not " + value);
        }
        return n.doubleValue();
    }

    // Schemas, from the endpoint descriptors: a new endpoint or option appears here by itself.

    private static ObjectNode object() {
        ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "object");
        schema.putObject("properties");
        return schema;
    }

    private static ObjectNode editSchema(Endpoints endpoints, boolean run) {
        ObjectNode schema = object();
        ObjectNode props = (ObjectNode) schema.path("properties");
        props.putObject("prompt").put("type", "string").put("description", "What to change, in any language. Say first what must "
                + "stay the same, then the one change; quote in-image text exactly (\"SALE\").");
        ObjectNode images = props.putObject("images").put("type", "array").put("minItems", 1)
                .put("description", "Source images: public https:// URLs (the model server fetches them). Several with one "
                        + "instruction are edited one call each; refer to them by number to combine them.");
        images.putObject("items").put("type", "string");
        props.putObject("mask").put("type", "string").put("description", "A mask image URL (white is repainted, black kept): routes to inpainting.");
        ArrayNode ids = props.putObject("model").put("type", "string")
                .put("description", "Force an endpoint; leave it out to let the request choose. See list_models.").putArray("enum");
        endpoints.all().forEach(e -> ids.add(e.id()).add(e.model()));
        props.putObject("keep").put("type", "string").put("description", "What must not change, e.g. \"face, pose, clothing\": "
                + "becomes a leading \"Keep the face, pose and clothing unchanged.\"");
        props.putObject("strict").put("type", "boolean").put("description", "Refuse (send nothing) when there is any warning or prompt advice.");
        props.set("options", optionsSchema(endpoints));
        if (run) {
            props.putObject("output_dir").put("type", "string").put("description", "Where outputs are saved (default: the server's working folder).");
            props.putObject("wait").put("type", "boolean").put("description", "Wait for the results (default true); false submits, "
                    + "records and returns the request ids for get_job and resume_job.");
            props.putObject("timeout_seconds").put("type", "number").put("exclusiveMinimum", 0)
                    .put("description", "Longest wait (default " + (int) RunSettings.DEFAULT_TIMEOUT_SECONDS + "); the job keeps running after.");
            props.putObject("concurrency").put("type", "integer").put("minimum", 1).put("maximum", RunSettings.MAX_CONCURRENCY)
                    .put("description", "Calls in flight at once (default " + RunSettings.DEFAULT_CONCURRENCY + ").");
        }
        schema.putArray("required").add("prompt").add("images");
        return schema;
    }

    /** One property per option some endpoint takes, described with each endpoint's allowed values. */
    private static ObjectNode optionsSchema(Endpoints endpoints) {
        ObjectNode schema = object().put("additionalProperties", false)
                .put("description", "Options by their command-line names (seed, aspect_ratio, ...). An option the chosen endpoint "
                        + "does not take is dropped with a warning (an error when model is given).");
        ObjectNode props = (ObjectNode) schema.path("properties");
        for (String option : endpoints.optionNames()) {
            List<String> takes = new ArrayList<>();
            Set<String> types = new LinkedHashSet<>();
            for (Endpoint e : endpoints.all()) {
                Endpoint.OptionSpec spec = e.options().get(option);
                if (spec != null) {
                    takes.add(e.id() + ": " + e.allowed(spec));
                    JsonNode type = e.schema().path("properties").path(spec.field()).path("type");
                    types.add(spec.values() != null || type.isMissingNode() ? "string" : type.asText());
                }
            }
            types.add("string"); // a number may come quoted, as it would from a command line
            ArrayNode typeList = props.putObject(option).putArray("type");
            types.forEach(typeList::add);
            ((ObjectNode) props.path(option)).put("description", String.join("; ", takes));
        }
        ObjectNode set = props.putObject("set").put("type", "object")
                .put("description", "Any other field of the chosen endpoint's input schema, e.g. {\"limit_generations\": false}.");
        set.putObject("additionalProperties");
        return schema;
    }
}
