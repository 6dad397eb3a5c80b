package dev.imageedit.route;

import dev.imageedit.Excerpt;
import java.util.List;

/**
 * How the prompt could be written to work better, from the model documents' guidance. Advice is
 * reported with the warnings and never blocks a run, unless the caller asks for {@code --strict}.
 */
public record Advice(String message) {
    /**
     * Several changes in one prompt: the same edit as one pass per change, written as the command
     * that runs it. Each pass opens with what must not change, as every prompt should.
     */
    public static Advice inPasses(List<String> preservation, List<String> changes) {
        String keep = preservation.stream().map(Advice::sentence).reduce("", (a, b) -> a + b + " ");
        StringBuilder command = new StringBuilder("edit");
        for (int i = 0; i < changes.size(); i++) {
            command.append(i == 0 ? " " : " --then ").append(quoted(keep + sentence(changes.get(i))));
        }
        if (command.length() > LONGEST_COMMAND) {
            // A command too long to read is no help: name the passes by short excerpts instead.
            return new Advice("several changes in one prompt tend to drift; run one pass each (edit … --then …): "
                    + String.join(" | ", changes.stream().limit(4).map(Excerpt::of).toList())
                    + (changes.size() > 4 ? " | … (" + changes.size() + " changes)" : ""));
        }
        return new Advice("several changes in one prompt tend to drift; run one pass each: " + command + " --image …");
    }

    /** The longest suggested command printed whole: a few terminal lines. */
    private static final int LONGEST_COMMAND = 600;

    /** A clause as a sentence of its own: capitalised, ending in a full stop. */
    private static String sentence(String clause) {
        String text = clause.strip();
        if (text.isEmpty()) {
            return text;
        }
        text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return text.matches(".*[.!?。！？]$") ? text : text + ".";
    }

    /** Double quotes for a POSIX shell: only {@code "}, {@code \}, {@code $} and {@code `} need escaping inside. */
    private static String quoted(String text) {
        return "\"" + text.replaceAll("([\"\\\\$`])", "\\\\$1") + "\"";
    }
}
