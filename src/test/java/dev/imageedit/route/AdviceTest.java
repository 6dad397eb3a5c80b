package dev.imageedit.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageedit.Fixtures;
import dev.imageedit.intent.EditRequest;
import dev.imageedit.intent.Preservation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prompt advice: which advice rule fires for which prompt, and that advice never changes the route. */
class AdviceTest {
    private static final Router ROUTER = new Router(Fixtures.RULES, Fixtures.ENDPOINTS);

    private static Decision route(String prompt, int images) {
        return ROUTER.route(Fixtures.EXTRACTOR.extract(new EditRequest(prompt, Fixtures.images(images), null, null, Map.of()), null));
    }

    private static List<String> advice(Decision d) {
        return d.rules().stream().filter(r -> r.startsWith("Advise")).toList();
    }

    @Test
    void aWellWrittenPrompt_getsNoAdvice() {
        Decision d = route("Keep her face and pose unchanged. Give her a red scarf.", 1);
        assertThat(advice(d)).isEmpty();
        assertThat(d.warnings()).isEmpty();
    }

    @Test
    void noPreservation_isAdvised_butNotForAWholeImageRestyle() {
        assertThat(advice(route("Give her a red scarf.", 1))).containsExactly("Advise saying first what must not change");
        assertThat(advice(route("Turn the whole photo into a watercolour painting.", 1))).isEmpty();
    }

    @Test
    void trailingPreservation_isAdvisedToMoveFirst_quotingIt() {
        Decision d = route("Give her a red scarf, keeping her face unchanged.", 1);
        assertThat(advice(d)).containsExactly("Advise moving the preservation clause to the front");
        assertThat(d.warnings()).singleElement().asString().startsWith("put \"keeping her face unchanged\" before the change");
    }

    @Test
    void unquotedText_isAdvisedToBeQuoted() {
        assertThat(advice(route("Keep the layout unchanged. Change the headline to Summer Sale.", 1))).containsExactly("Advise quoting in-image text");
        assertThat(advice(route("Keep the layout unchanged. Change the headline to 'Summer Sale'.", 1))).isEmpty();
    }

    @Test
    void unnumberedReferences_areAdvised() {
        assertThat(advice(route("Keep the poses. Blend these two portraits into one.", 2))).containsExactly("Advise numbering the references");
        assertThat(advice(route("Keep the poses. Put the man from image 1 into image 2.", 2))).isEmpty();
    }

    @Test
    void severalChanges_areAdvisedAsPasses_listingEachAsWritten() {
        Decision d = route("Keep his face unchanged. Give him a denim jacket and make his hair grey.", 1);
        assertThat(advice(d)).containsExactly("Advise splitting several changes into passes");
        assertThat(d.warnings()).singleElement().asString().endsWith("run one pass each: edit \"Keep his face unchanged. Give him a denim jacket.\""
                + " --then \"Keep his face unchanged. Make his hair grey.\" --image …");
    }

    @Test
    void passesAdvice_quotesEachPromptForTheShell() {
        Advice advice = Advice.inPasses(List.of(), List.of("add the sign \"$5 off\"", "make the `sky` pink"));
        assertThat(advice.message()).endsWith("edit \"Add the sign \\\"\\$5 off\\\".\" --then \"Make the \\`sky\\` pink.\" --image …");
    }

    @Test
    void advice_neverChangesTheRoute() {
        assertThat(route("Give the dog a red bandana.", 1).endpoint()).isEqualTo("kontext");
        assertThat(route("Keep the pose unchanged. Give the dog a red bandana.", 1).endpoint()).isEqualTo("kontext");
    }

    @Test
    void keep_writesTheLeadingPreservationClause() {
        assertThat(Preservation.lead("face, pose, clothing", "Add a hat.")).isEqualTo("Keep the face, pose and clothing unchanged. Add a hat.");
        assertThat(Preservation.lead("her smile", "Add a hat.")).isEqualTo("Keep her smile unchanged. Add a hat.");
        assertThat(Preservation.lead(" , ", "Add a hat.")).isEqualTo("Add a hat.");
        assertThat(Preservation.lead(null, "Add a hat.")).isEqualTo("Add a hat.");
    }
}
