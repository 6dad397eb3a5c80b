package dev.imageedit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.intent.Features;
import dev.imageedit.request.Call;
import dev.imageedit.request.Plan;
import dev.imageedit.route.Decision;
import java.util.List;

/** The JSON documents the command line prints; their fields are documented in docs/cli.md. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Json() {
    }

    /** {@code endpoint, mode, rules, reason, warnings}: the decision alone, as {@code route} prints it. */
    static ObjectNode decision(Decision decision, List<String> warnings) {
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
    static ObjectNode plan(Plan plan) {
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

    static ObjectNode features(Features features) {
        return MAPPER.valueToTree(features);
    }

    static ObjectNode error(int exitCode, String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.putObject("error").put("exit_code", exitCode).put("message", message);
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    static String pretty(Object node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String line(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
