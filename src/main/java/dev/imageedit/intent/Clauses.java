package dev.imageedit.intent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a (quote-masked) prompt into clauses, each either a change or a preservation clause.
 *
 * <p>Sentences split at their end marks. Inside a sentence a comma, "and", "then", "but" or
 * "while" starts a new clause only when what follows is itself an instruction (it starts with an
 * edit verb or a "keep"-like word, or says that something stays unchanged): so "add a hat and a
 * scarf" stays one clause, and "add a hat and change the background" becomes two. In scripts
 * written without spaces every comma ends a clause.
 */
final class Clauses {
    private static final Pattern SENTENCE_END = Pattern.compile("(?<!\\d)\\.(?!\\d)|[!?;。！？；\\n]");
    private static final Pattern JOINT = Pattern.compile(
            "\\s*(?:[,，]|(?<=[\\p{IsHiragana}\\p{IsKatakana}])、|&|(?<![\\p{L}\\p{N}])(?:and|then|but|while|whilst|so that)(?![\\p{L}\\p{N}]))\\s*",
            Pattern.CASE_INSENSITIVE);

    record Clause(String text, boolean preservation) {
    }

    private final Vocabulary vocabulary;

    Clauses(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    List<Clause> split(String masked) {
        List<Clause> clauses = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(masked)) {
            for (String clause : clausesOf(sentence)) {
                String text = clause.strip();
                if (!text.isEmpty()) {
                    clauses.add(new Clause(text, isPreservation(text)));
                }
            }
        }
        return clauses;
    }

    private List<String> clausesOf(String sentence) {
        String lower = sentence.toLowerCase(Locale.ROOT);
        if (lower.indexOf(',') < 0 && lower.indexOf('，') < 0 && lower.indexOf('、') < 0 && lower.indexOf('&') < 0
                && !lower.contains(" and ") && !lower.contains(" then ") && !lower.contains(" but ")
                && !lower.contains(" while") && !lower.contains(" so that ")) {
            return List.of(sentence); // most sentences have no joint: skip the scan
        }
        List<int[]> joints = new ArrayList<>();
        Matcher m = JOINT.matcher(sentence);
        while (m.find()) {
            joints.add(new int[] {m.start(), m.end()});
        }
        List<String> clauses = new ArrayList<>();
        int clauseStart = 0;
        for (int j = 0; j < joints.size(); j++) {
            int pieceStart = joints.get(j)[1];
            int pieceEnd = j + 1 < joints.size() ? joints.get(j + 1)[0] : sentence.length();
            String piece = sentence.substring(pieceStart, pieceEnd);
            if (startsInstruction(piece) || Words.unspaced(sentence.substring(clauseStart, joints.get(j)[0]))) {
                clauses.add(sentence.substring(clauseStart, joints.get(j)[0]));
                clauseStart = pieceStart;
            }
        }
        clauses.add(sentence.substring(clauseStart));
        return clauses;
    }

    private boolean startsInstruction(String text) {
        Words.Text piece = new Words.Text(text);
        return vocabulary.opensWithEdit(piece)
                || vocabulary.opensWithPreservation(piece)
                || vocabulary.preservationMarks.in(piece);
    }

    private boolean isPreservation(String text) {
        Words.Text clause = new Words.Text(text);
        return vocabulary.opensWithPreservation(clause) || vocabulary.preservationMarks.in(clause);
    }

}
