package dev.imageedit.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a run shows on stderr: counts that explain themselves, readable sizes, and no escape codes where they do not belong. */
class ProgressTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Map<String, String> UTF8 = Map.of("LANG", "en_US.UTF-8");

    private final StringWriter err = new StringWriter();

    private Progress progress(boolean terminal, Map<String, String> env) {
        return Progress.forRun(new PrintWriter(err, true), terminal, false, env, CLOCK);
    }

    @Test
    void theLiveLine_countsDoneAndFailedOutOfAll_andNamesWhatWaits() {
        Progress p = progress(true, UTF8);
        p.expect(5);
        for (String id : List.of("a", "b", "c", "d")) {
            p.submitted(id, "m");
        }
        p.state("a", new JobState.Completed(List.of()));
        p.state("b", new JobState.Completed(List.of()));
        p.state("c", new JobState.Failed("no"));
        p.state("d", new JobState.InProgress());
        assertThat(p.line()).isEqualTo("2/5 done, 1 failed  1 running  0s");
        assertThat(err.toString()).contains("c: failed (2/5 done, 1 failed)");
    }

    @Test
    void sizes_belowAMegabyte_readInKilobytes() {
        assertThat(Progress.size(9_000)).isEqualTo("9 KB");
        assertThat(Progress.size(120)).isEqualTo("1 KB");
        assertThat(Progress.size(2_500_000)).isEqualTo("2.5 MB");
    }

    @Test
    void noColor_meansNoEscapeCodeAtAll_evenWhileRedrawing() {
        Progress p = progress(true, Map.of("NO_COLOR", "1", "LANG", "C.UTF-8"));
        p.submitted("a", "m");
        p.downloaded(9_000);
        p.saved(Path.of("/tmp/x.png"));
        p.done();
        assertThat(err.toString()).doesNotContain("\u001B").contains("saved /tmp/x.png").contains("9 KB");
    }

    @Test
    void aDumbTerminal_getsPlainLines_neitherColourNorRedraw() {
        Progress p = progress(true, Map.of("TERM", "dumb", "LANG", "en_US.UTF-8"));
        p.submitted("a", "m");
        p.state("a", new JobState.InProgress());
        p.saved(Path.of("/tmp/x.png"));
        assertThat(err.toString()).doesNotContain("\u001B").doesNotContain("\r")
                .isEqualTo(String.join(System.lineSeparator(), "submitted a to m", "a: in_progress", "saved /tmp/x.png", ""));
    }

    @Test
    void withoutAUtf8Locale_theSymbolsAreAscii() {
        Progress p = progress(true, Map.of("LANG", "C"));
        p.saved(Path.of("/tmp/x.png"));
        assertThat(err.toString()).doesNotContain("✓").contains("+ ");
        StringWriter utf8 = new StringWriter();
        Progress.forRun(new PrintWriter(utf8, true), true, false, Map.of("LC_ALL", "de_DE.utf8"), CLOCK).saved(Path.of("/tmp/x.png"));
        assertThat(utf8.toString()).contains("✓");
    }

    @Test
    void offATerminal_eachStateChangeIsOneLine_forWhoeverReadsStderr() {
        Progress p = progress(false, UTF8);
        p.submitted("a", "m");
        p.state("a", new JobState.InQueue(2));
        p.state("a", new JobState.InQueue(2));
        p.state("a", new JobState.Completed(List.of()));
        assertThat(err.toString().lines()).containsExactly("submitted a to m", "a: in_queue (position 2)", "a: completed");
    }

    @Test
    void quiet_printsNothing() {
        Progress p = Progress.forRun(new PrintWriter(err, true), true, true, UTF8, CLOCK);
        p.submitted("a", "m");
        p.saved(Path.of("/tmp/x.png"));
        assertThat(err.toString()).isEmpty();
    }
}
