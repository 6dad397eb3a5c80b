package dev.imageedit.cli;

import dev.imageedit.run.Credentials;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code login} and {@code logout}: the token file the official client shares. */
final class AccountCommands {
    private AccountCommands() {
    }

    @Command(name = "login", mixinStandardHelpOptions = true, addMethodSubcommands = false, versionProvider = Version.class,
            description = {"Store your RunComfy API token (from stdin, or typed without echo on a terminal).",
                "It goes where the official 'runcomfy login' keeps it, mode 0600, so both tools share it.",
                "Example: echo \"$TOKEN\" | edit login"},
            footerHeading = "%nExamples:%n", footer = {"  edit login                      # asks, without echo", "  echo \"$TOKEN\" | edit login"})
    static final class Login implements Callable<Integer> {
        private final Env env;

        @Spec
        CommandSpec spec;

        Login(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws IOException {
            String token;
            Console console = System.console();
            if (env.terminal() && console != null) {
                char[] typed = console.readPassword("RunComfy API token: ");
                token = typed == null ? "" : new String(typed);
            } else {
                token = new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8)).readLine();
            }
            Path file = new Credentials(env.vars()).store(token);
            spec.commandLine().getErr().println("signed in: the token is stored in " + file);
            return 0;
        }
    }

    @Command(name = "logout", mixinStandardHelpOptions = true, addMethodSubcommands = false, versionProvider = Version.class, description = "Remove the stored token.",
            footerHeading = "%nExamples:%n", footer = {"  edit logout"})
    static final class Logout implements Callable<Integer> {
        private final Env env;

        @Spec
        CommandSpec spec;

        Logout(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Credentials credentials = new Credentials(env.vars());
            boolean removed = credentials.forget();
            spec.commandLine().getErr().println(removed ? "signed out: removed " + credentials.tokenFile() : "not signed in: no " + credentials.tokenFile());
            return 0;
        }
    }
}
