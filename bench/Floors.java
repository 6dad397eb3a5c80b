package dev.imageedit.cli;

import dev.imageedit.route.RuleBase;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One part of a dry run's start-up alone, for bench/startup.sh: what the whole cannot start faster
 * than. In the product's package, to build the same picocli tree a dry run builds.
 *   rules    builds the bundled rule base, as the rules thread does;
 *   picocli  builds and parses the command line of a dry run, as the main thread does.
 */
final class Floors {
    private Floors() {
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "rules" -> RuleBase.bundled();
            case "picocli" -> {
                String[] dryRun = {"Keep her face unchanged. Swap the background for a beach", "--image",
                    "https://example.com/p.jpg", "--dry-run", "--json"};
                PrintWriter sink = new PrintWriter(new StringWriter());
                Main.commandLine(Env.system(), sink, sink, dryRun).parseArgs(dryRun);
            }
            default -> throw new IllegalArgumentException("rules or picocli, not " + args[0]);
        }
        System.out.println(args[0]);
    }
}
