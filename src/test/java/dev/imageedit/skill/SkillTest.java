package dev.imageedit.skill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The agent skill against the Agent Skills format's rules for SKILL.md. */
class SkillTest {
    private static final Path SKILL = Path.of("skills", "image-edit", "SKILL.md");
    private static final Set<String> SPEC_KEYS = Set.of("name", "description", "license", "compatibility", "metadata", "allowed-tools");

    private static JsonNode frontmatter;
    private static String body;

    @BeforeAll
    static void read() throws IOException {
        String text = Files.readString(SKILL);
        Matcher m = Pattern.compile("\\A---\\n(.*?)\\n---\\n(.*)\\z", Pattern.DOTALL).matcher(text);
        assertThat(m.matches()).as("SKILL.md opens with a --- frontmatter block").isTrue();
        frontmatter = new ObjectMapper(new YAMLFactory()).readTree(m.group(1));
        body = m.group(2);
    }

    @Test
    void frontmatter_hasOnlySpecKeys() {
        List<String> keys = new ArrayList<>();
        frontmatter.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).contains("name", "description").allMatch(SPEC_KEYS::contains);
    }

    @Test
    void name_isLowercaseHyphenated_andMatchesItsFolder() {
        String name = frontmatter.path("name").asText();
        assertThat(name).hasSizeBetween(1, 64).matches("[a-z0-9]+(-[a-z0-9]+)*");
        assertThat(name).isEqualTo(SKILL.getParent().getFileName().toString());
    }

    @Test
    void description_saysWhatAndWhen_within1024Characters() {
        String description = frontmatter.path("description").asText();
        assertThat(description).isNotBlank().hasSizeLessThanOrEqualTo(1024).contains("Use it when");
    }

    @Test
    void optionalFields_keepTheirLimits() {
        if (frontmatter.has("compatibility")) {
            assertThat(frontmatter.path("compatibility").asText()).hasSizeBetween(1, 500);
        }
        if (frontmatter.has("metadata")) {
            frontmatter.path("metadata").fields().forEachRemaining(e -> assertThat(e.getValue().isTextual()).as(e.getKey()).isTrue());
        }
    }

    @Test
    void body_isUnder500Lines_andCoversTheAgentsNeeds() {
        assertThat(body.lines().count()).isLessThan(500);
        assertThat(body).contains("--dry-run", "--json", "--mask", "edit resume", "edit login")
                .contains("| 64 |", "| 65 |", "| 69 |", "| 75 |", "| 77 |");
    }
}
