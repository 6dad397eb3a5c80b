package dev.imageedit.intent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One vocabulary category compiled into a single pattern. A term is a phrase matched on word
 * boundaries, with {@code *} after a word for any ending and a space also matching a hyphen; a
 * term in {@code /slashes/} is a regular expression; a term in a script written without spaces
 * (Han, kana, Hangul) matches anywhere.
 */
public final class Terms {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private final Pattern anywhere;
    private final String alternation;

    private Terms(String alternation) {
        this.alternation = alternation;
        this.anywhere = Pattern.compile(alternation, FLAGS);
    }

    public static Terms of(List<String> terms) {
        // Longest first, so that an alternation prefers "tone down" to "tone".
        List<String> sorted = new ArrayList<>(terms);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        List<String> parts = new ArrayList<>();
        for (String term : sorted) {
            parts.add(toRegex(term));
        }
        return new Terms(parts.isEmpty() ? "(?!)" : "(?:" + String.join("|", parts) + ")");
    }

    static String toRegex(String term) {
        String t = term.strip();
        if (t.length() > 2 && t.startsWith("/") && t.endsWith("/")) {
            String regex = t.substring(1, t.length() - 1);
            Pattern.compile(regex); // fail on load, naming nothing vaguely later
            return "(?:" + regex + ")";
        }
        if (!spaced(t)) {
            return Pattern.quote(t);
        }
        List<String> words = new ArrayList<>();
        for (String word : t.split("[\\s-]+")) {
            words.add(word.endsWith("*")
                    ? Pattern.quote(word.substring(0, word.length() - 1)) + "\\p{L}*"
                    : Pattern.quote(word));
        }
        return "(?<![\\p{L}\\p{N}])" + String.join("[\\s-]+", words) + "(?![\\p{L}\\p{N}])";
    }

    /** Whether a term is written in a script that separates words with spaces. */
    private static boolean spaced(String term) {
        return term.codePoints().noneMatch(cp -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            return script == Character.UnicodeScript.HAN
                    || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA
                    || script == Character.UnicodeScript.HANGUL;
        });
    }

    public boolean in(String text) {
        return anywhere.matcher(text).find();
    }

    /** Every non-overlapping occurrence, left to right. */
    public List<String> all(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = anywhere.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    /** The text with every occurrence replaced. */
    public String replaceAll(String text, String replacement) {
        return anywhere.matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
    }

    /** The first occurrence's start, or -1. */
    public int indexIn(String text) {
        Matcher m = anywhere.matcher(text);
        return m.find() ? m.start() : -1;
    }

    /** A pattern that matches these terms at the start of a text, after any of the given fillers. */
    public Pattern atStartAfter(Terms fillers) {
        return Pattern.compile("^\\s*(?:" + fillers.alternation + "\\s*,?\\s*)*" + alternation, FLAGS);
    }
}
