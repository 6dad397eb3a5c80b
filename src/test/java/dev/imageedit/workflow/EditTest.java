package dev.imageedit.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import dev.imageedit.Fixtures;
import dev.imageedit.intent.EditRequest;
import dev.imageedit.request.Call;
import dev.imageedit.request.Planner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Planning an edit in passes, its key, and which inputs a planner takes. */
class EditTest {
    private static final String SANDBOX = "http://127.0.0.1:4567/v1";
    private static final String SANDBOX_FILE = "http://127.0.0.1:4567/files/3f2c/edited-1.png";

    private static EditRequest request(String prompt, Map<String, Object> options, String... images) {
        return new EditRequest(prompt, List.of(images), null, null, options);
    }

    @Test
    void sandboxFiles_areInputsOnlyForAPlannerOfThatSandbox() {
        EditRequest onSandbox = request("Give the dog a red bandana", Map.of(), SANDBOX_FILE);
        assertThatThrownBy(() -> Fixtures.PLANNER.plan(onSandbox)).isInstanceOf(EditException.class)
                .hasMessageContaining("is not https://")
                .satisfies(e -> assertThat(((EditException) e).exitCode()).isEqualTo(ExitCode.DATA));
        Planner sandbox = Fixtures.PLANNER.acceptingSandboxFiles(SANDBOX);
        assertThat(sandbox.plan(onSandbox).calls().get(0).inputs()).containsExactly(SANDBOX_FILE);
        for (String other : List.of("http://127.0.0.1:45678/files/x.png", "http://127.0.0.1:4567/v1/requests/x", "http://example.com/files/x.png")) {
            assertThatThrownBy(() -> sandbox.plan(request("Give the dog a red bandana", Map.of(), other))).isInstanceOf(EditException.class);
        }
    }

    @Test
    void laterPasses_areRoutedOnTheirOwn_onAStandInForThePreviousOutput() {
        Edit edit = Edit.plan(Fixtures.PLANNER, 1, request("Replace the background with a beach", Map.of("num_images", 2, "resolution", "2K"),
                "https://img.test/a.jpg"), "face", List.of("Add the headline 'SUMMER' at the top"), null, 0);
        assertThat(edit.passes()).extracting(p -> p.plan().decision().endpoint()).containsExactly("nano", "gpt");
        assertThat(edit.passes().get(1).request().prompt()).isEqualTo("Keep the face unchanged. Add the headline 'SUMMER' at the top");
        assertThat(edit.passes().get(1).request().options()).containsOnlyKeys("resolution");
        assertThat(edit.expectedImages()).isEqualTo(2);
        Call next = edit.callOn(2, "https://cdn.runcomfy.net/out/1.png");
        assertThat(next.body().path("images").get(0).asText()).isEqualTo("https://cdn.runcomfy.net/out/1.png");
        assertThat(next.body().path("resolution").asText()).isEqualTo("2k");
        assertThat(next.inputs()).containsExactly("https://cdn.runcomfy.net/out/1.png");
    }

    @Test
    void key_followsWhatIsAskedFor_notWhereOrHowItIsWritten() {
        EditRequest first = request("Brighten it", Map.of("seed", 1, "aspect_ratio", "1:1"), "https://img.test/a.jpg");
        EditRequest reordered = request("Brighten it", Map.of("aspect_ratio", "1:1", "seed", 1), "https://img.test/a.jpg");
        String key = Edit.key(first, null, List.of(), "a", 0);
        assertThat(Edit.key(reordered, null, List.of(), "a", 0)).isEqualTo(key);
        assertThat(Edit.key(first, null, List.of(), "a", 1)).isNotEqualTo(key);
        assertThat(Edit.key(first, null, List.of("Add a hat"), "a", 0)).isNotEqualTo(key);
        assertThat(Edit.key(request("Brighten it a lot", Map.of("seed", 1, "aspect_ratio", "1:1"), "https://img.test/a.jpg"), null,
                List.of(), "a", 0)).isNotEqualTo(key);
    }

    @Test
    void aDescribedEdit_plansAgainUnderTheSameKey() {
        Edit edit = Edit.plan(Fixtures.PLANNER, 7, request("Replace the background with a beach", Map.of("seed", "7", "web_search", true,
                "set.limit_generations", false), "https://img.test/a.jpg"), "face, pose", List.of("Add the caption 'Hi'"), "hero", 2);
        Edit again = Edit.fromDescription(Fixtures.PLANNER, 7, edit.describe());
        assertThat(again.key()).isEqualTo(edit.key());
        assertThat(again.passes().get(1).plan().calls().get(0).body()).isEqualTo(edit.passes().get(1).plan().calls().get(0).body());
    }
}
