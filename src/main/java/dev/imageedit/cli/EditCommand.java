package dev.imageedit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.EditException;
import dev.imageedit.Excerpt;
import dev.imageedit.app.EditInput;
import dev.imageedit.app.Edits;
import dev.imageedit.app.Json;
import dev.imageedit.app.RunResult;
import dev.imageedit.app.RunSettings;
import dev.imageedit.app.Workspace;
import dev.imageedit.intent.EditRequest;
import dev.imageedit.intent.Features;
import dev.imageedit.request.Call;
import dev.imageedit.request.Plan;
import dev.imageedit.request.Planner;
import dev.imageedit.route.RoutingError;
import dev.imageedit.run.Sandbox;
import dev.imageedit.workflow.Edit;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edit PROMPT --image URL ...}: route, validate, and (unless --dry-run) run one edit. */
@Command(name = "edit", mixinStandardHelpOptions = true, addMethodSubcommands = false, versionProvider = Version.class, sortOptions = false,
        description = "Edit images with the RunComfy Model API: the prompt and inputs choose the model.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  edit \"Keep her face unchanged. Swap the background for a beach\" \\",
            "       --image https://example.com/p.jpg",
            "  edit \"Keep the layout unchanged. Change the headline to 'Summer Sale'\" \\",
            "       --image https://example.com/banner.png --dry-run --explain",
            "  edit \"Keep the pose. Put the watch from image 2 on the wrist in image 1\" \\",
            "       -i https://example.com/1.jpg -i https://example.com/2.jpg --json",
            "  edit \"Fill the masked area with grass\" --image https://example.com/yard.jpg \\",
            "       --mask https://example.com/mask.png",
            "  edit \"Keep the dog's pose unchanged. Give the dog a red bandana\" \\",
            "       --image https://example.com/dog.jpg --sandbox      # no account needed",
            "",
            "Exit codes:",
            "  0   success",
            "  64  bad usage: no image, an unknown option, a --model that cannot take the inputs",
            "  65  bad value: outside the endpoint's allowed values, a URL that is not https://",
            "  69  the service or the job failed",
            "  70  internal error: a defect in edit itself (please report it)",
            "  73  an output could not be written (folder not writable, disk full)",
            "  75  retry later: timeout, rate limit ('edit resume ID' picks the job up again)",
            "  77  not signed in, or the token was rejected",
            "  130 interrupted (Ctrl-C): queued requests are cancelled",
            "With --json, every failure also prints one document on stdout:",
            "  {\"error\": {\"exit_code\": N, \"message\": \"...\"}, \"requests\": [...]}",
            "",
            "Environment:",
            "  RUNCOMFY_TOKEN           API token (else the token.json of 'edit login')",
            "  RUNCOMFY_MODEL_API_BASE  API base URL, by default",
            "                           https://model-api.runcomfy.net/v1",
            "  XDG_STATE_HOME           where the job journal lives (default ~/.local/state)",
            "  NO_COLOR                 no colour and no escape codes, even on a terminal",
            "",
            "Docs: docs/cli.md (every option), docs/routing.md (which model and why),",
            "      docs/runner.md (jobs)."})
final class EditCommand implements Callable<Integer> {
    private final Env env;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROMPT", description = "What to change, in any language.")
    String prompt;

    @Option(names = {"-i", "--image"}, paramLabel = "URL", description = "Source image (public https:// URL); repeat for several.")
    List<String> images = new ArrayList<>();

    @Option(names = {"-m", "--mask"}, paramLabel = "URL", description = "Mask image: white is repainted, black kept (routes to inpainting).")
    String mask;

    @Option(names = "--model", paramLabel = "ID", completionCandidates = CompletionCommand.EndpointIds.class,
            description = "Force an endpoint: nano, gpt, kontext, inpaint, or its model path.")
    String model;

    @Option(names = "--seed", paramLabel = "N", description = "Seed (nano, kontext, inpaint).")
    String seed;

    @Option(names = "--aspect-ratio", paramLabel = "W:H", description = "Output aspect ratio, e.g. 16:9 (nano also takes auto).")
    String aspectRatio;

    @Option(names = "--resolution", paramLabel = "R", description = "0.5K, 1K, 2K or 4K (nano); 1k, 2k or 4k (gpt).")
    String resolution;

    @Option(names = "--output-format", paramLabel = "F", description = "png, jpeg or webp (nano, gpt).")
    String outputFormat;

    @Option(names = {"-n", "--num-images"}, paramLabel = "N", description = "Outputs per call, 1-4 (nano); more than 1 routes to nano.")
    String numImages;

    @Option(names = "--quality", paramLabel = "Q", description = "low, medium or high (gpt).")
    String quality;

    @Option(names = "--safety-tolerance", paramLabel = "N", description = "1 (strict) to 6 (nano).")
    String safetyTolerance;

    @Option(names = "--web-search", description = "Let the model search the web (nano; slower, costs more).")
    boolean webSearch;

    @Option(names = "--strength", paramLabel = "X", description = "0-1: 0.3-0.6 retouch, 0.7-1 replace (inpaint).")
    String strength;

    @Option(names = "--control-scale", paramLabel = "X", description = "0-1, 0.6-0.9 typical (inpaint).")
    String controlScale;

    @Option(names = "--size", paramLabel = "S", description = "GPT Image's older sizes: auto, 1024_1024, 1024_1536, 1536_1024 (mapped to aspect ratio).")
    String size;

    @Option(names = "--set", paramLabel = "FIELD=VALUE",
            description = "Any other field of the chosen endpoint's input, e.g. limit_generations=false; repeat for several fields.")
    List<String> fields = new ArrayList<>();

    @Option(names = "--dry-run", description = "Route, validate and print the requests; send nothing (no token needed).")
    boolean dryRun;

    @Option(names = "--no-wait", description = "Submit, record and print the request ids; do not wait. Fetch later with 'edit resume ID'.")
    boolean noWait;

    @Option(names = "--sandbox", description = "Run against a built-in local simulator of the API: no account, no network, real HTTP.")
    boolean sandbox;

    @Option(names = "--sandbox-fault", paramLabel = "FAULT", completionCandidates = CompletionCommand.FaultNames.class,
            description = "With --sandbox, act out a failure to see how a caller copes: rate-limit, server-error, unauthorized, "
                    + "invalid, failed-job, one-failed-job, slow, queued, truncated, not-an-image, untrusted-output, traversal-output.")
    List<String> sandboxFaults = new ArrayList<>();

    @Option(names = "--explain", description = "Also print the features read from the request and every rule that fired.")
    boolean explain;

    @Option(names = "--keep", paramLabel = "LIST",
            description = "What must not change, e.g. \"face, pose, clothing\": prepends \"Keep the face, pose and clothing unchanged.\"")
    String keep;

    @Option(names = "--then", paramLabel = "PROMPT",
            description = "A further pass on each output of the pass before, routed on its own; repeat for more passes.")
    List<String> then = new ArrayList<>();

    @Option(names = "--keep-passes", description = "With --then: also save every earlier pass's outputs, not only the last's.")
    boolean keepPasses;

    @Option(names = "--strict", description = "Treat any warning or prompt advice as an error (exit 65): nothing is sent.")
    boolean strict;

    @Mixin
    RulesOption rules;

    @Mixin
    RunOptions run;

    EditCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        if (prompt == null && images.isEmpty()) {
            spec.commandLine().usage(spec.commandLine().getErr());
        }
        if (prompt == null) {
            throw EditException.usage("no prompt: say what to change, e.g. edit \"Replace the background with a beach\" --image https://...");
        }
        if (keep != null && keep.isBlank()) {
            throw EditException.usage("--keep is empty: list what must not change, e.g. --keep \"face, pose, clothing\", or leave it out");
        }
        if (model != null && model.isBlank()) {
            throw EditException.usage("--model is empty: give an endpoint (nano, gpt, kontext, inpaint, or a model path; see 'edit models'), "
                    + "or leave --model out to let the rules choose");
        }
        if (!sandboxFaults.isEmpty() && !sandbox) {
            throw EditException.usage("--sandbox-fault goes with --sandbox");
        }
        if (sandbox && noWait && !dryRun) {
            throw EditException.usage("--no-wait cannot go with --sandbox: the sandbox ends with this command, so its job could never be collected");
        }
        Set<Sandbox.Fault> faults = Sandbox.Fault.parseAll(sandboxFaults, "--sandbox-fault");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EditInput input = new EditInput(prompt, images, mask, model, keep, options());
        // The simulator stands in for the API: same pipeline, same runner, real HTTP on 127.0.0.1.
        try (Workspace workspace = sandbox && !dryRun ? Workspace.sandboxed(env.vars(), rules.folder, faults)
                : Workspace.of(env.vars(), rules.folder)) {
            Edits edits = new Edits(workspace);
            if (!then.isEmpty()) {
                return inPasses(workspace, edits.request(input), out, err);
            }
            Plan plan = plan(edits, input, err);
            if (strict) {
                Edits.checkStrict(plan, "--strict");
            }
            plan.warnings().forEach(w -> err.println("warning: " + w));
            if (dryRun) {
                printDryRun(out, edits, input, plan);
                return 0;
            }
            RunSettings settings = run.settings(noWait);
            workspace.tokenWarning().ifPresent(w -> err.println("warning: " + w));
            RunResult result = edits.run(plan, edits.request(input).prompt(), settings, Runs.progress(env, run, err), runner -> {
                if (env.signals()) {
                    Interrupts.install(runner);
                }
            });
            return Runs.print(out, err, run, result);
        }
    }

    /** {@code --then}: the edit as a chain of passes, each routed on its own, run and reported as a workflow of one edit. */
    private int inPasses(Workspace workspace, EditRequest request, PrintWriter out, PrintWriter err) {
        if (noWait) {
            throw EditException.usage("--no-wait cannot go with --then: each pass starts from the output of the pass before");
        }
        Edit edit = Edit.plan(workspace.planner(), 1, request, keep, then, null, 0);
        List<String> warnings = edit.passes().stream().flatMap(p -> p.plan().warnings().stream()).toList();
        if (strict && !warnings.isEmpty()) {
            throw EditException.data("--strict, and the passes have " + warnings.size() + " warning(s); nothing was sent:\n  "
                    + String.join("\n  ", warnings));
        }
        WorkflowRuns.warn(err, List.of(edit), false);
        if (dryRun) {
            WorkflowRuns.dryRun(out, env, run, "edit", List.of(edit), List.of(), run.json);
            return 0;
        }
        workspace.tokenWarning().ifPresent(w -> err.println("warning: " + w));
        return WorkflowRuns.run(workspace, env, run, "edit", List.of(edit), List.of(), keepPasses,
                run.json ? WorkflowRuns.Format.JSON : WorkflowRuns.Format.HUMAN, out, err);
    }

    /** The plan, with --explain's account of it on stderr whether or not routing succeeded. */
    private Plan plan(Edits edits, EditInput input, PrintWriter err) {
        try {
            Plan plan = edits.plan(input);
            if (explain) {
                explainTo(err, edits.features(input), plan.decision().rules());
            }
            return plan;
        } catch (RoutingError e) {
            if (explain) {
                explainTo(err, edits.features(input), e.rules());
            }
            throw e;
        }
    }

    private void printDryRun(PrintWriter out, Edits edits, EditInput input, Plan plan) {
        if (run.json) {
            ObjectNode doc = Json.plan(plan);
            if (explain) {
                doc.set("features", Json.features(edits.features(input)));
            }
            out.println(Json.pretty(doc));
        } else {
            printPlan(out, plan);
        }
    }

    private Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("seed", seed);
        options.put("aspect_ratio", aspectRatio);
        options.put("resolution", resolution);
        options.put("output_format", outputFormat);
        options.put("num_images", numImages);
        options.put("quality", quality);
        options.put("safety_tolerance", safetyTolerance);
        options.put("web_search", webSearch ? Boolean.TRUE : null);
        options.put("strength", strength);
        options.put("control_scale", controlScale);
        options.put("size", size);
        options.values().removeIf(v -> v == null);
        setFields().forEach((field, value) -> options.put(Planner.SET_PREFIX + field, value));
        return options;
    }

    /** --set FIELD=VALUE, each field once: a repeated field is the same mistake as a repeated --seed. */
    private Map<String, String> setFields() {
        Map<String, String> byField = new LinkedHashMap<>();
        for (String pair : fields) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw EditException.usage("--set " + Excerpt.of(pair) + " is not FIELD=VALUE, e.g. --set limit_generations=false "
                        + "('edit models' lists each endpoint's fields)");
            }
            String field = pair.substring(0, equals).strip();
            String value = pair.substring(equals + 1);
            if (byField.containsKey(field)) {
                throw EditException.usage("--set " + field + " was given more than once (" + Excerpt.of(byField.get(field)) + ", "
                        + Excerpt.of(value) + "): give it once");
            }
            byField.put(field, value);
        }
        return byField;
    }

    private static void printPlan(PrintWriter out, Plan plan) {
        out.println("endpoint  " + plan.decision().model() + " (" + plan.decision().endpoint() + ")");
        out.println("mode      " + plan.decision().mode().label() + ": " + plan.size());
        out.println("reason    " + plan.decision().reason());
        int n = 1;
        for (Call call : plan.calls()) {
            out.println();
            out.println("request " + n++ + ": POST " + call.url());
            out.println(Json.pretty(call.body()));
        }
    }

    private static void explainTo(PrintWriter err, Features features, List<String> fired) {
        err.println("features:");
        err.println(Json.pretty(Json.features(features)));
        err.println("rules fired, in order:");
        fired.forEach(rule -> err.println("  " + rule));
    }
}
