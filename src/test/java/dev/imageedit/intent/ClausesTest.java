package dev.imageedit.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Sentences are cut where the sentence-end pattern cuts them. */
class ClausesTest {
    /** A full stop between digits is a decimal point; the other marks always end a sentence. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<!\\d)\\.(?!\\d)|[!?;。！？；؟؛\\n]");

    @Test
    void sentencesAreCutAsThePatternSplitsThem() {
        String[] pieces = {"a", "Add a hat", " ", ".", "..", "1", "2.5", "!", "?", ";", "。", "！", "？", "；", "؟", "؛", "\n", "٣", "x9", "\uD83D\uDE00"};
        Random random = new Random(5);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(7); n > 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            assertThat(Clauses.sentences(text.toString())).as("\"%s\"", text).isEqualTo(List.of(SENTENCE_END.split(text)));
        }
    }
}
