package dev.imageedit.intent;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a (quote-masked) prompt into clauses, each a change, a preservation or a context clause.
 *
 * <p>A structured prompt ("Brief: … Task: … Must not change: …", "## Context … ## Task …",
 * "【任务】…【不要修改】…") is first cut at its headers:
 * what stands under a preservation header is preservation, under a context header only context,
 * and when a task header is present only the text under it asks for a change.
 *
 * <p>Sentences split at their end marks. Inside a sentence a comma or a joint word ("and",
 * "then", "y", "und", "然后", "그리고"...) starts a new clause only when what follows is itself an
 * instruction: it opens with an edit verb, with a word followed by its own object ("hang a
 * mirror", "dust the cake"), or with a "keep"-like word or a negation, or it says that something
 * stays as it is. So "add a hat and a scarf" stays one clause and "add a hat and change the
 * background" becomes two. A "without" (sin, ohne, без...) always starts a preservation clause.
 * In scripts written without spaces every comma ends a clause.
 */
final class Clauses {
    /** Marks that always end a sentence; a full stop ends one unless a digit stands on either side ("1.5"). */
    private static final String SENTENCE_MARKS = "!?;。！？；؟؛\n";
    /** A label and its colon at the start of the prompt, a line or a sentence: "Task:", "任务：". */
    private static final Pattern HEADER = Pattern.compile("(?:^|(?<=[\\n.!?;。！？；]))[ \\t]*([^:：\\n.!?;。！？；]{1,40}?)[ \\t]*[:：]");
    /**
     * A label that is a line of its own, before more lines: a markdown heading ("## Task"), a bold
     * line ("**Keep**"), or the bare label ("Contexto"), with or without a colon.
     */
    private static final Pattern LINE_HEADER = Pattern.compile(
            "(?m)^[ \\t]*#{0,6}[ \\t]*(?:\\*\\*|__)?([^\\n#*_:：\\[\\]【】]{1,40}?)(?:\\*\\*|__)?[ \\t]*[:：]?[ \\t]*(?:\\*\\*|__)?[ \\t]*(?=\\r?\\n)");
    /** A label in brackets or in bold where a line, a sentence or a word starts: "[작업]", "【任务】", "**Task**". */
    private static final Pattern MARKED_HEADER = Pattern.compile(
            "(?:^|(?<=[\\s.!?;。！？；]))(?:[\\[【]([^\\]】\\n]{1,40})[\\]】]|(?:\\*\\*|__)([^*_\\n]{1,40})(?:\\*\\*|__))[ \\t]*[:：]?");
    /**
     * A list item's marker where a sentence starts: a bullet ("- ", "• ", "* "), a number or letter
     * ("1. ", "2) ", "(3) ", "b) ", "①", "一、"). Agents write their tasks as lists; the marker is
     * no word of the instruction, whose verb it would otherwise hide.
     */
    private static final Pattern LIST_MARKER = Pattern.compile(
            "^(?:[-–—•*·・▪►]\\s+|\\(?(?:\\d{1,2}|[a-zA-Z])[.)）]\\s+|[(（]\\d{1,2}[)）]\\s*|\\d{1,2}[、．]\\s*|[①-⑳]\\s*|[一二三四五六七八九十]{1,2}[、．]\\s*)");
    /** Commas, a dash and a colon that is no header: places where a second instruction may start. */
    private static final String JOINT_MARKS = ",，،&–—:：";

    enum Kind { CHANGE, PRESERVATION, CONTEXT }

    /** One clause: its text, its kind, and its words, split once for everything that reads them. */
    record Clause(String text, Kind kind, Words.Text words) {
        boolean preservation() {
            return kind == Kind.PRESERVATION;
        }
    }

    private final Vocabulary vocabulary;

    Clauses(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    List<Clause> split(String masked) {
        List<Clause> clauses = new ArrayList<>();
        List<Section> sections = sections(masked);
        boolean tasked = sections.stream().anyMatch(s -> s.header() == Header.TASK);
        boolean requested = sections.stream().anyMatch(s -> s.header() == Header.REQUEST);
        for (Section section : sections) {
            Header header = switch (section.header()) {
                case NONE -> tasked || requested ? Header.CONTEXT : Header.NONE;
                case REQUEST -> tasked ? Header.CONTEXT : Header.TASK;
                default -> section.header();
            };
            for (String sentence : sentences(section.text())) {
                Words.Text whole = vocabulary.read(withoutListMarker(sentence.strip()));
                for (String clause : clausesOf(whole)) {
                    String text = clause.strip();
                    if (hasWords(text)) {
                        Words.Text words = text.equals(whole.value) ? whole : vocabulary.read(text);
                        clauses.add(new Clause(text, switch (header) {
                            case CONTEXT -> Kind.CONTEXT;
                            case KEEP -> Kind.PRESERVATION;
                            default -> isPreservation(words) ? Kind.PRESERVATION : Kind.CHANGE;
                        }, words));
                    }
                }
            }
        }
        return clauses;
    }

    /**
     * The text cut at its sentence ends, the marks left out; empty pieces at the end are dropped,
     * and a text without any end is one sentence (as {@code Pattern.split} cuts). Read by hand:
     * a regular expression tried at every character cost more than the rest of the splitting.
     */
    static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean end = c == '.'
                    ? !(i > 0 && isDigit(text.charAt(i - 1))) && !(i + 1 < text.length() && isDigit(text.charAt(i + 1)))
                    : SENTENCE_MARKS.indexOf(c) >= 0;
            if (end) {
                sentences.add(text.substring(from, i));
                from = i + 1;
            }
        }
        if (from == 0) {
            return List.of(text);
        }
        sentences.add(text.substring(from));
        int size = sentences.size();
        while (size > 0 && sentences.get(size - 1).isEmpty()) {
            size--;
        }
        return sentences.subList(0, size);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A clause needs a word or a quote: a model's name alone ("Flux Kontext:") asks for nothing. */
    private static boolean hasWords(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != Words.MODEL_MARK && Character.isLetterOrDigit(c) || c == Quotes.OPEN_MARK) {
                return true;
            }
        }
        return false;
    }

    private enum Header { NONE, TASK, REQUEST, CONTEXT, KEEP }

    private record Section(Header header, String text) {
    }

    /** Where a header stands in the prompt and what it names. */
    private record Mark(int start, int end, Header header) {
    }

    /**
     * The prompt cut at the headers the vocabulary knows, however they are marked (a colon, a
     * line of its own, brackets, bold); a prompt without any is one section. Where two kinds of
     * mark find the same header ("**Task:**"), the one that starts first and reaches furthest wins.
     */
    private List<Section> sections(String masked) {
        List<Mark> marks = new ArrayList<>();
        if (masked.indexOf(':') >= 0 || masked.indexOf('：') >= 0) {
            marks(HEADER, masked, marks);
        }
        if (masked.indexOf('\n') >= 0) {
            marks(LINE_HEADER, masked, marks);
        }
        if (masked.indexOf('[') >= 0 || masked.indexOf('【') >= 0 || masked.contains("**") || masked.contains("__")) {
            marks(MARKED_HEADER, masked, marks);
        }
        if (marks.isEmpty()) {
            return List.of(new Section(Header.NONE, masked));
        }
        marks.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(b.end(), a.end()));
        List<Section> sections = new ArrayList<>();
        Header current = Header.NONE;
        int from = 0;
        for (Mark mark : marks) {
            if (mark.start() >= from) {
                sections.add(new Section(current, masked.substring(from, mark.start())));
                current = mark.header();
                from = mark.end();
            }
        }
        sections.add(new Section(current, masked.substring(from)));
        return sections;
    }

    /** Adds every match of the pattern whose label (its first group that matched) the vocabulary knows as a header. */
    private void marks(Pattern pattern, String masked, List<Mark> marks) {
        Matcher m = pattern.matcher(masked);
        while (m.find()) {
            String label = m.group(1) != null ? m.group(1) : m.group(2);
            Header header = header(label);
            if (header != Header.NONE) {
                marks.add(new Mark(m.start(), m.end(), header));
            }
        }
    }

    /**
     * The header a label names. A label may open with a preposition or an article that the
     * header terms leave out ("À ne pas modifier", "Da non toccare", "Les contraintes"): when the
     * label as a whole is no header, it is read again without them.
     */
    private Header header(String label) {
        Words.Text text = vocabulary.read(label);
        List<Words.Word> words = text.words();
        if (words.isEmpty()) {
            return Header.NONE;
        }
        Header header = header(text, 0);
        int from = 0;
        while (header == Header.NONE && from + 1 < words.size()
                && (vocabulary.functionWords.phraseAt(words, from) > 0 || vocabulary.determiners.phraseAt(words, from) > 0)) {
            from++;
            header = header(text, from);
        }
        return header;
    }

    private Header header(Words.Text text, int from) {
        if (whole(vocabulary.keepHeaders, text, from)) {
            return Header.KEEP;
        }
        if (whole(vocabulary.taskHeaders, text, from)) {
            return Header.TASK;
        }
        if (whole(vocabulary.requestHeaders, text, from)) {
            return Header.REQUEST;
        }
        return whole(vocabulary.contextHeaders, text, from) ? Header.CONTEXT : Header.NONE;
    }

    /** The text from its word {@code from} to its end is one of the terms. */
    private static boolean whole(Terms terms, Words.Text text, int from) {
        List<Terms.Span> found = terms.find(text);
        int start = text.words().get(from).start();
        int end = text.words().get(text.words().size() - 1).end();
        return found.stream().anyMatch(s -> s.start() == start && s.end() == end);
    }

    /**
     * A place where a sentence may be cut: the text from start to end is left out. A cut that
     * always happens is empty and keeps its words with the clause they belong to: a preservation
     * joint ("without") with the clause after it, a preservation end ("그대로 두고") with the one before.
     */
    private record Joint(int start, int end, boolean always) {
    }

    private List<String> clausesOf(Words.Text whole) {
        String sentence = whole.value;
        List<Joint> joints = joints(whole);
        if (joints.isEmpty()) {
            return List.of(sentence);
        }
        List<String> clauses = new ArrayList<>();
        int clauseStart = 0;
        for (int j = 0; j < joints.size(); j++) {
            Joint joint = joints.get(j);
            if (joint.start() < clauseStart) {
                continue;
            }
            int pieceStart = joint.end();
            int pieceEnd = j + 1 < joints.size() ? Math.max(joints.get(j + 1).start(), pieceStart) : sentence.length();
            String piece = sentence.substring(pieceStart, pieceEnd);
            String soFar = sentence.substring(clauseStart, joint.start());
            if (joint.always() || startsInstruction(piece, soFar) || Words.unspaced(soFar)) {
                clauses.add(soFar);
                clauseStart = pieceStart;
            }
        }
        clauses.add(sentence.substring(clauseStart));
        return clauses;
    }

    private List<Joint> joints(Words.Text text) {
        String sentence = text.value;
        List<Joint> joints = new ArrayList<>();
        for (int i = 0; i < sentence.length(); i++) {
            char c = sentence.charAt(i);
            char before = i > 0 ? sentence.charAt(i - 1) : ' ';
            // An object marked by を or 를 waits for its verb after the comma ("表情を、驚いた顔にして").
            if (before == 'を' || before == '를') {
                continue;
            }
            // A Japanese 、 joins clauses after kana ("追加して、"), but lists nouns after kanji. A hyphen
            // between spaces is a dash, written where no dash key is at hand.
            if (JOINT_MARKS.indexOf(c) >= 0 || c == '、' && isKana(before)
                    || c == '-' && before == ' ' && i + 1 < sentence.length() && sentence.charAt(i + 1) == ' ') {
                joints.add(new Joint(i, i + 1, false));
            }
        }
        for (Terms.Span span : vocabulary.joints.find(text)) {
            joints.add(new Joint(span.start(), span.end(), false));
        }
        // Arabic writes "and" onto the verb (وضع, وأضف): the prefix is a joint of its own.
        List<Words.Word> words = text.words();
        for (int i = 1; i < words.size(); i++) {
            Words.Word word = words.get(i);
            if (vocabulary.verbCountingScripts.contains(Character.UnicodeScript.of(word.text().charAt(0)))) {
                int prefix = attachedJoint(word.text());
                if (prefix > 0) {
                    joints.add(new Joint(word.start(), word.start() + prefix, false));
                }
            }
        }
        // "Without" starts what to keep, unless it says "unchanged" itself (без изменений, sin cambios).
        List<Terms.Span> without = vocabulary.preservationJoints.find(text);
        List<Terms.Span> marks = without.isEmpty() ? List.of() : vocabulary.preservationMarks.find(text);
        for (Terms.Span span : without) {
            if (span.start() > 0 && marks.stream().noneMatch(mark -> mark.start() == span.start())) {
                joints.add(new Joint(span.start(), span.start(), true));
            }
        }
        for (Terms.Span span : vocabulary.preservationEnds.find(text)) {
            if (span.end() < sentence.length()) {
                joints.add(new Joint(span.end(), span.end(), true));
            }
        }
        joints.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return joints;
    }

    /** The length of a joint written onto the front of an edit verb ("و" of "وضع"), or 0. */
    private int attachedJoint(String word) {
        for (int prefix = 1; prefix <= 2 && word.length() - prefix >= 2; prefix++) {
            if (vocabulary.joints.in(vocabulary.read(word.substring(0, prefix)))
                    && vocabulary.editVerbs.in(vocabulary.read(word.substring(prefix)))) {
                return prefix;
            }
        }
        return 0;
    }

    private static boolean isKana(char c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA;
    }

    /**
     * What follows a joint starts an instruction of its own. One that only says something stays
     * as it is ("… and the background stays the same") is its own clause after a change, but
     * continues a clause that is itself about what to keep ("keep the sign and the background
     * unchanged"). After what to keep, an edit verb anywhere starts the change, for languages
     * that may put the verb last ("Den Titel nicht ändern, nur die Tasse rot färben"). A piece
     * that says something is settled continues the subject it shares with what came before,
     * even when its first word could be a verb ("The layout and copy are approved"): the joint
     * lists what is settled, unless what came before is an instruction of its own.
     */
    private boolean startsInstruction(String text, String soFar) {
        Words.Text piece = vocabulary.read(text);
        if (vocabulary.opensWithPreservation(piece)) {
            return true;
        }
        boolean keeps = vocabulary.preservationMarks.in(piece);
        boolean opensWithVerb = vocabulary.opensWithEdit(piece) || opensWithImperative(piece);
        if (opensWithVerb && !keeps) {
            return true;
        }
        if (!keeps && !vocabulary.editVerbs.in(piece) && !vocabulary.restrictives.in(piece)) {
            return false;
        }
        Words.Text before = vocabulary.read(soFar);
        // After what to keep, "just" or "only" names the one thing that changes ("…, solo la cornice va patinata").
        if (vocabulary.restrictives.startsAfter(vocabulary.fillers, piece) && isPreservation(before)) {
            return true;
        }
        if (keeps) {
            // A lone word is no instruction: "Copy and layout are final" lists what is settled; nor is
            // what is kept, which the piece goes on listing ("Mantén el fondo y la luz igual").
            boolean instruction = before.words().size() > 1 && !isPreservation(before)
                    && (vocabulary.opensWithEdit(before) || opensWithImperative(before));
            return instruction || opensWithVerb && isPreservation(before);
        }
        return isPreservation(before);
    }

    /**
     * The text opens, after any fillers, with a word the vocabulary does not know followed by its
     * own object ("dust the cake", "hang a mirror", "cuelga un espejo"), or with a word in an
     * imperative form ("повесь"): a requested change whatever its verb. A word followed by an
     * article fused with "of" ("tiradores del cajón") is a noun, so "… y tiradores del cajón"
     * adds an object, not a second action.
     */
    private boolean opensWithImperative(Words.Text text) {
        return imperativeVerb(text) >= 0;
    }

    /** The index of the word that opens the text as an imperative verb (see {@link #opensWithImperative}), or -1. */
    int imperativeVerb(Words.Text text) {
        List<Words.Word> words = text.words();
        int i = 0;
        while (i < words.size()) {
            int filler = vocabulary.fillers.phraseAt(words, i);
            if (filler == 0) {
                break;
            }
            i += filler;
        }
        if (i + 1 >= words.size()) {
            return -1;
        }
        String first = words.get(i).text();
        if (first.charAt(0) == '{' || Character.isDigit(first.charAt(0))
                || vocabulary.functionWords.phraseAt(words, i) > 0 || vocabulary.determiners.phraseAt(words, i) > 0) {
            return -1;
        }
        // "Patina solo la cornice": a "just" or "only" may stand between the verb and its object.
        int object = i + 1 + vocabulary.restrictives.phraseAt(words, i + 1);
        // "tiradores del cajón" is a noun and its complement; "dora los marcos" a verb and its object.
        if (object < words.size() && vocabulary.determiners.phraseAt(words, object) > 0
                && vocabulary.complementArticles.phraseAt(words, object) == 0) {
            return i;
        }
        for (String ending : vocabulary.imperativeEndings) {
            if (first.length() > ending.length() + 2 && first.endsWith(ending)) {
                return i;
            }
        }
        return -1;
    }

    private static String withoutListMarker(String sentence) {
        Matcher marker = LIST_MARKER.matcher(sentence);
        return marker.lookingAt() ? sentence.substring(marker.end()) : sentence;
    }

    /** The clause opens with a "keep", or has a mark of preservation after its opening fillers ("Könntest du nicht" asks). */
    private boolean isPreservation(Words.Text clause) {
        if (vocabulary.opensWithPreservation(clause)) {
            return true;
        }
        if (!vocabulary.preservationMarks.in(clause)) {
            return false;
        }
        int from = vocabulary.afterFillers(clause);
        for (Terms.Span mark : vocabulary.preservationMarks.find(clause)) {
            if (mark.start() >= from) {
                return true;
            }
        }
        return false;
    }
}
