package dev.imageedit.intent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every signal the routing policy reads, extracted from one request. Pure data: the rules
 * decide from it, nothing here decides a route.
 *
 * @param imageCount          how many source images were given
 * @param maskGiven           a mask image was given
 * @param forcedModel         the endpoint id forced with {@code --model}, or null
 * @param outputs             how many outputs were asked for ({@code --num-images}, 1 if unset)
 * @param quotedTexts         quoted spans in the change part of the prompt (not in preservation clauses)
 * @param quotedScripts       non-Latin scripts found in those spans (HAN, HANGUL, CYRILLIC, ...)
 * @param translationTargets  non-Latin-script languages that in-image text should be rendered in
 * @param textEdit            the prompt adds, rewrites, translates or restyles text inside the image
 * @param layoutEdit          the prompt moves or re-arranges design elements
 * @param composition         two or more images, and the prompt combines them
 * @param numberedReferences  two or more images, and the prompt names them by number or order ("image 2", "the first photo")
 * @param sceneWide           background, scene, sky, weather, time of day, overall light or style
 * @param removal             the prompt removes something
 * @param editActions         distinct edit actions in the change part
 * @param namedModels         endpoint ids named in the prompt, in order of first mention
 * @param changeClauses       the clauses that ask for a change
 * @param preservationClauses the clauses that say what must not change
 * @param preservationFirst   the prompt opens with what must not change
 * @param unquotedTextEdit    in-image text is asked for but none of it is quoted
 * @param signals             the user's own vocabulary lists that a change clause matched, by name
 * @param evidence            what produced each signal, keyed by its name ("sceneWide", "editActions",
 *                            "composition"...): the words or clauses as written, so a decision can be explained
 */
public record Features(
        int imageCount,
        boolean maskGiven,
        String forcedModel,
        int outputs,
        List<String> quotedTexts,
        Set<String> quotedScripts,
        List<String> translationTargets,
        boolean textEdit,
        boolean layoutEdit,
        boolean composition,
        boolean numberedReferences,
        boolean sceneWide,
        boolean removal,
        int editActions,
        List<String> namedModels,
        List<String> changeClauses,
        List<String> preservationClauses,
        boolean preservationFirst,
        boolean unquotedTextEdit,
        Set<String> signals,
        Map<String, List<String>> evidence) {

    public Features {
        quotedTexts = List.copyOf(quotedTexts);
        quotedScripts = Set.copyOf(quotedScripts);
        translationTargets = List.copyOf(translationTargets);
        namedModels = List.copyOf(namedModels);
        changeClauses = List.copyOf(changeClauses);
        preservationClauses = List.copyOf(preservationClauses);
        signals = Set.copyOf(signals);
        // Kept in the order the signals were found, which is the order --explain prints them in.
        Map<String, List<String>> copy = new LinkedHashMap<>();
        evidence.forEach((signal, found) -> copy.put(signal, List.copyOf(found)));
        evidence = Collections.unmodifiableMap(copy);
    }

    /** In-image text in a script other than Latin: quoted, or asked for by translation. */
    public boolean nonLatinText() {
        return !quotedScripts.isEmpty() || !translationTargets.isEmpty();
    }

    /** More than one output was asked for. */
    public boolean variants() {
        return outputs > 1;
    }
}
