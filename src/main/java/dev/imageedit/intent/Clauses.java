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
    /** Words and marks that may join two instructions in one sentence: one list for the scan and its pre-check. */
    private static final List<String> JOINT_WORDS = List.of("and", "then", "but", "while", "whilst", "so that");
    private static final String JOINT_MARKS = ",，、&";
    private static final Pattern JOINT = Pattern.compile(
            "\\s*(?:[,，&]|(?<=[\\p{IsHiragana}\\p{IsKatakana}])、|(?<![\\p{L}\\p{N}])(?:" + String.join("|", JOINT_WORDS)
                    + ")(?![\\p{L}\\p{N}]))\\s*",
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
        if (!mayJoin(sentence)) {
            return List.of(sentence); // most sentences have no joint: skip the regex scan (~8% of routing time)
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

    /** A cheap pre-check for a joint mark or joint word: when it says no, the regex scan would find nothing. */
    private static boolean mayJoin(String sentence) {
        for (int i = 0; i < JOINT_MARKS.length(); i++) {
            if (sentence.indexOf(JOINT_MARKS.charAt(i)) >= 0) {
                return true;
            }
        }
        String lower = sentence.toLowerCase(Locale.ROOT);
        for (String word : JOINT_WORDS) {
            for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
                int end = at + word.length();
                if ((at == 0 || !Character.isLetterOrDigit(lower.charAt(at - 1)))
                        && (end == lower.length() || !Character.isLetterOrDigit(lower.charAt(end)))) {
                    return true;
                }
            }
        }
        return false;
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
