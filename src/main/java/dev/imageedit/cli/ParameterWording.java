package dev.imageedit.cli;

import dev.imageedit.Excerpt;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What to tell someone whose arguments picocli could not parse, in the tool's own words: the
 * value, what is allowed, what to do. Picocli's messages name its own machinery ("Unmatched
 * arguments from index 1", "Value for option option") rather than the user's mistake.
 */
final class ParameterWording {
    private ParameterWording() {
    }

    static String of(CommandLine.ParameterException e) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            return unmatched(unmatched, command);
        }
        if (e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()) {
            ArgSpec arg = missing.getMissing().get(0);
            if (arg instanceof OptionSpec option) {
                return option.longestName() + " needs a value: " + option.paramLabel();
            }
            String what = String.join(" ", arg.description()).replaceAll("\\.$", "");
            return command + " needs " + arg.paramLabel() + (what.isEmpty() ? "" : " (" + what.toLowerCase(Locale.ROOT) + ")");
        }
        if (e instanceof CommandLine.OverwrittenOptionException twice) {
            return name(twice.getOverwritten()) + " was given more than once: give it once";
        }
        if (e.getCause() instanceof CommandLine.TypeConversionException wrong && e.getArgSpec() != null) {
            // The converters (see Converters) word their messages to follow the option and its value;
            // picocli's own (a flag given "=maybe") repeat the value first: "'maybe' is not a boolean".
            String why = wrong.getMessage().replaceFirst("^'[^']*' ", "");
            String flag = e.getArgSpec().type() == boolean.class || e.getArgSpec().type() == Boolean.class
                    ? ": a flag takes no value (or =true, =false)" : "";
            return name(e.getArgSpec()) + " " + Excerpt.of(String.valueOf(e.getValue())) + " " + why + flag;
        }
        return e.getMessage();
    }

    private static String unmatched(CommandLine.UnmatchedArgumentException e, String command) {
        List<String> extra = e.getUnmatched();
        String words = Excerpt.of(String.join(" ", extra));
        if (e.isUnknownOption() && e.getCommandLine().getCommandSpec().findOption(extra.get(0)) != null) {
            return extra.get(0) + " came after '--', which makes it an argument rather than an option: put it before '--'";
        }
        if (e.isUnknownOption()) {
            List<String> near = e.getSuggestions();
            return Excerpt.of(extra.get(0)) + " is not an option of " + command
                    + (near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near) + "?)");
        }
        if (e.getCommandLine().getCommandSpec().userObject() instanceof EditCommand) {
            return "the prompt must be one argument, but the words '" + words + "' came after it: quote the prompt, "
                    + "e.g. edit \"Give the dog a red hat\" --image https://...";
        }
        return command + " got more arguments than it takes: " + words;
    }

    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }
}
