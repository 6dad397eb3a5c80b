package dev.imageedit.cli;

import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The entry point; the only place that exits the process. */
public final class Main {
    /** sysexits' EX_SOFTWARE: a defect in the tool itself. */
    static final int INTERNAL_ERROR = 70;

    private Main() {
    }

    /** Commands that never route: they need none of the bundled rules. */
    private static final java.util.Set<String> NOT_ROUTING = java.util.Set.of("jobs", "status", "cancel", "resume", "login", "logout", "sandbox");

    public static void main(String[] args) {
        if (args.length == 0 || !NOT_ROUTING.contains(args[0])) {
            Bundled.preload();
        }
        // The HTTP client reads 16 KB at a time by default; 256 KB downloads large outputs about
        // twice as fast (as fast as curl here). Read once, when the client classes load: set it first.
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", Integer.toString(256 * 1024));
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, Env.system(), out, err);
        stopHttpSelectors();
        System.exit(code);
    }

    /**
     * HotSpot's exit waits up to ~300 ms for threads blocked in native code, and the JDK 17 HTTP
     * client keeps a selector thread in epoll_wait for as long as the process lives (close() only
     * came in JDK 21). Interrupting it ends its loop, so every command that used HTTP exits at once.
     */
    private static void stopHttpSelectors() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("HttpClient-") && thread.getName().endsWith("-SelectorManager")) {
                thread.interrupt();
                try {
                    thread.join(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    static int run(String[] args, Env env, PrintWriter out, PrintWriter err) {
        return commandLine(env, out, err).execute(args);
    }

    static CommandLine commandLine(Env env, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new EditCommand(env));
        cli.addSubcommand(new RouteCommand(env));
        cli.addSubcommand(new ModelsCommand(env));
        cli.addSubcommand(new JobCommands.Jobs(env));
        cli.addSubcommand(new JobCommands.Status(env));
        cli.addSubcommand(new JobCommands.Cancel(env));
        cli.addSubcommand(new JobCommands.Resume(env));
        cli.addSubcommand(new AccountCommands.Login(env));
        cli.addSubcommand(new AccountCommands.Logout(env));
        cli.addSubcommand(new SandboxCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> e instanceof EditException ee ? ee.exitCode().code() : ExitCode.USAGE.code());
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("edit: " + e.getMessage());
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
            return ExitCode.USAGE.code();
        });
        cli.setExecutionExceptionHandler((e, failed, parseResult) -> {
            if (e instanceof EditException edit) {
                failed.getErr().println("edit: " + edit.getMessage());
                return edit.exitCode().code();
            }
            // A defect, not a user error: say so briefly; the trace only when asked for.
            failed.getErr().println("edit: internal error: " + e);
            if (env.vars().containsKey("IMAGE_EDIT_DEBUG")) {
                e.printStackTrace(failed.getErr());
            } else {
                failed.getErr().println("Set IMAGE_EDIT_DEBUG=1 for the stack trace, and please report it.");
            }
            return INTERNAL_ERROR;
        });
        return cli;
    }
}
