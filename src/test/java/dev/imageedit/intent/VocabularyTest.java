package dev.imageedit.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageedit.EditException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vocabulary as data: bundled, from a --rules folder, and extended by a language file alone. */
class VocabularyTest {
    @TempDir
    Path folder;

    private static Features read(Vocabulary vocabulary, String prompt) {
        return new FeatureExtractor(vocabulary).extract(new EditRequest(prompt, List.of("https://example.com/a.png"), null, null, Map.of()), null);
    }

    @Test
    void aTwelfthLanguage_isOneFileInTheFoldersVocabulary() throws IOException {
        Files.createDirectories(folder.resolve("vocabulary"));
        Files.writeString(folder.resolve("vocabulary").resolve("nl.json"), """
                {"edit_verbs": ["voeg* toe", "verwijder*"], "removal": ["verwijder*"], "scene": ["achtergrond"]}
                """);
        Vocabulary withDutch = Vocabulary.in(folder);
        assertThat(read(withDutch, "Verwijder de kabels.").removal()).isTrue();
        assertThat(read(withDutch, "Vervang de achtergrond door een strand.").sceneWide()).isTrue();
        assertThat(read(Vocabulary.bundled(), "Verwijder de kabels.").removal()).isFalse();
        // the bundled languages still load beside it
        assertThat(read(withDutch, "Удали провода.").removal()).isTrue();
    }

    @Test
    void aFolderLanguageFile_replacesTheBundledOne() throws IOException {
        Files.createDirectories(folder.resolve("vocabulary"));
        Files.writeString(folder.resolve("vocabulary").resolve("es.json"), "{\"removal\": [\"fuera\"]}");
        Vocabulary own = Vocabulary.in(folder);
        assertThat(read(own, "Fuera los cables.").removal()).isTrue();
        assertThat(read(own, "Borra los cables.").removal()).isFalse();
    }

    @Test
    void aListedLanguageWithoutAFile_isADataError() throws IOException {
        Files.writeString(folder.resolve("vocabulary.json"), "{\"languages\": [\"en\", \"xx\"]}");
        assertThatThrownBy(() -> Vocabulary.in(folder)).isInstanceOf(EditException.class).hasMessageContaining("\"xx\"");
    }

    @Test
    void anotherListInAnyFile_isASignalForTheUsersRules() throws IOException {
        Files.createDirectories(folder.resolve("vocabulary"));
        Files.writeString(folder.resolve("vocabulary").resolve("de.json"), "{\"upscale\": [\"hochskalier*\"]}");
        assertThat(read(Vocabulary.in(folder), "Bitte hochskalieren.").signals()).containsExactly("upscale");
    }

    /**
     * Every language's lists are read as one, so a signal word of one language that is an article,
     * a preposition or a joint word in another ("une": Spanish "join", French "a") would fire on
     * every sentence of that other language.
     */
    @Test
    void noSignalWord_isAGrammarWordOfAnotherLanguage() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> files = new ArrayList<>();
        try (Stream<Path> paths = Files.list(Path.of("rules", "vocabulary"))) {
            for (Path p : paths.sorted().toList()) {
                files.add(json.readTree(p.toFile()));
            }
        }
        Set<String> grammar = new HashSet<>();
        for (JsonNode file : files) {
            for (String list : List.of("determiners", "function_words", "fillers", "joints")) {
                file.path(list).forEach(t -> grammar.add(t.asText().toLowerCase(Locale.ROOT)));
            }
        }
        for (JsonNode file : files) {
            for (String list : List.of("composition", "role_references", "numbered_references", "scene", "weather", "removal", "text", "layout",
                    "swap_verbs", "swap_places")) {
                file.path(list).forEach(t -> assertThat(grammar).as(list + ": " + t.asText())
                        .doesNotContain(t.asText().toLowerCase(Locale.ROOT)));
            }
        }
    }
}
