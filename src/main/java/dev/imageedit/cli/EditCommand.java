package dev.imageedit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.EditException;
import dev.imageedit.intent.EditRequest;
import dev.imageedit.intent.Preservation;
import dev.imageedit.request.Call;
import dev.imageedit.request.Plan;
import dev.imageedit.request.Planner;
import dev.imageedit.route.RoutingError;
import dev.imageedit.run.Credentials;
import dev.imageedit.run.Runner;
import dev.imageedit.run.Sandbox;
import dev.imageedit.workflow.Edit;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Set;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edit PROMPT --image URL ...}: route, validate, and (unless --dry-run) run one edit. */
@Command(name = "edit", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Edit images with the RunComfy Model API: the prompt and inputs choose the model.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  edit \"Keep her face unchanged. Swap the background for a beach\" --image https://example.com/p.jpg",
            "  edit \"Change the headline to 'Summer Sale'\" --image https://example.com/banner.png --dry-run --explain",
            "  edit \"Put the watch from image 2 on the wrist in image 1\" -i https://example.com/1.jpg -i https://example.com/2.jpg --json",
            "  edit \"Fill the masked area with grass\" --image https://example.com/yard.jpg --mask https://example.com/mask.png",
            "  edit \"Give the dog a red bandana\" --image https://example.com/dog.jpg --sandbox    # no account needed",
            "",
            "Exit codes:",
            "  0   success",
            "  64  bad usage: no image, a mask with several images, a --model that cannot take the inputs",
            "  65  bad value: an option outside the endpoint's allowed values, a URL that is not https://",
            "  69  the service failed          75  retry later (timeout, rate limit)",
            "  77  not signed in               130 interrupted",
            "",
            "Environment:",
            "  RUNCOMFY_TOKEN           API token (else the token.json that 'edit login' or 'runcomfy login' wrote)",
            "  RUNCOMFY_MODEL_API_BASE  API base URL (default https://model-api.runcomfy.net/v1)",
            "  XDG_STATE_HOME           where the job journal lives (default ~/.local/state)",
            "  NO_COLOR                 no colour, even on a terminal",
            "",
            "Docs: docs/routing.md (which model, why), docs/cli.md (every option), docs/runner.md (jobs)."})
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

    @Option(names = "--model", paramLabel = "ID", description = "Force an endpoint: nano, gpt, kontext, inpaint, or its model path.")
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

    @Option(names = "--set", paramLabel = "FIELD=VALUE", description = "Any other field of the chosen endpoint's input, e.g. limit_generations=false.")
    Map<String, String> fields = new LinkedHashMap<>();

    @Option(names = "--dry-run", description = "Route, validate and print the requests; send nothing (no token needed).")
    boolean dryRun;

    @Option(names = "--no-wait", description = "Submit, record and print the request ids; do not wait. Fetch later with 'edit resume ID'.")
    boolean noWait;

    @Option(names = "--sandbox", description = "Run against a built-in local simulator of the API: no account, no network, real HTTP.")
    boolean sandbox;

    @Option(names = "--sandbox-fault", paramLabel = "FAULT",
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
        if (!sandboxFaults.isEmpty() && !sandbox) {
            throw EditException.usage("--sandbox-fault goes with --sandbox");
        }
        Set<Sandbox.Fault> faults = Sandbox.Fault.parseAll(sandboxFaults, "--sandbox-fault");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // The simulator stands in for the API: same pipeline, same runner, real HTTP on 127.0.0.1.
        try (Sandbox local = sandbox && !dryRun ? new Sandbox(0, faults, Sandbox.DEFAULT_JOB_TIME, 0, Clock.systemUTC()) : null) {
            Map<String, String> vars = new HashMap<>(env.vars());
            if (local != null) {
                vars.put("RUNCOMFY_MODEL_API_BASE", local.base());
            }
            Pipeline pipeline = Pipeline.build(rules.folder, vars);
            EditRequest request = new EditRequest(Preservation.lead(keep, prompt), images, mask, model, options());
            if (!then.isEmpty()) {
                return inPasses(pipeline, local, vars, request, out, err);
            }
            Plan plan = plan(pipeline, request, err);
            if (strict && !plan.warnings().isEmpty()) {
                throw EditException.data("--strict, and the request has " + plan.warnings().size() + " warning(s); nothing was sent:\n  "
                        + String.join("\n  ", plan.warnings()));
            }
            plan.warnings().forEach(w -> err.println("warning: " + w));
            if (dryRun) {
                printDryRun(out, plan);
                return 0;
            }
            Credentials credentials = new Credentials(vars);
            String token = local != null ? "sandbox" : credentials.require();
            credentials.exposure().ifPresent(w -> err.println("warning: " + w));
            Runner runner = Runs.runner(env, pipeline.apiBase, token, run, noWait, err, local != null ? 0.5 : Runs.POLL_SECONDS);
            if (env.signals()) {
                Interrupts.install(runner);
            }
            List<Runner.Report> reports = runner.run(plan.calls(), plan.decision().model(), request.prompt());
            return Runs.print(out, err, run.json, plan.decision().model(), plan.decision().mode().label(), plan.warnings(), reports, runner);
        }
    }

    /** {@code --then}: the edit as a chain of passes, each routed on its own, run and reported as a workflow of one edit. */
    private int inPasses(Pipeline pipeline, Sandbox local, Map<String, String> vars, EditRequest request, PrintWriter out, PrintWriter err) {
        if (noWait) {
            throw EditException.usage("--no-wait cannot go with --then: each pass starts from the output of the pass before");
        }
        Planner planner = local != null ? pipeline.planner.acceptingSandboxFiles(local.base()) : pipeline.planner;
        Edit edit = Edit.plan(planner, 1, request, keep, then, null, 0);
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
        Credentials credentials = new Credentials(vars);
        String token = local != null ? "sandbox" : credentials.require();
        credentials.exposure().ifPresent(w -> err.println("warning: " + w));
        Runner runner = Runs.runner(env, pipeline.apiBase, token, run, false, err, local != null ? 0.5 : Runs.POLL_SECONDS);
        return WorkflowRuns.run(runner, env, run, "edit", List.of(edit), List.of(), keepPasses,
                run.json ? WorkflowRuns.Format.JSON : WorkflowRuns.Format.HUMAN, out, err);
    }

    /** The plan, with --explain's account of it on stderr whether or not routing succeeded. */
    private Plan plan(Pipeline pipeline, EditRequest request, PrintWriter err) {
        try {
            Plan plan = pipeline.planner.plan(request);
            if (explain) {
                explainTo(err, pipeline, request, plan.decision().rules());
            }
            return plan;
        } catch (RoutingError e) {
            if (explain) {
                explainTo(err, pipeline, request, e.rules());
            }
            throw e;
        }
    }

    private void printDryRun(PrintWriter out, Plan plan) {
        if (run.json) {
            ObjectNode doc = Json.plan(plan);
            if (explain) {
                doc.set("features", Json.features(plan.features()));
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
        fields.forEach((field, value) -> options.put(Planner.SET_PREFIX + field, value));
        return options;
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

    private static void explainTo(PrintWriter err, Pipeline pipeline, EditRequest request, List<String> fired) {
        err.println("features:");
        err.println(Json.pretty(Json.features(pipeline.planner.features(request))));
        err.println("rules fired, in order:");
        fired.forEach(rule -> err.println("  " + rule));
    }
}
