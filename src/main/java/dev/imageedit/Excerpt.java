package dev.imageedit;

/**
 * A short, one-line excerpt of user text (a prompt, a URL, stray arguments) for a message that
 * quotes it: a message that echoes a 10,000-character prompt in full cannot be read.
 */
public final class Excerpt {
    /** Long enough to recognise the text, short enough to leave a message on one terminal line. */
    public static final int LENGTH = 60;

    private Excerpt() {
    }

    /** The text on one line, cut to {@link #LENGTH} characters with its full length named when cut. */
    public static String of(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        if (line.codePointCount(0, line.length()) <= LENGTH) {
            return line;
        }
        // Cut between code points, never inside a surrogate pair.
        return line.substring(0, line.offsetByCodePoints(0, LENGTH - 1)) + "… (" + text.length() + " characters)";
    }
}
