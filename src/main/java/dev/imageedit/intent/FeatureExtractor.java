package dev.imageedit.intent;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
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

        List<String> named = namedModels(text);
        Iterator<String> modelNames = vocabulary.anyNamedModel.all(text).iterator();
        // Model names are not instructions: "gpt image 2" must not read as "image 2".
        text = vocabulary.anyNamedModel.replaceAll(text, String.valueOf(Words.MODEL_MARK));

        List<String> change = new ArrayList<>();
        List<String> preserve = new ArrayList<>();
        List<String> quoted = new ArrayList<>();
        Set<String> scripts = new LinkedHashSet<>();
        Set<String> targets = new LinkedHashSet<>();
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
            if (clause.preservation()) {
                preserve.add(asWritten);
                continue;
            }
            change.add(asWritten);
            Words.Text words = new Words.Text(c);
            List<String> spans = masked.spansIn(c);
            quoted.addAll(spans);
            spans.forEach(span -> scripts.addAll(Quotes.nonLatinScripts(span)));
            boolean removes = vocabulary.removal.in(words);
            boolean aboutText = !spans.isEmpty() || vocabulary.text.in(words);
            boolean translates = vocabulary.translation.in(words);
            boolean clauseTextEdit = (aboutText || translates) && !removes;
            if (clauseTextEdit || translates) {
                targets.addAll(vocabulary.nonLatinLanguages.all(words));
            }
            boolean clauseLayout = vocabulary.layout.in(words);
            unquotedText |= clauseTextEdit && spans.isEmpty() && !translates && !clauseLayout;
            textEdit |= clauseTextEdit;
            layout |= clauseLayout;
            scene |= vocabulary.scene.in(words);
            removal |= removes;
            actions += actionsIn(words);
            vocabulary.customSignals.forEach((name, terms) -> {
                if (terms.in(words)) {
                    signals.add(name);
                }
            });
        }
        if (actions == 0 && !change.isEmpty()) {
            actions = 1; // an instruction the vocabulary has no verb for is still one change
        }
        // Both only mean something with several images; with one they are not even looked for.
        boolean several = request.images().size() >= 2;
        boolean composition = several && vocabulary.composition.in(text);
        boolean numbered = several && vocabulary.numberedReferences.in(text);
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
                composition,
                numbered,
                scene,
                removal,
                actions,
                named,
                change,
                preserve,
                preservationFirst && !change.isEmpty(),
                unquotedText && quoted.isEmpty(),
                signals);
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

    /** Edit actions in one change clause: verbs in unspaced scripts, else the head verb. */
    private int actionsIn(Words.Text clause) {
        if (clause.unspaced()) {
            return vocabulary.editVerbs.all(clause).size();
        }
        return vocabulary.opensWithEdit(clause) || vocabulary.declarativeEdits.in(clause) ? 1 : 0;
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
