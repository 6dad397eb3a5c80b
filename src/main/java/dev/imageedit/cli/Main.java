package dev.imageedit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import dev.imageedit.app.Json;
import dev.imageedit.app.Bundled;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The entry point; the only place that exits the process. */
public final class Main {
    /** sysexits' EX_SOFTWARE: a defect in the tool itself. */
    static final int INTERNAL_ERROR = 70;

    private Main() {
    }

    /** Commands that never route: they need none of the bundled rules (models and completion read only the endpoints). */
    private static final Set<String> NOT_ROUTING = Set.of("jobs", "status", "cancel", "resume", "login", "logout", "sandbox",
            "completion", "help", "models");
    /** Options that print and exit before anything routes. */
    private static final Set<String> PRINT_ONLY = Set.of("-h", "--help", "-V", "--version");

    public static void main(String[] args) {
        if (mayRoute(args)) {
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
     * Whether these arguments can reach routing; only then do the rules start loading at once. A
     * wrong guess costs time, never a result: the rules load when first asked for either way.
     */
    static boolean mayRoute(String... args) {
        return args.length > 0 && !NOT_ROUTING.contains(args[0]) && Arrays.stream(args).noneMatch(PRINT_ONLY::contains);
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

    /** The subcommands, in the order help lists them. */
    private static final Map<String, Function<Env, Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("route", RouteCommand::new);
        SUBCOMMANDS.put("batch", BatchCommand::new);
        SUBCOMMANDS.put("models", ModelsCommand::new);
        SUBCOMMANDS.put("jobs", JobCommands.Jobs::new);
        SUBCOMMANDS.put("status", JobCommands.Status::new);
        SUBCOMMANDS.put("cancel", JobCommands.Cancel::new);
        SUBCOMMANDS.put("resume", JobCommands.Resume::new);
        SUBCOMMANDS.put("login", AccountCommands.Login::new);
        SUBCOMMANDS.put("logout", AccountCommands.Logout::new);
        SUBCOMMANDS.put("sandbox", env -> new SandboxCommand());
        SUBCOMMANDS.put("mcp", McpCommand::new);
        SUBCOMMANDS.put("completion", env -> new CompletionCommand());
    }

    /** Arguments that need every subcommand: help lists them, and a completion script covers them. */
    private static final Set<String> ALL_COMMANDS = Set.of("-h", "--help", "-V", "--version", "help", "completion");

    /** Whether --json is among the options (not after "--", where it would be an argument). */
    private static boolean jsonRequested(String[] args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals("--json")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Says what failed on stderr and, with --json, also as the one JSON document on stdout, so a
     * caller parsing stdout always gets a document: {@code {"error": {...}, "requests": []}}. A
     * failure that reaches here happened before any request was submitted (a run that submitted
     * prints its own document, with its request ids).
     */
    private static int fail(CommandLine failed, boolean json, int code, String message) {
        failed.getErr().println("edit: " + message);
        if (json) {
            ObjectNode doc = Json.error(code, message);
            doc.putArray("requests");
            failed.getOut().println(Json.pretty(doc));
            failed.getOut().flush();
        }
        return code;
    }

    static int run(String[] args, Env env, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(env, out, err, args);
        return cli.execute(listPromptsAsArguments(cli.getCommandSpec(), args));
    }

    /**
     * A prompt written as a list ("- Add a hat\n- Keep the face") starts with a dash, which picocli
     * takes for an unknown option. No option starts with a dash and a space, so such a prompt is
     * passed after "--", where picocli reads only arguments; the value of an option that takes one
     * ({@code --then "- Add a scarf"}) stays where it is, and so does everything when "--" is given.
     */
    static String[] listPromptsAsArguments(CommandSpec spec, String... args) {
        if (args.length == 0 || SUBCOMMANDS.containsKey(args[0]) || Arrays.asList(args).contains("--")) {
            return args;
        }
        List<String> options = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        boolean value = false;
        for (String arg : args) {
            if (!value && arg.length() > 1 && arg.charAt(0) == '-' && Character.isWhitespace(arg.charAt(1))) {
                prompts.add(arg);
            } else {
                options.add(arg);
            }
            OptionSpec option = value ? null : spec.findOption(arg);
            value = option != null && option.arity().max() > 0;
        }
        if (prompts.isEmpty()) {
            return args;
        }
        options.add("--");
        options.addAll(prompts);
        return options.toArray(String[]::new);
    }

    /**
     * Picocli builds a model of every command it is given, by reflection, on every start: only the
     * subcommands the arguments name are given, and all of them only for help and completion
     * (which list them). A plain edit, the most frequent call, starts with the top command alone.
     */
    static CommandLine commandLine(Env env, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new EditCommand(env));
        boolean all = args.length == 0 || Arrays.stream(args).anyMatch(ALL_COMMANDS::contains);
        SUBCOMMANDS.forEach((name, command) -> {
            if (all || Arrays.asList(args).contains(name)) {
                cli.addSubcommand(name, command.apply(env));
            }
        });
        // Colour only for a person at a terminal, and never when NO_COLOR is set (no-color.org).
        boolean color = env.terminal() && !env.vars().containsKey("NO_COLOR") && !"dumb".equals(env.vars().get("TERM"));
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(color ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        // Help as wide as the terminal, so that no example wraps inside its URL; 80 columns elsewhere.
        cli.setUsageHelpAutoWidth(env.terminal());
        cli.setOut(out);
        cli.setErr(err);
        boolean json = jsonRequested(args);
        cli.setExitCodeExceptionMapper(e -> e instanceof EditException ee ? ee.exitCode().code() : ExitCode.USAGE.code());
        cli.setParameterExceptionHandler((e, given) -> {
            CommandLine failed = e.getCommandLine();
            fail(failed, json, ExitCode.USAGE.code(), ParameterWording.of(e));
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
            return ExitCode.USAGE.code();
        });
        cli.setExecutionExceptionHandler((e, failed, parseResult) -> {
            if (e instanceof EditException edit) {
                return fail(failed, json, edit.exitCode().code(), edit.getMessage());
            }
            // A defect, not a user error: say so briefly; the trace only when asked for.
            fail(failed, json, INTERNAL_ERROR, "internal error: " + e);
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
