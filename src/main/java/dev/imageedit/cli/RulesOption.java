package dev.imageedit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --rules DIR}, shared by every command that routes. */
final class RulesOption {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "Route with the .drl rules in DIR (and DIR/vocabulary.json, DIR/vocabulary/*.json, DIR/endpoints/*.json when present) "
                    + "instead of the bundled ones. Compiled at start: adds a few seconds.")
    Path folder;
}
