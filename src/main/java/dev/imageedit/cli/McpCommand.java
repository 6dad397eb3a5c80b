package dev.imageedit.cli;

import dev.imageedit.EditException;
import dev.imageedit.app.Workspace;
import dev.imageedit.mcp.EditServer;
import dev.imageedit.run.Sandbox;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code edit mcp}: serve the same tools to agents over the Model Context Protocol (stdio). */
@Command(name = "mcp", mixinStandardHelpOptions = true, addMethodSubcommands = false, versionProvider = Version.class,
        description = {"Serve image-edit as an MCP server on stdin/stdout for agents: plan_edit, run_edit, get_job, list_jobs, "
                + "cancel_job, resume_job, list_models.", "Logs go to stderr; stdout carries protocol messages only."},
        footerHeading = "%nExamples:%n",
        footer = {"  edit mcp                 # the real API: RUNCOMFY_TOKEN in the environment, or 'edit login' first",
            "  edit mcp --sandbox       # the built-in simulator: no account, no network",
            "", "Client set-up for common agents: docs/mcp.md."})
final class McpCommand implements Callable<Integer> {
    private final Env env;

    @Option(names = "--sandbox", description = "Serve against the built-in local simulator of the API (no account, no network).")
    boolean sandbox;

    @Option(names = "--sandbox-fault", paramLabel = "FAULT",
            description = "With --sandbox, act out a failure on every call (see 'edit --help'), e.g. queued: jobs wait to be cancelled.")
    List<String> sandboxFaults = new ArrayList<>();

    @Mixin
    RulesOption rules;

    McpCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        // Protocol messages own stdout: anything else written there would corrupt the stream, so
        // the process's System.out goes to stderr while the server holds the real one.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        System.setOut(System.err);
        if (!sandboxFaults.isEmpty() && !sandbox) {
            throw EditException.usage("--sandbox-fault goes with --sandbox");
        }
        Set<Sandbox.Fault> faults = Sandbox.Fault.parseAll(sandboxFaults, "--sandbox-fault");
        try (Workspace workspace = sandbox ? Workspace.sandboxed(env.vars(), rules.folder, faults) : Workspace.of(env.vars(), rules.folder)) {
            workspace.pipeline(); // load the rules before the first call, and fail now on a bad --rules folder
            System.err.println("edit mcp: serving " + (sandbox ? "on the sandbox" : "the RunComfy Model API") + " over stdio");
            EditServer.serve(workspace, Version.number(), env.stdin(), protocol);
        }
        return 0;
    }
}
