package dev.imageedit.intent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds quoted spans in a prompt and masks them, so that words inside a quote (the text the image
 * should show) are never read as instructions, and punctuation inside one never splits a clause.
 */
final class Quotes {
    /** A masked span reads {@code \uE000<index>\uE001} in the masked text. */
    static final char OPEN_MARK = '\uE000';
    static final char CLOSE_MARK = '\uE001';

    private static final Map<Character, String> CLOSERS = Map.of(
            '"', "\"",
            '\'', "'",
            '“', "”“",
            '‘', "’",
            '「', "」",
            '『', "』",
            '«', "»",
            '„', "“”",
            '‹', "›");

    record Masked(String text, List<String> spans) {
        /** The indexes of the spans that a piece of masked text contains. */
        List<String> spansIn(String piece) {
            List<String> found = new ArrayList<>();
            int at = piece.indexOf(OPEN_MARK);
            while (at >= 0) {
                int end = piece.indexOf(CLOSE_MARK, at);
                if (end < 0) {
                    break;
                }
                found.add(spans.get(Integer.parseInt(piece.substring(at + 1, end))));
                at = piece.indexOf(OPEN_MARK, end);
            }
            return found;
        }
    }

    private Quotes() {
    }

    static Masked mask(String prompt) {
        StringBuilder out = new StringBuilder(prompt.length());
        List<String> spans = new ArrayList<>();
        int i = 0;
        while (i < prompt.length()) {
            char c = prompt.charAt(i);
            int close = CLOSERS.containsKey(c) && opens(prompt, i) ? closing(prompt, i) : -1;
            if (close < 0) {
                out.append(c);
                i++;
                continue;
            }
            out.append(OPEN_MARK).append(spans.size()).append(CLOSE_MARK);
            spans.add(prompt.substring(i + 1, close));
            i = close + 1;
        }
        return new Masked(out.toString(), spans);
    }

    /** A straight or curly single quote opens only at a word's start: "it's" is not a quote. */
    private static boolean opens(String s, int i) {
        char c = s.charAt(i);
        if (c != '\'' && c != '‘') {
            return true;
        }
        boolean startOfWord = i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1));
        return startOfWord && i + 1 < s.length() && !Character.isWhitespace(s.charAt(i + 1));
    }

    private static int closing(String s, int open) {
        String closers = CLOSERS.get(s.charAt(open));
        boolean apostrophes = s.charAt(open) == '\'' || s.charAt(open) == '‘';
        for (int j = open + 2; j < s.length(); j++) {
            if (closers.indexOf(s.charAt(j)) < 0) {
                continue;
            }
            // Inside 'single quotes' an apostrophe followed by a letter ("don't") does not close.
            if (apostrophes && j + 1 < s.length() && Character.isLetter(s.charAt(j + 1))) {
                continue;
            }
            return j;
        }
        return -1;
    }

    /** The scripts other than Latin whose letters a span contains, by Unicode script name. */
    static Set<String> nonLatinScripts(String span) {
        Set<String> scripts = new TreeSet<>();
        span.codePoints().filter(Character::isLetter).forEach(cp -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script != Character.UnicodeScript.LATIN
                    && script != Character.UnicodeScript.COMMON
                    && script != Character.UnicodeScript.INHERITED) {
                scripts.add(script.name());
            }
        });
        return scripts;
    }
}
