package dev.imageedit.intent;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits text into words: runs of letters and digits, with an apostrophe inside a word kept
 * ("don't"). The marks that stand for a named model or a quoted span are words of their own,
 * spelled {@code {model}} and {@code {quote}}, so vocabulary phrases can mention them.
 *
 * <p>A word is compared in a folded form: lower case, Arabic alef and yeh variants written one
 * way, and a clitic prefix the vocabulary lists (Arabic "ال", "بال", "و") taken off, so that
 * "بالخلفية" and "الخلفية" both read as the term "خلفية". Terms are folded the same way.
 */
final class Words {
    static final char MODEL_MARK = '\uE002';

    /**
     * One word: folded ({@code text}), and without its clitic prefix ({@code base}, the same when
     * it has none): "l'image" is text "l'image", base "image", so "n'*" and "image" both find theirs.
     */
    record Word(String text, String base, int start, int end) {
        Word(String text, int start, int end) {
            this(text, text, start, end);
        }
    }

    /** A text and its words, split once however many categories look at it. */
    static final class Text {
        final String value;
        private final Morphology morphology;
        private List<Word> words;
        private Boolean unspaced;
        private String lower;
        private java.util.Set<Character.UnicodeScript> scripts;

        Text(String value, Morphology morphology) {
            this.value = value;
            this.morphology = morphology;
        }

        List<Word> words() {
            if (words == null) {
                words = split(value, false, morphology);
            }
            return words;
        }

        /** Whether any of it is in a script written without spaces: asked by every category, so worked out once. */
        boolean unspaced() {
            if (unspaced == null) {
                unspaced = Words.unspaced(value);
            }
            return unspaced;
        }

        /** Whether the text has a letter of one of these scripts. */
        boolean hasAny(Set<Character.UnicodeScript> wanted) {
            for (Character.UnicodeScript script : wanted) {
                if (has(script)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the text has a letter of this script. */
        boolean has(Character.UnicodeScript script) {
            if (scripts == null) {
                scripts = java.util.EnumSet.noneOf(Character.UnicodeScript.class);
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c >= 0x0250 && Character.isLetter(c)) {
                        scripts.add(Character.UnicodeScript.of(c));
                    }
                }
            }
            return scripts.contains(script);
        }

        /** The text in lower case, for regular-expression terms; the text as written if lower case changes its length. */
        String lower() {
            if (lower == null) {
                String folded = value.toLowerCase(Locale.ROOT);
                lower = folded.length() == value.length() ? folded : value;
            }
            return lower;
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

    /**
     * The scripts other than Latin that a pattern's letters are written in ("图\\s*\\d" is Han,
     * "ロゴ画像" Katakana and Han): it can only match a text with one of them. Empty when it has
     * none, or Latin letters beyond ASCII: such a pattern can match any text.
     */
    static Set<Character.UnicodeScript> scripts(String pattern) {
        Set<Character.UnicodeScript> found = EnumSet.noneOf(Character.UnicodeScript.class);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c >= 0x0250 && Character.isLetter(c)) {
                found.add(Character.UnicodeScript.of(c));
            } else if (c >= 0x80 && c < 0x0250 && Character.isLetter(c)) {
                return EnumSet.noneOf(Character.UnicodeScript.class);
            }
        }
        return found;
    }

    /** The words of a vocabulary term, where {@code *} and the {@code {model}} marks are part of a word. */
    static List<Word> ofTerm(String term, Morphology morphology) {
        return split(term, true, morphology);
    }

    private static List<Word> split(String text, boolean term, Morphology morphology) {
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
                // An elided word is one word ("n'efface"), and so is the term that stands for all of them ("n'*").
                while (i < n && (wordChar(text.charAt(i)) || term && "*{}".indexOf(text.charAt(i)) >= 0
                        || text.charAt(i) == '\'' && i > start && i + 1 < n
                        && (Character.isLetter(text.charAt(i + 1)) || term && text.charAt(i + 1) == '*'))
                        && !(i > start && latinMeetsOther(text.charAt(i - 1), text.charAt(i)))) {
                    i++;
                }
                // Matching ignores case; positions still point into the text as written.
                String written = text.substring(start, i);
                String folded = Morphology.foldLetters(written);
                words.add(new Word(folded, Morphology.hamzaLam(written) ? folded : morphology.base(folded), start, i));
            } else {
                i++;
            }
        }
        return words;
    }

    /**
     * How words are folded before they are compared: the clitic prefixes the vocabulary lists
     * (Arabic "ال", "بال"; French and Italian elisions "l'", "dell'"), taken off only when at least
     * three letters remain.
     */
    static final class Morphology {
        /** The prefixes by their first letter, longest first, so that "بال" is taken off before "ب". */
        private final java.util.Map<Character, List<String>> byFirstLetter = new java.util.HashMap<>();

        Morphology(List<String> prefixes) {
            prefixes.stream().map(p -> foldLetters(p.strip())).filter(p -> !p.isEmpty()).distinct()
                    .sorted((a, b) -> b.length() - a.length())
                    .forEach(p -> byFirstLetter.computeIfAbsent(p.charAt(0), c -> new ArrayList<>()).add(p));
        }

        /** A word folded as text words are, without its clitic prefix. */
        String fold(String word) {
            return base(foldLetters(word));
        }

        /** An already folded word without its clitic prefix, or as it is. */
        String base(String folded) {
            List<String> candidates = folded.isEmpty() ? null : byFirstLetter.get(folded.charAt(0));
            if (candidates == null) {
                return folded;
            }
            for (String prefix : candidates) {
                if (folded.length() - prefix.length() >= 3 && folded.startsWith(prefix)) {
                    return folded.substring(prefix.length());
                }
            }
            return folded;
        }

        static String foldLetters(String word) {
            String lower = word.toLowerCase(Locale.ROOT);
            for (int i = 0; i < lower.length(); i++) {
                char c = lower.charAt(i);
                if (c >= 0x0622 && c <= 0x0652) {
                    // Vowel marks and the stretching tatweel are optional in writing: drop them. The
                    // alif that only carries the accusative ending (ممطراً "rainy") goes with its mark.
                    return ARABIC_MARKS.matcher(lower.replace("اً", "").replace("ًا", "")).replaceAll("")
                            .replace('أ', 'ا').replace('إ', 'ا').replace('آ', 'ا').replace('ى', 'ي');
                }
            }
            return lower;
        }

        private static final Pattern ARABIC_MARKS = Pattern.compile("[\\u064B-\\u0652\\u0640]");

        /**
         * An Arabic word written with a hamza on its first alif before lam (ألوان "colours", إلى "to")
         * begins with a root letter, not with the article ال that it looks like once the hamza is folded.
         */
        static boolean hamzaLam(String written) {
            return written.length() > 2 && "أإآ".indexOf(written.charAt(0)) >= 0 && written.charAt(1) == 'ل';
        }
    }

    /** A word ends where Latin letters meet another script: "banana로" is "banana" and "로". */
    private static boolean latinMeetsOther(char before, char c) {
        boolean latinBefore = before < 0x0250 && Character.isLetter(before);
        boolean latinNow = c < 0x0250 && Character.isLetter(c);
        return latinBefore != latinNow && Character.isLetter(before) && Character.isLetter(c);
    }

    /** Letters, digits, and the combining marks (Arabic vowel signs, Devanagari vowels) that belong to a letter. */
    private static boolean wordChar(char c) {
        if (Character.isLetterOrDigit(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }
}
