package dev.imageedit.intent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A regular expression filtered by its first characters finds exactly what it finds unfiltered. */
class FirstCharsTest {
    /** Pieces that the bundled patterns start, end or stop at, for texts built at random. */
    private static final String[] PIECES = {"image", "images", "photo", "pic", "first", "second", "other", "others", "the", "to",
        "on", "and", "swap", "switch", "brighten", "make", "it", "up", "whole", "look", "darker", "paint", "clean", "away",
        "locali", "localise", "bild", "erste", "n", "imagen", "última", "première", "immagine", "imagem", "l'", "d'",
        "фото", "перв", "ого", "остальн", "снимок", "№", "صورة", "رقم", "٣", "图", "图片", "第", "三", "张", "照片", "枚目",
        "画像", "사진", "번", "번째", "가", "을", "를", "并", "把", "交换", "位置", "，", "\uE002", " ", " ", " ", "  ", "\n",
        "-", "_", "#", ".", ",", ";", "2", "12", "1st", "'", "é", "x"};

    @Test
    void everyBundledPatternFindsTheSameWithItsFilter() throws IOException {
        Map<String, List<String>> patterns = bundledPatterns();
        List<String> texts = texts();
        int filtered = 0;
        for (Map.Entry<String, List<String>> category : patterns.entrySet()) {
            List<String> alternatives = new ArrayList<>(category.getValue());
            // Each on its own, and all of a category as one alternation, as Terms joins them.
            alternatives.add(String.join("|", category.getValue().stream().map(p -> "(?:" + p + ")").toList()));
            for (String pattern : alternatives) {
                String withFilter = FirstChars.filtered(pattern);
                filtered += withFilter.equals(pattern) ? 0 : 1;
                Pattern plain = Pattern.compile(pattern);
                Pattern fast = Pattern.compile(withFilter);
                for (String text : texts) {
                    assertThat(spans(fast, text)).as("%s over \"%s\"", pattern, text).isEqualTo(spans(plain, text));
                }
            }
        }
        assertThat(filtered).as("patterns given a filter").isGreaterThan(patterns.size());
    }

    @Test
    void whatItCannotReadIsLeftAsWritten() {
        for (String pattern : List.of("a|", "x?", "(?i)abc", ".x", "[^a]b", "\\1a", "[a[b]]c", "\\Qab\\E", "(?:\\b)*", "\\Dx")) {
            assertThat(FirstChars.filtered(pattern)).as(pattern).isEqualTo(pattern);
        }
    }

    @Test
    void theFiltersNameTheFirstCharactersAndAWordBoundaryAllMatchesStartAt() {
        // The \\b in front is tested once: the alternatives' own are left out.
        assertThat(FirstChars.filtered("\\b(?:ab|c)d|(?:\\bx|\\b(y))")).isEqualTo(
                "(?=[acxy])\\b(?:(?=[ac])(?:ab|c)d|(?=[xy])(?:x|(y)))");
        assertThat(FirstChars.filtered("(?<!\\p{L})a?[가-힣]|\\d+z")).isEqualTo(
                "(?=[a[가-힣]\\d])(?:(?=[a[가-힣]])(?<!\\p{L})a?[가-힣]|(?=[\\d])\\d+z)");
        // A \\b that is optional or repeated stays as written.
        assertThat(FirstChars.filtered("\\b?a")).isEqualTo("(?=[a])(?:\\b?a)");
        assertThat(FirstChars.filtered("\\b+a|\\bb")).isEqualTo("(?=[ab])(?:(?=[a])\\b+a|(?=[b])\\bb)");
        // Only the first character counts: "c." starts with c.
        assertThat(FirstChars.filtered("ab|c.")).isEqualTo("(?=[ac])(?:(?=[a])ab|(?=[c])c.)");
        // A character other than a letter or digit is written by its number, so that it means itself in the class.
        assertThat(FirstChars.filtered("-a|\\^b")).isEqualTo("(?=[\\x{2d}\\x{5e}])(?:(?=[\\x{2d}])-a|(?=[\\x{5e}])\\^b)");
    }

    private static List<String> spans(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.start() + "-" + m.end());
        }
        return found;
    }

    /** The bundled prompts in lower case, and texts put together at random from pieces the patterns care about. */
    private static List<String> texts() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String resource : List.of("/routing-corpus.jsonl", "/routing-cases.jsonl")) {
            try (InputStream in = FirstCharsTest.class.getResourceAsStream(resource)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        texts.add(new ObjectMapper().readTree(line).path("prompt").asText().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        Random random = new Random(13);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = 1 + random.nextInt(8); n > 0; n--) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            texts.add(text.toString());
        }
        return texts;
    }

    /** Every {@code /regex/} term of the bundled vocabulary, by its list. */
    private static Map<String, List<String>> bundledPatterns() throws IOException {
        Map<String, List<String>> patterns = new LinkedHashMap<>();
        JsonNode core = resource(Vocabulary.RESOURCE);
        List<JsonNode> files = new ArrayList<>(List.of(core));
        for (JsonNode language : core.path("languages")) {
            files.add(resource("/dev/imageedit/bundled/vocabulary/" + language.asText() + ".json"));
        }
        for (JsonNode file : files) {
            file.fields().forEachRemaining(list -> list.getValue().forEach(term -> {
                String t = term.asText().strip();
                if (term.isTextual() && t.length() > 2 && t.startsWith("/") && t.endsWith("/")) {
                    patterns.computeIfAbsent(list.getKey(), k -> new ArrayList<>()).add(t.substring(1, t.length() - 1));
                }
            }));
        }
        return patterns;
    }

    private static JsonNode resource(String path) throws IOException {
        try (InputStream in = FirstCharsTest.class.getResourceAsStream(path)) {
            return new ObjectMapper().readTree(in);
        }
    }
}
