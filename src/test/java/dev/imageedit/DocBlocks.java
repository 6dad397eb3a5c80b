package dev.imageedit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fenced code blocks of a Markdown document, so that tests run the docs' own examples and the docs cannot drift. */
public final class DocBlocks {
    private static final Pattern FENCE = Pattern.compile("(?s)```(\\w*)\\n(.*?)```");

    private DocBlocks() {
    }

    /** One fenced block: its language tag ("" when none) and its text. */
    public record Block(String language, String text) {
    }

    public static List<Block> of(Path markdown) throws IOException {
        List<Block> blocks = new ArrayList<>();
        Matcher fence = FENCE.matcher(Files.readString(markdown));
        while (fence.find()) {
            blocks.add(new Block(fence.group(1), fence.group(2).stripIndent()));
        }
        return blocks;
    }
}
