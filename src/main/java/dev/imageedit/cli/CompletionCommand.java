package dev.imageedit.cli;

import dev.imageedit.app.Bundled;
import dev.imageedit.EditException;
import dev.imageedit.request.Endpoint;
import dev.imageedit.run.Sandbox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edit completion bash}: a completion script for every command and option, and the values
 * of {@code --model} and {@code --sandbox-fault}. The one script serves zsh as well: it loads zsh's
 * bashcompinit itself, so there is no separate zsh script pretending to be one.
 */
@Command(name = "completion", mixinStandardHelpOptions = true, addMethodSubcommands = false, versionProvider = Version.class,
        description = {"Print a shell completion script for edit (bash; zsh sources the same script).",
            "It completes commands, options, --model endpoint ids and --sandbox-fault names."},
        footerHeading = "%nExamples:%n",
        footer = {"  source <(edit completion bash)       # in ~/.bashrc, or in ~/.zshrc for zsh"})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash; zsh sources the same script.")
    String shell;

    @Override
    public Integer call() {
        if (shell.equals("zsh")) {
            throw EditException.usage("completion zsh: zsh uses the bash script, which loads zsh's bashcompinit itself: "
                    + "put 'source <(edit completion bash)' in ~/.zshrc");
        }
        if (!shell.equals("bash")) {
            throw EditException.usage("completion " + shell + ": the script is for bash (and zsh, which sources the bash script)");
        }
        spec.commandLine().getOut().print(AutoComplete.bash("edit", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The values --model takes: the endpoint ids and model paths. Read only when a script is written. */
    static final class EndpointIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> ids = new ArrayList<>();
            for (Endpoint endpoint : Bundled.endpoints().all()) {
                ids.add(endpoint.id());
                ids.add(endpoint.model());
            }
            return ids.iterator();
        }
    }

    /** The names --sandbox-fault and sandbox --fault take. */
    static final class FaultNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Sandbox.Fault.values()).map(f -> f.name().toLowerCase(Locale.ROOT).replace('_', '-')).iterator();
        }
    }
}
