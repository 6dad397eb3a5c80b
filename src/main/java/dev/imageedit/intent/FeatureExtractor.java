package dev.imageedit.intent;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a request into {@link Features}: pure, no I/O, safe to share between threads.
 *
 * <p>Preservation clauses ("Keep the face unchanged", "背景はそのままで") only say what must not
 * change, so every signal except composition and named models is read from the change clauses.
 */
public final class FeatureExtractor {
    private final Vocabulary vocabulary;
    private final Clauses clauses;

    public FeatureExtractor(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.clauses = new Clauses(vocabulary);
    }

    /**
     * @param request       the request as given
     * @param forcedModel   the endpoint id {@code --model} resolved to, or null
     */
    public Features extract(EditRequest request, String forcedModel) {
        String prompt = Normalizer.normalize(request.prompt(), Normalizer.Form.NFKC);
        Quotes.Masked masked = Quotes.mask(prompt);
        String text = masked.text().replace('’', '\'');

        List<String> named = List.of();
        Iterator<String> modelNames = List.<String>of().iterator();
        Words.Text whole = vocabulary.read(text);
        if (vocabulary.anyNamedModel.in(whole)) { // most prompts name no model: one scan says so
            named = namedModels(text);
            modelNames = vocabulary.anyNamedModel.all(whole).iterator();
            // Model names are not instructions: "gpt image 2" must not read as "image 2".
            text = vocabulary.anyNamedModel.replaceAll(text, String.valueOf(Words.MODEL_MARK));
            whole = vocabulary.read(text);
        }

        List<String> change = new ArrayList<>();
        List<String> preserve = new ArrayList<>();
        List<String> quoted = new ArrayList<>();
        Set<String> scripts = new LinkedHashSet<>();
        Set<String> targets = new LinkedHashSet<>();
        Evidence evidence = new Evidence(masked);
        boolean textEdit = false;
        boolean layout = false;
        boolean scene = false;
        boolean removal = false;
        boolean unquotedText = false;
        Set<String> signals = new LinkedHashSet<>();
        int actions = 0;
        List<Clauses.Clause> split = clauses.split(text);
        for (Clauses.Clause clause : split) {
            String c = clause.text();
            String asWritten = asWritten(c, masked, modelNames);
            if (clause.kind() == Clauses.Kind.CONTEXT) {
                evidence.add("context", asWritten);
                continue;
            }
            if (clause.preservation()) {
                preserve.add(asWritten);
                continue;
            }
            change.add(asWritten);
            Words.Text words = clause.words();
            List<String> spans = masked.spansIn(c);
            quoted.addAll(spans);
            for (String span : spans) {
                Set<String> spanScripts = Quotes.nonLatinScripts(span);
                scripts.addAll(spanScripts);
                if (!spanScripts.isEmpty()) {
                    evidence.add("nonLatinText", "\"" + span + "\" " + String.join("+", spanScripts));
                }
            }
            List<String> removes = vocabulary.removal.all(words);
            int verb = clauses.imperativeVerb(words); // read once: three signals ask where the verb is
            int verbAt = openingVerbAt(words, verb);
            List<String> textWords = except(vocabulary.text, words, verbAt);
            boolean aboutText = !spans.isEmpty() || !textWords.isEmpty();
            boolean translates = vocabulary.translation.in(words);
            boolean clauseTextEdit = (aboutText || translates) && removes.isEmpty();
            if (clauseTextEdit || translates) {
                List<String> into = translationTargets(words);
                targets.addAll(into);
                into.forEach(t -> evidence.add("nonLatinText", "into " + t));
            }
            if (clauseTextEdit) {
                evidence.addAll("textEdit", textWords.isEmpty() && !spans.isEmpty() ? List.of("\"" + spans.get(0) + "\"") : textWords);
            }
            List<String> layoutWords = new ArrayList<>(vocabulary.layout.all(words));
            // "Troque de lugar o selo e o logo": a swap verb moves elements only when it names their places.
            List<String> swapPlaces = vocabulary.swapPlaces.all(words);
            if (!swapPlaces.isEmpty() && vocabulary.swapVerbs.in(words)) {
                layoutWords.addAll(vocabulary.swapVerbs.all(words));
                layoutWords.addAll(swapPlaces);
            }
            boolean clauseLayout = !layoutWords.isEmpty();
            unquotedText |= clauseTextEdit && spans.isEmpty() && !translates && !clauseLayout;
            textEdit |= clauseTextEdit;
            layout |= clauseLayout;
            evidence.addAll("layoutEdit", layoutWords);
            List<String> sceneWords = except(vocabulary.scene, words, verbAt);
            // A weather word opening the clause as its verb is always the action on its object
            // ("Frost the glass"), even one listed as an edit verb: its verb sense is local.
            List<String> weatherWords = except(vocabulary.weather, words, verb < 0 ? -1 : words.words().get(verb).start());
            // Fog or frost is the setting unless the clause puts it on a thing ("mist on the glass",
            // "给玻璃杯蒙上水雾"); beside a scene word ("fog over the landscape") it is the setting anyway.
            if (!weatherWords.isEmpty() && (!sceneWords.isEmpty() || !vocabulary.placements.in(words))) {
                sceneWords.addAll(weatherWords);
            }
            scene |= !sceneWords.isEmpty();
            evidence.addAll("sceneWide", sceneWords);
            removal |= !removes.isEmpty();
            evidence.addAll("removal", removes);
            int clauseActions = actionsIn(words, verb);
            actions += clauseActions;
            if (clauseActions > 0) {
                evidence.add("editActions", clauseActions > 1 ? asWritten + " (" + clauseActions + ")" : asWritten);
            }
            vocabulary.customSignals.forEach((name, terms) -> {
                if (terms.in(words)) {
                    signals.add(name);
                }
            });
        }
        if (actions == 0 && !change.isEmpty()) {
            actions = 1; // an instruction the vocabulary has no verb for is still one change
            evidence.add("editActions", change.get(0));
        }
        evidence.addAll("preservation", preserve);
        // Both only mean something with several images; with one they are not even looked for.
        boolean several = request.images().size() >= 2;
        List<String> composing = several ? composing(whole) : List.of();
        boolean numbered = !composing.isEmpty() && vocabulary.numberedReferences.in(whole); // a numbered reference composes
        evidence.addAll("composition", composing);
        boolean preservationFirst = !split.isEmpty() && split.get(0).preservation();
        return new Features(
                request.images().size(),
                request.mask() != null,
                forcedModel,
                request.requestedOutputs(),
                quoted,
                scripts,
                new ArrayList<>(targets),
                textEdit,
                layout,
                !composing.isEmpty(),
                numbered,
                scene,
                removal,
                actions,
                named,
                change,
                preserve,
                preservationFirst && !change.isEmpty(),
                unquotedText && quoted.isEmpty(),
                signals,
                evidence.map());
    }

    /** What produced each signal: the words as written, keyed by the signal's name. */
    private static final class Evidence {
        private final Quotes.Masked masked;
        private final Map<String, List<String>> bySignal = new LinkedHashMap<>();

        Evidence(Quotes.Masked masked) {
            this.masked = masked;
        }

        void add(String signal, String found) {
            List<String> list = bySignal.computeIfAbsent(signal, k -> new ArrayList<>());
            String written = written(found);
            if (!list.contains(written)) {
                list.add(written);
            }
        }

        void addAll(String signal, List<String> found) {
            found.forEach(f -> add(signal, f));
        }

        Map<String, List<String>> map() {
            return bySignal;
        }

        /** Quote marks back to their text, a model mark to "{model}". */
        private String written(String piece) {
            if (piece.indexOf(Quotes.OPEN_MARK) < 0 && piece.indexOf(Words.MODEL_MARK) < 0) {
                return piece;
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < piece.length(); i++) {
                char c = piece.charAt(i);
                int close = c == Quotes.OPEN_MARK ? piece.indexOf(Quotes.CLOSE_MARK, i) : -1;
                if (close > 0) {
                    out.append('"').append(masked.spans().get(Integer.parseInt(piece.substring(i + 1, close)))).append('"');
                    i = close;
                } else {
                    out.append(c == Words.MODEL_MARK ? "{model}" : String.valueOf(c));
                }
            }
            return out.toString();
        }
    }

    /** A clause as the user wrote it: quoted spans and model names put back in place of their marks. */
    private static String asWritten(String clause, Quotes.Masked masked, Iterator<String> modelNames) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < clause.length(); i++) {
            char c = clause.charAt(i);
            if (c == Quotes.OPEN_MARK) {
                int close = clause.indexOf(Quotes.CLOSE_MARK, i);
                out.append('"').append(masked.spans().get(Integer.parseInt(clause.substring(i + 1, close)))).append('"');
                i = close;
            } else if (c == Words.MODEL_MARK) {
                out.append(modelNames.hasNext() ? modelNames.next() : "");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The words that combine images or name one. An article and a word that name an image only
     * when they stand alone ("la première", "las otras", "die anderen") do not when a noun of
     * their own follows ("la première marche", "las otras tazas"): that is a thing in the
     * picture. A word that names an image by itself ("the reference palette") still does, and an
     * image noun after them ("das erste Bild") is a numbered reference.
     */
    private List<String> composing(Words.Text whole) {
        List<Terms.Span> spans = vocabulary.composition.find(whole);
        if (spans.isEmpty()) {
            return List.of(); // the numbered references are composition terms too: none of them is there either
        }
        List<Words.Word> words = whole.words();
        List<String> found = new ArrayList<>();
        int w = 0;
        for (Terms.Span span : spans) {
            while (w < words.size() && words.get(w).start() < span.start()) {
                w++;
            }
            boolean articleAndWord = w + 2 < words.size() && words.get(w + 1).end() == span.end()
                    && vocabulary.determiners.phraseAt(words, w) > 0 && vocabulary.composition.phraseAt(words, w + 1) == 0;
            if (!articleAndWord || !ownNoun(words, w + 2)) {
                found.add(whole.value.substring(span.start(), span.end()));
            }
        }
        return found.isEmpty() ? vocabulary.numberedReferences.all(whole) : found;
    }

    /** The word is a content word: no article, preposition, joint, filler, number or quote. */
    private boolean ownNoun(List<Words.Word> words, int i) {
        String word = words.get(i).text();
        return Character.isLetter(word.charAt(0)) && vocabulary.determiners.phraseAt(words, i) == 0
                && vocabulary.functionWords.phraseAt(words, i) == 0 && vocabulary.joints.phraseAt(words, i) == 0
                && vocabulary.fillers.phraseAt(words, i) == 0;
    }

    /**
     * Where the word stands that opens the clause as its verb with its own object ("Mist the
     * bottle", "Fog the mirror", "Emboss a logo"), or -1. Such a word is the action, so its noun
     * sense (mist as weather) does not count: that needs noun context ("add mist to the scene").
     * A word the vocabulary lists as an edit verb keeps its signal ("Relight the room", "Write a
     * note on the card"), since its verb sense is the signal.
     */
    private int openingVerbAt(Words.Text clause, int verb) {
        return verb < 0 || vocabulary.editVerbs.phraseAt(clause.words(), verb) > 0 ? -1 : clause.words().get(verb).start();
    }

    /** The terms found in the clause, except one that starts where its verb does. */
    private static List<String> except(Terms terms, Words.Text clause, int verbAt) {
        List<String> found = new ArrayList<>();
        for (Terms.Span span : terms.find(clause)) {
            if (span.start() != verbAt) {
                found.add(clause.value.substring(span.start(), span.end()));
            }
        }
        return found;
    }

    /**
     * Edit actions in one change clause. In scripts without spaces: its edit verbs, or its marked
     * objects (把, を, 을/를) when there are more of those, so an unknown verb with its object still
     * counts. Else one when the clause opens with an edit verb, or with any verb and its own
     * object (the word {@code imperativeVerb}, -1 when none does), or says what something now is,
     * or closes with an edit verb in its infinitive.
     */
    private int actionsIn(Words.Text clause, int imperativeVerb) {
        if (clause.unspaced() || inScript(clause.value, vocabulary.verbCountingScripts)) {
            List<Terms.Span> verbs = vocabulary.editVerbs.find(clause);
            int count = verbs.size() - insideObjects(clause, verbs);
            // A causative (让她戴上墨镜 "have her wear sunglasses") is the verb only when no other verb follows it.
            int causing = vocabulary.causatives.find(clause).size();
            if (causing > 0 && count > causing) {
                count -= causing;
            }
            return Math.max(count, vocabulary.objectMarkers.find(clause).size());
        }
        return vocabulary.opensWithEdit(clause) || imperativeVerb >= 0
                || vocabulary.declarativeEdits.in(clause) || vocabulary.closesWithEdit(clause) ? 1 : 0;
    }

    /**
     * The verbs written inside an object that a leading marker opens: between 把 and the verb
     * that closes its object (the last verb before the next marker) stands a noun, and a verb
     * found there is part of it (杯盖 "cup lid", 画框 "picture frame"), not an action.
     */
    private int insideObjects(Words.Text clause, List<Terms.Span> verbs) {
        List<Terms.Span> markers = vocabulary.leadingObjectMarkers.find(clause);
        int inside = 0;
        for (int m = 0; m < markers.size(); m++) {
            int from = markers.get(m).end();
            int to = m + 1 < markers.size() ? markers.get(m + 1).start() : clause.value.length();
            int governed = 0;
            for (Terms.Span verb : verbs) {
                if (verb.start() >= from && verb.start() < to) {
                    governed++;
                }
            }
            inside += Math.max(governed - 1, 0);
        }
        return inside;
    }

    private static boolean inScript(String text, Set<Character.UnicodeScript> scripts) {
        if (scripts.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x0370 && Character.isLetter(c) && scripts.contains(Character.UnicodeScript.of(c))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The languages in a non-Latin script that in-image text should end up in. A language after
     * "into" (al, ins, на, إلى, 成, に, 로...) is a target and one after "from" (de, aus, из, 从,
     * から...) a source; a language joined to one of those by "and" or a comma shares its role.
     * "In" (en, em, auf) names a target only when no "into" does, since it also describes the
     * source ("the signs in Japanese"): the one right after the translation verb, else the last.
     * When no language is marked at all, a non-Latin one is taken for the target ("localise the
     * banner for Korean readers").
     */
    private List<String> translationTargets(Words.Text words) {
        List<Terms.Span> nonLatin = vocabulary.nonLatinLanguages.find(words);
        if (nonLatin.isEmpty()) {
            return List.of();
        }
        List<Terms.Span> mentions = new ArrayList<>(nonLatin);
        mentions.addAll(vocabulary.latinLanguages.find(words));
        mentions.sort((a, b) -> Integer.compare(a.start(), b.start()));
        List<String> into = new ArrayList<>();
        List<String> unmarked = new ArrayList<>();
        boolean anyInto = false;
        Terms.Span weak = null;
        boolean weakAfterVerb = false;
        Role role = Role.UNSAID;
        Terms.Span previous = null;
        for (Terms.Span mention : mentions) {
            int marker = markerBefore(words, mention);
            String before = marker < 0 ? "" : words.words().get(marker).text();
            if (vocabulary.translationInto.contains(before) || unspacedMarker(words, mention, vocabulary.translationInto)
                    || after(words, mention, vocabulary.translationIntoAfter)) {
                role = Role.TARGET;
            } else if (vocabulary.translationFrom.contains(before) || unspacedMarker(words, mention, vocabulary.translationFrom)
                    || after(words, mention, vocabulary.translationFromAfter)) {
                role = Role.SOURCE;
            } else if (vocabulary.translationIn.contains(before)) {
                role = Role.IN;
                boolean afterVerb = marker > 0 && vocabulary.translation.phraseAt(words.words(), marker - 1) > 0;
                if (!weakAfterVerb) {
                    weak = mention;
                    weakAfterVerb = afterVerb;
                }
            } else if (previous == null || words.value.substring(previous.end(), mention.start()).strip().length() > 6) {
                role = Role.UNSAID;
            }
            anyInto |= role == Role.TARGET;
            String language = words.value.substring(mention.start(), mention.end());
            if (nonLatin.contains(mention)) {
                if (role == Role.TARGET) {
                    into.add(language);
                } else if (role == Role.UNSAID) {
                    unmarked.add(language);
                }
            }
            previous = mention;
        }
        if (anyInto) {
            return into;
        }
        if (weak != null) {
            return nonLatin.contains(weak) ? List.of(words.value.substring(weak.start(), weak.end())) : List.of();
        }
        return unmarked;
    }

    private enum Role { TARGET, SOURCE, IN, UNSAID }

    /** The index of the word before a mention, stepping over one article that is no marker itself ("para o inglês"), or -1. */
    private int markerBefore(Words.Text words, Terms.Span mention) {
        int last = -1;
        List<Words.Word> all = words.words();
        for (int i = 0; i < all.size() && all.get(i).end() <= mention.start(); i++) {
            last = i;
        }
        String word = last < 0 ? "" : all.get(last).text();
        boolean marker = vocabulary.translationInto.contains(word) || vocabulary.translationFrom.contains(word)
                || vocabulary.translationIn.contains(word);
        if (last > 0 && !marker && vocabulary.determiners.phraseAt(all, last) > 0) {
            return last - 1;
        }
        return last;
    }

    /** In text without spaces, a marker written right before the mention (翻译成韩语). */
    private static boolean unspacedMarker(Words.Text words, Terms.Span mention, Set<String> markers) {
        String head = words.value.substring(0, mention.start()).stripTrailing();
        for (String marker : markers) {
            if (Words.unspaced(marker) && head.endsWith(marker)) {
                return true;
            }
        }
        return false;
    }

    /** A marker written right after the mention (韓国語に, 영어로). */
    private static boolean after(Words.Text words, Terms.Span mention, List<String> markers) {
        String tail = words.value.substring(mention.end()).stripLeading();
        for (String marker : markers) {
            if (tail.startsWith(marker)) {
                return true;
            }
        }
        return false;
    }

    private List<String> namedModels(String text) {
        Map<Integer, String> byPosition = new TreeMap<>();
        vocabulary.namedModels.forEach((endpoint, terms) -> {
            int at = terms.indexIn(text);
            if (at >= 0) {
                byPosition.putIfAbsent(at, endpoint);
            }
        });
        return List.copyOf(new LinkedHashSet<>(byPosition.values()));
    }
}
