package dev.imageedit.cli;

import dev.imageedit.app.Json;
import dev.imageedit.app.Workspace;
import dev.imageedit.request.Endpoint;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edit models}: the endpoints, what each is for, and the options each takes, from their descriptors. */
@Command(name = "models", mixinStandardHelpOptions = true, addMethodSubcommands = false, versionProvider = Version.class,
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
        List<Endpoint> endpoints = Workspace.of(env.vars(), rules.folder).endpoints().all();
        if (json) {
            out.println(Json.pretty(Json.models(endpoints)));
            return 0;
        }
        for (Endpoint e : endpoints) {
            out.println(e.id() + "  " + e.model() + "  (" + e.title() + ")");
            out.println("  " + e.purpose());
            out.println("  images: " + images(e) + (e.maskField() == null ? "" : "; needs --mask"));
            for (Map.Entry<String, Endpoint.OptionSpec> option : e.options().entrySet()) {
                out.printf("  %-20s %s%n", "--" + option.getKey().replace('_', '-'), e.allowed(option.getValue()));
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
}
