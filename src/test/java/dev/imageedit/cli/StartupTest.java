package dev.imageedit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rules start loading at once only for the calls that can route. */
class StartupTest {
    @Test
    void anEditAndRoute_loadTheRules() {
        assertThat(Main.mayRoute("Give the dog a hat", "--image", "https://img.test/1.png")).isTrue();
        assertThat(Main.mayRoute("route")).isTrue();
    }

    @Test
    void helpVersionCompletionModelsAndJobCommands_needNoRules() {
        assertThat(Main.mayRoute()).isFalse();
        assertThat(Main.mayRoute("--help")).isFalse();
        assertThat(Main.mayRoute("-V")).isFalse();
        assertThat(Main.mayRoute("route", "--help")).isFalse();
        assertThat(Main.mayRoute("help", "route")).isFalse();
        assertThat(Main.mayRoute("completion")).isFalse();
        assertThat(Main.mayRoute("models")).isFalse();
        assertThat(Main.mayRoute("jobs")).isFalse();
        assertThat(Main.mayRoute("status", "abc")).isFalse();
    }
}
