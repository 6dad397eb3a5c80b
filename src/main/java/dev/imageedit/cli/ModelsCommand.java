package dev.imageedit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.request.Endpoint;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edit models}: the endpoints, what each is for, and the options each takes, from their descriptors. */
@Command(name = "models", mixinStandardHelpOptions = true, versionProvider = Version.class,
        footerHeading = "%nExamples:%n", footer = {"  edit models", "  edit models --json"},
        description = "List the endpoints, what each is for, and the options each takes.")
final class ModelsCommand implements Callable<Integer> {
    private final Env env;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;

    @Mixin
    RulesOption rules;

    ModelsCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Endpoint> endpoints = Pipeline.build(rules.folder, env.vars()).endpoints.all();
        if (json) {
            ArrayNode doc = Json.MAPPER.createArrayNode();
            endpoints.forEach(e -> doc.add(describe(e)));
            out.println(Json.pretty(doc));
            return 0;
        }
        for (Endpoint e : endpoints) {
            out.println(e.id() + "  " + e.model() + "  (" + e.title() + ")");
            out.println("  " + e.purpose());
            out.println("  images: " + images(e) + (e.maskField() == null ? "" : "; needs --mask"));
            for (Map.Entry<String, Endpoint.OptionSpec> option : e.options().entrySet()) {
                out.printf("  %-20s %s%n", "--" + option.getKey().replace('_', '-'), allowed(e, option.getValue()));
            }
            out.println();
        }
        return 0;
    }

    private static String images(Endpoint e) {
        return e.images().several().equals("references")
                ? "1 or more (one call each; up to " + e.images().perCall() + " composed in one call when the prompt combines them)"
                : "exactly 1";
    }

    private static String allowed(Endpoint e, Endpoint.OptionSpec spec) {
        if (spec.values() != null) {
            return String.join(" | ", spec.values().keySet());
        }
        JsonNode property = e.schema().path("properties").path(spec.field());
        if (property.has("enum")) {
            List<String> values = new ArrayList<>();
            property.path("enum").forEach(v -> values.add(v.asText()));
            return String.join(" | ", values);
        }
        String type = property.path("type").asText("string");
        if (property.has("minimum") || property.has("maximum")) {
            return type + " " + property.path("minimum").asText("") + " to " + property.path("maximum").asText("");
        }
        return type.equals("boolean") ? "flag" : type;
    }

    private static ObjectNode describe(Endpoint e) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", e.id()).put("model", e.model()).put("title", e.title()).put("purpose", e.purpose());
        node.putObject("images").put("field", e.images().field()).put("per_call", e.images().perCall()).put("several", e.images().several());
        node.put("mask", e.maskField());
        ObjectNode options = node.putObject("options");
        e.options().forEach((name, spec) -> options.putObject(name).put("field", spec.field()).put("allowed", allowed(e, spec)));
        node.set("schema", e.schema());
        return node;
    }
}
