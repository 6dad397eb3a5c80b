package dev.imageedit.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.ExitCode;
import dev.imageedit.intent.Features;
import dev.imageedit.request.Call;
import dev.imageedit.request.Endpoint;
import dev.imageedit.run.Journal;
import dev.imageedit.run.Runner;
import dev.imageedit.request.Plan;
import dev.imageedit.route.Decision;
import java.util.List;

/**
 * The JSON documents both front ends answer with: the command line prints them with --json, the
 * MCP server returns them as structured content. Their fields are documented in docs/cli.md.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Json() {
    }

    /** {@code endpoint, mode, rules, reason, warnings}: the decision alone, as {@code route} prints it. */
    public static ObjectNode decision(Decision decision, List<String> warnings) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("endpoint", decision.model());
        node.put("mode", decision.mode().label());
        strings(node.putArray("rules"), decision.rules());
        node.put("reason", decision.reason());
        strings(node.putArray("warnings"), warnings);
        return node;
    }

    /**
     * The decision plus every request it would send, as {@code --dry-run --json} prints it: how many
     * calls and images the run would be billed for, and each call with its inputs and exact body.
     */
    public static ObjectNode plan(Plan plan) {
        ObjectNode node = decision(plan.decision(), plan.warnings());
        node.put("calls", plan.calls().size());
        node.put("images", plan.outputs());
        ArrayNode requests = node.putArray("requests");
        for (Call call : plan.calls()) {
            ObjectNode request = requests.addObject().put("url", call.url());
            strings(request.putArray("inputs"), call.inputs());
            request.put("images", call.outputs());
            request.set("body", call.body());
        }
        return node;
    }

    /**
     * A run's document: the decision's endpoint, mode and warnings, and per call its request id,
     * inputs, status, saved outputs, skipped outputs and error; after an interruption, what
     * cancelling each unfinished request achieved.
     */
    public static ObjectNode run(RunResult result) {
        List<Runner.Report> resumable = result.resumable();
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("endpoint", result.endpoint());
        doc.put("mode", result.mode());
        strings(doc.putArray("warnings"), result.warnings());
        ArrayNode requests = doc.putArray("requests");
        for (Runner.Report report : result.reports()) {
            ObjectNode r = requests.addObject();
            r.put("request_id", report.requestId());
            strings(r.putArray("inputs"), report.inputs());
            r.put("status", report.status());
            ArrayNode outputs = r.putArray("outputs");
            report.outputs().forEach(o -> outputs.addObject().put("url", o.url()).put("path", o.path().toString()));
            ArrayNode skipped = r.putArray("skipped");
            report.skipped().forEach(k -> skipped.addObject().put("url", k.url()).put("reason", k.reason()));
            r.put("error", report.error());
            if (resumable.contains(report)) {
                r.put("resume", "edit resume " + report.requestId());
            }
        }
        if (!result.cancels().isEmpty()) {
            ObjectNode cancels = doc.putObject("cancels");
            result.cancels().forEach(cancels::put);
        }
        if (result.exitCode() != ExitCode.OK) {
            // The same error object as every other failure's document: an agent checks it first.
            doc.putObject("error").put("exit_code", result.exitCode().code()).put("message", result.failure());
        }
        return doc;
    }

    /** Each endpoint: what it is for, how it takes images and a mask, its options and their allowed values, its schema. */
    public static ArrayNode models(List<Endpoint> endpoints) {
        ArrayNode doc = MAPPER.createArrayNode();
        for (Endpoint e : endpoints) {
            ObjectNode node = doc.addObject();
            node.put("id", e.id()).put("model", e.model()).put("title", e.title()).put("purpose", e.purpose());
            node.putObject("images").put("field", e.images().field()).put("per_call", e.images().perCall()).put("several", e.images().several());
            node.put("mask", e.maskField());
            ObjectNode options = node.putObject("options");
            e.options().forEach((name, spec) -> options.putObject(name).put("field", spec.field()).put("allowed", e.allowed(spec)));
            node.set("schema", e.schema());
        }
        return doc;
    }

    /** Journal entries, newest first, with their status said plainly (not_collected, download_failed). */
    public static ArrayNode jobs(List<Journal.Entry> entries) {
        ArrayNode doc = MAPPER.createArrayNode();
        for (Journal.Entry e : entries) {
            ObjectNode node = doc.addObject().put("request_id", e.requestId()).put("time", e.time()).put("endpoint", e.endpoint())
                    .put("status", Requests.shownStatus(e)).put("prompt", e.prompt()).put("output_dir", e.outputDir())
                    .put("api_base", e.apiBase().isEmpty() ? null : e.apiBase()).put("sandbox", Requests.isSandbox(e));
            strings(node.putArray("inputs"), e.inputs());
            strings(node.putArray("paths"), e.paths());
            node.put("error", e.error());
        }
        return doc;
    }

    public static ObjectNode features(Features features) {
        return MAPPER.valueToTree(features);
    }

    public static ObjectNode error(int exitCode, String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.putObject("error").put("exit_code", exitCode).put("message", message);
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    public static String pretty(Object node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String line(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
