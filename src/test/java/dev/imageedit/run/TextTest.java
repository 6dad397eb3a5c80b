package dev.imageedit.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void controlAndFormattingCharacters_becomeVisibleEscapes_andEveryScriptStays() {
        assertThat(Text.printable("a\u001b[31mb\u0007c\u009bd\u202Ee\r\nf")).isEqualTo("a\\x1B[31mb\\x07c\\x9Bd\\u202Ee\\x0D\\x0Af");
        assertThat(Text.printable("コーヒー — café ✓")).isEqualTo("コーヒー — café ✓");
    }

    @Test
    void theTokenAndAnyBearerCredential_areRedacted() {
        String echoed = "{\"Authorization\": \"Bearer sk-1\", \"auth\": \"bearer   other-9\", \"raw\": \"sk-1\"}";
        assertThat(Text.redact(echoed, "sk-1")).doesNotContain("sk-1").doesNotContain("other-9").contains("Bearer [redacted]");
    }

    @Test
    void userInfo_isTakenOutOfAUrl() {
        assertThat(Text.withoutUserInfo("https://me:pw@api.test:8443/v1")).isEqualTo("https://api.test:8443/v1");
        assertThat(Text.withoutUserInfo("https://api.test/v1")).isEqualTo("https://api.test/v1");
    }
}
