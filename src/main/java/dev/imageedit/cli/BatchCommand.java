package dev.imageedit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import dev.imageedit.app.Json;
import dev.imageedit.app.Workspace;
import dev.imageedit.workflow.Manifest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edit batch FILE}: many different edits, one JSON line each, planned together and run
 * through one runner. Running it again finishes what an earlier run left, paying for nothing twice.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, addMethodSubcommands = false, versionProvider = Version.class,
        description = {
            "Run a manifest of edits: one JSON object a line (an 'edit route' line plus \"name\" and \"then\").",
            "Every line is planned before anything is sent; any bad line stops the run (exit 65) unless --skip-invalid.",
            "Run the same command again after a crash, Ctrl-C or failures: only what was never submitted is submitted."},
        footerHeading = "%nExamples:%n",
        footer = {"  edit batch catalogue.jsonl -o out/",
            "  edit batch catalogue.jsonl -o out/ --dry-run      # what a (re-)run would do",
            "  edit batch - --jsonl < campaign.jsonl",
            "",
            "A line: {\"name\": \"sku-1\", \"prompt\": \"...\", \"images\": [\"https://...\"], \"keep\": \"logo\", \"options\": {\"seed\": 7},",
            "         \"then\": [\"Add the headline 'SALE' at the top\"]}",
            "",
            "Docs: docs/workflows.md."})
final class BatchCommand implements Callable<Integer> {
    private final Env env;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The manifest (JSON lines), or - for stdin.")
    String file;

    @Option(names = "--skip-invalid", description = "Run the lines that plan cleanly and report the others (exit 65 after).")
    boolean skipInvalid;

    @Option(names = "--dry-run", description = "Plan every line and say what a run would do, given the journal; send nothing.")
    boolean dryRun;

    @Option(names = "--jsonl", description = "Print a JSON line per edit on stdout as each ends (instead of --json's one document).")
    boolean jsonl;

    @Option(names = "--keep-passes", description = "Also save the outputs of every pass before a line's last.")
    boolean keepPasses;

    @Option(names = "--sandbox", description = "Run against the built-in local simulator of the API (no account, no network).")
    boolean sandbox;

    @Mixin
    RulesOption rules;

    @Mixin
    RunOptions run;

    BatchCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        if (jsonl && run.json) {
            throw EditException.usage("--json and --jsonl: choose one (one document at the end, or a line per edit as each ends)");
        }
        List<String> lines = read();
        String source = file.equals("-") ? "-" : Path.of(file).toAbsolutePath().normalize().toString();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace workspace = sandbox && !dryRun ? Workspace.sandboxed(env.vars(), rules.folder, Set.of())
                : Workspace.of(env.vars(), rules.folder)) {
            Manifest manifest = Manifest.plan(source, lines, workspace.planner());
            if (!manifest.invalid().isEmpty() && !skipInvalid) {
                if (run.json) {
                    ObjectNode doc = Json.MAPPER.createObjectNode().put("manifest", source);
                    WorkflowRuns.invalid(doc.putArray("invalid"), manifest.invalid());
                    out.println(Json.pretty(doc));
                }
                manifest.invalid().forEach(i -> err.println("edit: line " + i.line() + ": " + i.message()));
                err.println("edit: " + manifest.invalid().size() + " of " + (manifest.invalid().size() + manifest.edits().size())
                        + " lines cannot run; nothing was sent. Fix them, or run the others with --skip-invalid");
                return ExitCode.DATA.code();
            }
            WorkflowRuns.warn(err, manifest.edits(), true);
            if (dryRun) {
                WorkflowRuns.dryRun(out, env, run, source, manifest.edits(), manifest.invalid(), run.json);
                return manifest.invalid().isEmpty() ? 0 : ExitCode.DATA.code();
            }
            workspace.tokenWarning().ifPresent(w -> err.println("warning: " + w));
            WorkflowRuns.Format format = jsonl ? WorkflowRuns.Format.JSONL : run.json ? WorkflowRuns.Format.JSON : WorkflowRuns.Format.HUMAN;
            return WorkflowRuns.run(workspace, env, run, source, manifest.edits(), manifest.invalid(), keepPasses, format, out, err);
        }
    }

    private List<String> read() throws IOException {
        if (file.equals("-")) {
            return new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8)).lines().toList();
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw EditException.usage(file + " is not a file: give a manifest of JSON lines, or - for stdin");
        }
        return Files.readAllLines(path, StandardCharsets.UTF_8);
    }
}
