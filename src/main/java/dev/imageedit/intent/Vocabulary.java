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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The words that mean each signal ("background", "去掉", "見出し", "fondo", "الخلفية"...), loaded
 * from data so that a user can teach the router new words, or a new language, without recompiling.
 *
 * <p>{@code vocabulary.json} holds what belongs to no language (model names, the list of
 * languages) and {@code vocabulary/<language>.json} one file per language. Every file may hold
 * any list; lists of the same name from all files are read as one.
 */
public final class Vocabulary {
    static final String RESOURCE = "/dev/imageedit/bundled/vocabulary.json";
    private static final String LANGUAGE_RESOURCES = "/dev/imageedit/bundled/vocabulary/";
    private static final Set<String> KNOWN = Set.of("about", "languages", "fillers", "edit_verbs", "declarative_edits",
            "preservation_starts", "preservation_marks", "scene", "removal", "text", "layout", "numbered_references",
            "role_references", "composition", "translation", "non_latin_languages", "latin_languages", "translation_into",
            "translation_into_after", "translation_in", "translation_from", "translation_from_after", "named_models", "joints",
            "preservation_joints", "preservation_ends", "determiners", "complement_articles", "function_words",
            "imperative_endings", "infinitive_endings", "object_markers", "leading_object_markers", "clitic_prefixes", "verb_counting_scripts", "task_headers",
            "context_headers", "request_headers", "keep_headers", "restrictives", "weather", "placements", "swap_verbs",
            "swap_places", "causatives");

    final Words.Morphology morphology;
    final Terms fillers;
    final Terms editVerbs;
    final Terms declarativeEdits;
    final Terms preservationStarts;
    final Terms preservationMarks;
    final Terms scene;
    /** Fog, mist, frost, snow: the setting, or a material put on one thing when the clause has a placement. */
    final Terms weather;
    /** Words that put something onto a thing ("on", "onto", "cover", 给, に, 에). */
    final Terms placements;
    /** "Swap", "intercambia", "vertausche": a layout edit when the clause also names places or positions. */
    final Terms swapVerbs;
    /** "Places", "lugar", "Plätze", "posto": what a swap verb exchanges when it moves elements. */
    final Terms swapPlaces;
    final Terms removal;
    final Terms text;
    final Terms layout;
    final Terms numberedReferences;
    final Terms roleReferences;
    final Terms composition;
    final Terms translation;
    final Terms nonLatinLanguages;
    final Terms latinLanguages;
    final Set<String> translationInto;
    final List<String> translationIntoAfter;
    final Set<String> translationIn;
    final Set<String> translationFrom;
    final List<String> translationFromAfter;
    final Terms joints;
    final Terms preservationJoints;
    /** Forms that close a preservation clause joined to the change after it (그대로 두고, 変えずに). */
    final Terms preservationEnds;
    final Terms determiners;
    /** Articles fused with "of" (del, du, della, do, des): a word before one is a noun with its complement, not a verb. */
    final Terms complementArticles;
    final Terms functionWords;
    final List<String> imperativeEndings;
    /** Endings of an infinitive that may close an instruction (German "färben", "verändern", "sammeln"). */
    final List<String> infinitiveEndings;
    final Terms objectMarkers;
    /** Object markers written before their object (把, 将), which its verb then closes. */
    final Terms leadingObjectMarkers;
    final Terms causatives;
    /** Scripts whose clauses count every edit verb, not just the one that opens them (Arabic writes "and" onto the verb). */
    final Set<Character.UnicodeScript> verbCountingScripts;
    /** "Just", "only", "solo", "nur": they narrow an instruction to the one thing that changes. */
    final Terms restrictives;
    final Terms taskHeaders;
    final Terms contextHeaders;
    /** "Request", "依頼", "요청": the task in a prompt that names no task, its brief beside one that does. */
    final Terms requestHeaders;
    final Terms keepHeaders;
    final Map<String, Terms> namedModels;
    final Terms anyNamedModel;
    /** Lists under any other key: each becomes a signal of that name for the user's own rules. */
    final Map<String, Terms> customSignals;

    private Vocabulary(List<Source> sources) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        Map<String, List<String>> models = new LinkedHashMap<>();
        for (Source source : sources) {
            source.root().fields().forEachRemaining(e -> {
                if (e.getKey().equals("named_models")) {
                    e.getValue().fields().forEachRemaining(m -> models.computeIfAbsent(m.getKey(), k -> new ArrayList<>())
                            .addAll(strings(m.getValue(), "named_models." + m.getKey(), source.name())));
                } else if (!e.getKey().equals("about") && !e.getKey().equals("languages")) {
                    lists.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(strings(e.getValue(), e.getKey(), source.name()));
                }
            });
        }
        morphology = new Words.Morphology(lists.getOrDefault("clitic_prefixes", List.of()));
        fillers = terms(lists, "fillers");
        editVerbs = terms(lists, "edit_verbs");
        declarativeEdits = terms(lists, "declarative_edits");
        preservationStarts = terms(lists, "preservation_starts");
        preservationMarks = terms(lists, "preservation_marks");
        scene = terms(lists, "scene");
        weather = terms(lists, "weather");
        placements = terms(lists, "placements");
        swapVerbs = terms(lists, "swap_verbs");
        swapPlaces = terms(lists, "swap_places");
        removal = terms(lists, "removal");
        text = terms(lists, "text");
        layout = terms(lists, "layout");
        numberedReferences = terms(lists, "numbered_references");
        roleReferences = terms(lists, "role_references");
        List<String> composing = new ArrayList<>(lists.getOrDefault("numbered_references", List.of()));
        composing.addAll(lists.getOrDefault("role_references", List.of()));
        composing.addAll(lists.getOrDefault("composition", List.of()));
        composition = Terms.of(composing, morphology);
        translation = terms(lists, "translation");
        nonLatinLanguages = terms(lists, "non_latin_languages");
        latinLanguages = terms(lists, "latin_languages");
        translationInto = folded(lists, "translation_into");
        translationIntoAfter = List.copyOf(folded(lists, "translation_into_after"));
        translationIn = folded(lists, "translation_in");
        translationFrom = folded(lists, "translation_from");
        translationFromAfter = List.copyOf(folded(lists, "translation_from_after"));
        joints = terms(lists, "joints");
        preservationJoints = terms(lists, "preservation_joints");
        preservationEnds = terms(lists, "preservation_ends");
        determiners = terms(lists, "determiners");
        complementArticles = terms(lists, "complement_articles");
        functionWords = terms(lists, "function_words");
        imperativeEndings = List.copyOf(folded(lists, "imperative_endings"));
        infinitiveEndings = List.copyOf(folded(lists, "infinitive_endings"));
        List<String> markers = new ArrayList<>(lists.getOrDefault("object_markers", List.of()));
        markers.addAll(lists.getOrDefault("leading_object_markers", List.of()));
        objectMarkers = Terms.of(markers, morphology);
        leadingObjectMarkers = terms(lists, "leading_object_markers");
        causatives = terms(lists, "causatives");
        verbCountingScripts = new LinkedHashSet<>();
        for (String script : lists.getOrDefault("verb_counting_scripts", List.of())) {
            try {
                verbCountingScripts.add(Character.UnicodeScript.forName(script.strip()));
            } catch (IllegalArgumentException e) {
                throw EditException.data("\"verb_counting_scripts\": " + script + " is not a Unicode script name (e.g. ARABIC)");
            }
        }
        restrictives = terms(lists, "restrictives");
        taskHeaders = terms(lists, "task_headers");
        contextHeaders = terms(lists, "context_headers");
        requestHeaders = terms(lists, "request_headers");
        keepHeaders = terms(lists, "keep_headers");
        namedModels = new LinkedHashMap<>();
        List<String> allNames = new ArrayList<>();
        models.forEach((endpoint, names) -> {
            namedModels.put(endpoint, Terms.of(names, morphology));
            allNames.addAll(names);
        });
        anyNamedModel = Terms.of(allNames, morphology);
        customSignals = new LinkedHashMap<>();
        lists.forEach((key, terms) -> {
            if (!KNOWN.contains(key)) {
                customSignals.put(key, Terms.of(terms, morphology));
            }
        });
    }

    /** The text opens with an edit verb, after any fillers ("please", "then", "use {model} to"). */
    boolean opensWithEdit(Words.Text text) {
        return editVerbs.startsAfter(fillers, text);
    }

    /**
     * The text closes with an edit verb in an infinitive form the vocabulary lists, as German task
     * lists write an instruction ("Haare kupferrot färben", "Hintergrund entfernen").
     */
    boolean closesWithEdit(Words.Text text) {
        List<Words.Word> words = text.words();
        int last = words.size() - 1;
        if (last < 1 || editVerbs.phraseAt(words, last) == 0) {
            return false;
        }
        String verb = words.get(last).text();
        return infinitiveEndings.stream().anyMatch(ending -> verb.length() > ending.length() + 2 && verb.endsWith(ending));
    }

    /**
     * Where the text's first word after its opening fillers ("please", "could you") starts; 0 when
     * it has no words to tell (a text written without spaces), so that every mark in it counts.
     */
    int afterFillers(Words.Text text) {
        List<Words.Word> words = text.words();
        int i = 0;
        int filler;
        while (i < words.size() && (filler = fillers.phraseAt(words, i)) > 0 && i + filler < words.size()) {
            i += filler;
        }
        return i < words.size() ? words.get(i).start() : 0;
    }

    /** The text opens with a "keep"-like word or a negation, after any fillers. */
    boolean opensWithPreservation(Words.Text text) {
        return preservationStarts.startsAfter(fillers, text);
    }

    /** A text as the matching sees it: split into folded words on first use. */
    Words.Text read(String value) {
        return new Words.Text(value, morphology);
    }

    /** The vocabulary that ships with the tool: vocabulary.json and every language it lists. */
    public static Vocabulary bundled() {
        JsonNode core = resource(RESOURCE);
        List<Source> sources = new ArrayList<>();
        sources.add(new Source("the bundled vocabulary.json", core));
        for (String language : languages(core, "the bundled vocabulary.json")) {
            sources.add(new Source("the bundled vocabulary/" + language + ".json", resource(LANGUAGE_RESOURCES + language + ".json")));
        }
        return new Vocabulary(sources);
    }

    /**
     * The vocabulary of a {@code --rules} folder: its vocabulary.json (else the bundled one), and
     * for every language that file lists or that has a file in the folder's vocabulary/, the
     * folder's file, else the bundled one. A twelfth language is one more file in vocabulary/.
     */
    public static Vocabulary in(Path folder) {
        Path coreFile = folder.resolve("vocabulary.json");
        boolean ownCore = Files.isRegularFile(coreFile);
        JsonNode core = ownCore ? file(coreFile) : resource(RESOURCE);
        String coreName = ownCore ? coreFile.toString() : "the bundled vocabulary.json";
        Set<String> languages = new LinkedHashSet<>(languages(core, coreName));
        Path languageFolder = folder.resolve("vocabulary");
        if (Files.isDirectory(languageFolder)) {
            try (Stream<Path> files = Files.list(languageFolder)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
                        .forEach(n -> languages.add(n.substring(0, n.length() - ".json".length())));
            } catch (IOException e) {
                throw EditException.data(languageFolder + " is not a readable folder: " + e.getMessage());
            }
        }
        List<Source> sources = new ArrayList<>();
        sources.add(new Source(coreName, core));
        for (String language : languages) {
            Path own = languageFolder.resolve(language + ".json");
            if (Files.isRegularFile(own)) {
                sources.add(new Source(own.toString(), file(own)));
            } else if (Vocabulary.class.getResource(LANGUAGE_RESOURCES + language + ".json") != null) {
                sources.add(new Source("the bundled vocabulary/" + language + ".json", resource(LANGUAGE_RESOURCES + language + ".json")));
            } else {
                throw EditException.data(coreName + " lists the language \"" + language + "\", but neither " + own
                        + " nor a bundled file for it exists");
            }
        }
        return new Vocabulary(sources);
    }

    private record Source(String name, JsonNode root) {
    }

    private static List<String> languages(JsonNode core, String name) {
        return strings(core.path("languages"), "languages", name);
    }

    private static JsonNode resource(String path) {
        try (InputStream in = Vocabulary.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the bundled vocabulary is missing from the jar: " + path);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled vocabulary " + path, e);
        }
    }

    private static JsonNode file(Path file) {
        try {
            return new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw EditException.data(file + " is not a readable vocabulary file: " + e.getMessage());
        }
    }

    private Terms terms(Map<String, List<String>> lists, String key) {
        return Terms.of(lists.getOrDefault(key, List.of()), morphology);
    }

    /** Single words, folded as text words are, for comparing with one word of the text. */
    private Set<String> folded(Map<String, List<String>> lists, String key) {
        Set<String> out = new LinkedHashSet<>();
        lists.getOrDefault(key, List.of()).forEach(w -> out.add(morphology.fold(w.strip())));
        return out;
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
