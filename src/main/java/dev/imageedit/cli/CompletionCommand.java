package dev.imageedit.cli;

import dev.imageedit.EditException;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edit completion bash|zsh}: a completion script for every command and option. */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Print a shell completion script for edit.",
        footerHeading = "%nExamples:%n",
        footer = {"  source <(edit completion bash)       # in ~/.bashrc", "  source <(edit completion zsh)        # in ~/.zshrc"})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw EditException.usage("completion " + shell + ": the shells are bash and zsh");
        }
        // picocli's script serves both: under zsh it loads bashcompinit itself.
        spec.commandLine().getOut().print(AutoComplete.bash("edit", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
