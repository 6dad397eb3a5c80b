package dev.imageedit.intent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageedit.EditException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words that mean each signal ("background", "去掉", "見出し"...), loaded from
 * {@code vocabulary.json} so that a user can teach the router new words without recompiling.
 */
public final class Vocabulary {
    static final String RESOURCE = "/dev/imageedit/bundled/vocabulary.json";
    private static final java.util.Set<String> KNOWN = java.util.Set.of("fillers", "edit_verbs", "declarative_edits",
            "preservation_starts", "preservation_marks", "scene", "removal", "text", "layout", "numbered_references", "composition", "translation",
            "non_latin_languages", "named_models");

    final Terms fillers;
    final Terms editVerbs;
    final Terms declarativeEdits;
    final Terms preservationStarts;
    final Terms preservationMarks;
    final Terms scene;
    final Terms removal;
    final Terms text;
    final Terms layout;
    final Terms numberedReferences;
    final Terms composition;
    final Terms translation;
    final Terms nonLatinLanguages;
    final Map<String, Terms> namedModels;
    final Terms anyNamedModel;
    /** Lists under any other key: each becomes a signal of that name for the user's own rules. */
    final Map<String, Terms> customSignals;

    private Vocabulary(JsonNode root, String source) {
        fillers = terms(root, "fillers", source);
        editVerbs = terms(root, "edit_verbs", source);
        declarativeEdits = terms(root, "declarative_edits", source);
        preservationStarts = terms(root, "preservation_starts", source);
        preservationMarks = terms(root, "preservation_marks", source);
        scene = terms(root, "scene", source);
        removal = terms(root, "removal", source);
        text = terms(root, "text", source);
        layout = terms(root, "layout", source);
        numberedReferences = terms(root, "numbered_references", source);
        List<String> composing = new ArrayList<>(strings(root.path("numbered_references"), "numbered_references", source));
        composing.addAll(strings(root.path("composition"), "composition", source));
        composition = Terms.of(composing);
        translation = terms(root, "translation", source);
        nonLatinLanguages = terms(root, "non_latin_languages", source);
        namedModels = new LinkedHashMap<>();
        List<String> allNames = new ArrayList<>();
        root.path("named_models").fields().forEachRemaining(e -> {
            List<String> names = strings(e.getValue(), "named_models." + e.getKey(), source);
            namedModels.put(e.getKey(), Terms.of(names));
            allNames.addAll(names);
        });
        anyNamedModel = Terms.of(allNames);
        customSignals = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> {
            if (e.getValue().isArray() && !KNOWN.contains(e.getKey())) {
                customSignals.put(e.getKey(), Terms.of(strings(e.getValue(), e.getKey(), source)));
            }
        });
    }

    /** The text opens with an edit verb, after any fillers ("please", "then", "use {model} to"). */
    boolean opensWithEdit(Words.Text text) {
        return editVerbs.startsAfter(fillers, text);
    }

    /** The text opens with a "keep"-like word, after any fillers. */
    boolean opensWithPreservation(Words.Text text) {
        return preservationStarts.startsAfter(fillers, text);
    }

    /** The vocabulary that ships with the tool. */
    public static Vocabulary bundled() {
        try (InputStream in = Vocabulary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled vocabulary is missing from the jar: " + RESOURCE);
            }
            return new Vocabulary(new ObjectMapper().readTree(in), "the bundled vocabulary.json");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled vocabulary", e);
        }
    }

    /** A vocabulary file of the user's own. */
    public static Vocabulary load(Path file) {
        try {
            return new Vocabulary(new ObjectMapper().readTree(Files.readString(file)), file.toString());
        } catch (IOException e) {
            throw EditException.data(file + " is not a readable vocabulary file: " + e.getMessage());
        }
    }

    private static Terms terms(JsonNode root, String key, String source) {
        return Terms.of(strings(root.path(key), key, source));
    }

    private static List<String> strings(JsonNode node, String key, String source) {
        if (node.isMissingNode()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw EditException.data(source + ": \"" + key + "\" must be a list of terms");
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        try {
            out.forEach(Terms::check);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw EditException.data(source + ": a term in \"" + key + "\" is not a valid regular expression: " + e.getDescription());
        }
        return out;
    }
}
