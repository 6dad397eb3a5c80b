package dev.imageedit.intent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One vocabulary category, compiled for fast matching on lower-case text.
 *
 * <p>A term is a phrase of words matched on word boundaries (a space also matches a hyphen); a
 * word ending in {@code *} matches any ending; {@code {model}} stands for a model named in the
 * prompt and {@code {quote}} for a quoted span. A term in {@code /slashes/} is a regular
 * expression over the lower-cased text. A term in a script written without spaces (Han, kana, Hangul) matches anywhere.
 *
 * <p>Phrases are looked up by their first word in a hash map, so a category of hundreds of terms
 * costs one lookup per word of the text instead of one regex attempt per character.
 */
public final class Terms {
    private final Map<String, List<String[]>> byFirstWord = new HashMap<>();
    /**
     * Phrases whose first word is a prefix ("remov*"), in buckets by a hash of that prefix's first
     * two letters: with eleven languages of stems, a bucket per first letter held long lists.
     */
    @SuppressWarnings("unchecked")
    private final List<String[]>[] byFirstPrefix = new List[PREFIX_BUCKETS];
    private static final int PREFIX_BUCKETS = 512;
    /** Terms in a script written without spaces, each once. */
    private final String[] unspaced;
    /**
     * The indexes of those terms in buckets by their first character, so that a text is read
     * once for all of them rather than searched once for each of a few hundred.
     */
    private final int[][] unspacedByFirst = new int[UNSPACED_BUCKETS][];
    private static final int UNSPACED_BUCKETS = 256;
    /**
     * Regular expressions, one pattern per set of scripts their letters are written in, so that a
     * pattern for Cyrillic or Han is not run over text that has none of them; Latin and script-free
     * ones have an empty set and always run: the scripts of each pattern, and the pattern.
     */
    private final List<Set<Character.UnicodeScript>> regexScripts;
    private final Pattern[] regexes;
    private final Words.Morphology morphology;

    /** Where one occurrence stands in the text. */
    record Span(int start, int end) {
    }

    private Terms(List<String> terms, Words.Morphology morphology) {
        this.morphology = morphology;
        Map<Set<Character.UnicodeScript>, List<String>> byScript = new HashMap<>();
        Set<String> unspacedTerms = new LinkedHashSet<>();
        for (String raw : terms) {
            String term = raw.strip();
            if (term.length() > 2 && term.startsWith("/") && term.endsWith("/")) {
                String body = term.substring(1, term.length() - 1);
                byScript.computeIfAbsent(Words.scripts(body), k -> new ArrayList<>()).add("(?:" + body + ")");
            } else if (Words.unspaced(term)) {
                unspacedTerms.add(term.toLowerCase(Locale.ROOT));
            } else {
                String[] words = Words.ofTerm(term, morphology).stream().map(Words.Word::base).toArray(String[]::new);
                if (words.length == 0) {
                    continue;
                }
                if (words[0].endsWith("*")) {
                    int bucket = bucket(words[0], words[0].length() - 1);
                    if (byFirstPrefix[bucket] == null) {
                        byFirstPrefix[bucket] = new ArrayList<>();
                    }
                    byFirstPrefix[bucket].add(words);
                } else {
                    byFirstWord.computeIfAbsent(words[0], w -> new ArrayList<>()).add(words);
                }
            }
        }
        unspaced = unspacedTerms.toArray(String[]::new);
        for (int t = 0; t < unspaced.length; t++) {
            int bucket = unspaced[t].charAt(0) & (UNSPACED_BUCKETS - 1);
            int[] old = unspacedByFirst[bucket];
            int[] grown = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = t;
            unspacedByFirst[bucket] = grown;
        }
        // Matched against the lower-cased text, so no case folding while matching: folding made
        // these patterns the slowest part of routing. Each is tried only where its first character can stand.
        regexScripts = List.copyOf(byScript.keySet());
        regexes = new Pattern[regexScripts.size()];
        for (int r = 0; r < regexes.length; r++) {
            regexes[r] = Pattern.compile(FirstChars.filtered(String.join("|", byScript.get(regexScripts.get(r)))));
        }
    }

    /** Terms whose words are folded as the morphology says (clitic prefixes off). */
    static Terms of(List<String> terms, Words.Morphology morphology) {
        return new Terms(terms, morphology);
    }

    /** Checks that a term can be compiled, so a bad vocabulary fails on load with its name. */
    static void check(String term) {
        String t = term.strip();
        if (t.length() > 2 && t.startsWith("/") && t.endsWith("/")) {
            Pattern.compile(t.substring(1, t.length() - 1));
        }
    }

    public boolean in(String text) {
        return in(new Words.Text(text, morphology));
    }

    boolean in(Words.Text text) {
        return !spans(text, true).isEmpty();
    }

    /** Every non-overlapping occurrence, left to right, the longest where two start together. */
    public List<String> all(String text) {
        return all(new Words.Text(text, morphology));
    }

    List<String> all(Words.Text text) {
        List<Span> spans = spans(text, false);
        if (spans.isEmpty()) {
            return List.of();
        }
        String[] found = new String[spans.size()];
        for (int i = 0; i < found.length; i++) {
            found[i] = text.value.substring(spans.get(i).start(), spans.get(i).end());
        }
        return List.of(found);
    }

    /** The first occurrence's start, or -1. */
    public int indexIn(String text) {
        List<Span> spans = spans(new Words.Text(text, morphology), false);
        return spans.isEmpty() ? -1 : spans.get(0).start();
    }

    /** The text with every occurrence replaced. */
    public String replaceAll(String text, String replacement) {
        List<Span> spans = spans(new Words.Text(text, morphology), false);
        if (spans.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Span span : spans) {
            out.append(text, at, span.start()).append(replacement);
            at = span.end();
        }
        return out.append(text.substring(at)).toString();
    }

    /**
     * Whether the text opens with one of these terms, after any number of the given fillers; where
     * a filler and a term start together, the longer one is what stands there.
     */
    boolean startsAfter(Terms fillers, Words.Text text) {
        List<Words.Word> words = text.words();
        int i = 0;
        while (i < words.size()) {
            // The longer phrase decides: "no podrías" is a request, not the negation "no".
            int own = phraseAt(words, i);
            int filler = fillers.phraseAt(words, i);
            if (own > 0 && own >= filler) {
                return true;
            }
            if (filler == 0) {
                return false;
            }
            i += filler;
        }
        return false;
    }

    /** Every non-overlapping occurrence's place, left to right. */
    List<Span> find(Words.Text text) {
        return spans(text, false);
    }

    /** The number of words of the longest phrase that starts at word i, or 0. */
    int phraseAt(List<Words.Word> words, int i) {
        Words.Word first = words.get(i);
        int longest = phrasesAt(first.text(), words, i);
        if (!first.base().equals(first.text())) {
            longest = Math.max(longest, phrasesAt(first.base(), words, i));
        }
        return longest;
    }

    private int phrasesAt(String word, List<Words.Word> words, int i) {
        int longest = 0;
        List<String[]> exact = byFirstWord.get(word);
        if (exact != null) {
            for (String[] phrase : exact) {
                longest = Math.max(longest, matchLength(phrase, words, i));
            }
        }
        for (int letters = 1; letters <= Math.min(2, word.length()); letters++) {
            List<String[]> prefixed = byFirstPrefix[bucket(word, letters)];
            if (prefixed != null) {
                for (String[] phrase : prefixed) {
                    longest = Math.max(longest, matchLength(phrase, words, i));
                }
            }
        }
        return longest;
    }

    /** The bucket of a word's first one or two letters; a prefix of one letter is filed under one. */
    private static int bucket(String word, int usable) {
        int hash = usable >= 2 ? word.charAt(0) * 31 + word.charAt(1) + 1 : word.charAt(0) * 31;
        return (hash ^ hash >>> 9) & (PREFIX_BUCKETS - 1);
    }

    private static int matchLength(String[] phrase, List<Words.Word> words, int i) {
        if (i + phrase.length > words.size()) {
            return 0;
        }
        for (int k = 0; k < phrase.length; k++) {
            String want = phrase[k];
            Words.Word have = words.get(i + k);
            boolean ok = matches(want, have.text()) || !have.base().equals(have.text()) && matches(want, have.base());
            if (!ok) {
                return 0;
            }
        }
        return phrase.length;
    }

    private static boolean matches(String want, String have) {
        int stem = want.length() - 1;
        return stem >= 0 && want.charAt(stem) == '*' ? have.regionMatches(0, want, 0, stem) : have.equals(want);
    }

    private List<Span> spans(Words.Text source, boolean firstOnly) {
        List<Span> found = new ArrayList<>();
        String text = source.value;
        List<Words.Word> words = source.words();
        for (int i = 0; i < words.size(); i++) {
            int length = phraseAt(words, i);
            if (length > 0) {
                found.add(new Span(words.get(i).start(), words.get(i + length - 1).end()));
                if (firstOnly) {
                    return found;
                }
            }
        }
        if (unspaced.length > 0 && source.unspaced()) {
            // Where each term may next be found: the occurrences of one term do not overlap.
            int[] next = null;
            for (int at = 0; at < text.length(); at++) {
                int[] bucket = unspacedByFirst[text.charAt(at) & (UNSPACED_BUCKETS - 1)];
                for (int t = 0; bucket != null && t < bucket.length; t++) {
                    String term = unspaced[bucket[t]];
                    if (text.startsWith(term, at) && (next == null || at >= next[bucket[t]])) {
                        if (next == null) {
                            next = new int[unspaced.length];
                        }
                        next[bucket[t]] = at + term.length();
                        found.add(new Span(at, at + term.length()));
                        if (firstOnly) {
                            return found;
                        }
                    }
                }
            }
        }
        for (int r = 0; r < regexes.length; r++) {
            if (!regexScripts.get(r).isEmpty() && !source.hasAny(regexScripts.get(r))) {
                continue;
            }
            Matcher m = regexes[r].matcher(source.lower());
            while (m.find()) {
                found.add(new Span(m.start(), m.end()));
                if (firstOnly) {
                    return found;
                }
            }
        }
        return nonOverlapping(found);
    }

    private static List<Span> nonOverlapping(List<Span> spans) {
        if (spans.size() < 2) {
            return spans.isEmpty() ? List.of() : spans; // most scans find nothing
        }
        spans.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(b.end(), a.end()));
        List<Span> kept = new ArrayList<>();
        int end = -1;
        for (Span span : spans) {
            if (span.start() >= end) {
                kept.add(span);
                end = span.end();
            }
        }
        return kept;
    }
}
