package dev.imageedit.intent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into words: runs of letters and digits, with an apostrophe inside a word kept
 * ("don't"). The marks that stand for a named model or a quoted span are words of their own,
 * spelled {@code {model}} and {@code {quote}}, so vocabulary phrases can mention them.
 */
final class Words {
    static final char MODEL_MARK = '\uE002';

    record Word(String text, int start, int end) {
    }

    /** A text and its words, split once however many categories look at it. */
    static final class Text {
        final String value;
        private List<Word> words;

        Text(String value) {
            this.value = value;
        }

        List<Word> words() {
            if (words == null) {
                words = of(value);
            }
            return words;
        }

        /** Whether any of it is in a script written without spaces. */
        boolean unspaced() {
            return Words.unspaced(value);
        }
    }

    /** Whether a text has Han, kana or Hangul letters, which are written without spaces between words. */
    static boolean unspaced(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // Everything below U+1100 (the first Hangul block) is a spaced script: skip the lookup.
            if (c >= 0x1100 && !Character.isSurrogate(c)) {
                Character.UnicodeScript script = Character.UnicodeScript.of(c);
                if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                        || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL) {
                    return true;
                }
            }
        }
        return false;
    }

    private Words() {
    }

    /** The words of a prompt. */
    static List<Word> of(String text) {
        return split(text, false);
    }

    /** The words of a vocabulary term, where {@code *} and the {@code {model}} marks are part of a word. */
    static List<Word> ofTerm(String term) {
        return split(term, true);
    }

    private static List<Word> split(String text, boolean term) {
        List<Word> words = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == Quotes.OPEN_MARK) {
                int close = text.indexOf(Quotes.CLOSE_MARK, i);
                int end = close < 0 ? n : close + 1;
                words.add(new Word("{quote}", i, end));
                i = end;
            } else if (c == MODEL_MARK) {
                words.add(new Word("{model}", i, i + 1));
                i++;
            } else if (wordChar(c) || term && c == '{') {
                int start = i;
                while (i < n && (wordChar(text.charAt(i)) || term && "*{}".indexOf(text.charAt(i)) >= 0
                        || text.charAt(i) == '\'' && i > start && i + 1 < n && Character.isLetter(text.charAt(i + 1)))) {
                    i++;
                }
                // Matching ignores case; positions still point into the text as written.
                words.add(new Word(text.substring(start, i).toLowerCase(Locale.ROOT), start, i));
            } else {
                i++;
            }
        }
        return words;
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c);
    }
}
