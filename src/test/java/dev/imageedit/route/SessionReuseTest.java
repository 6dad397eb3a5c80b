package dev.imageedit.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageedit.EditException;
import dev.imageedit.Fixtures;
import dev.imageedit.intent.EditRequest;
import dev.imageedit.intent.Features;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decisions in reused sessions equal decisions in new ones, fired rules included, for every
 * labelled case, whatever case the session decided before: a reset session that kept any state
 * (a spent activation group, a logical fact, the agenda's focus) would show here.
 */
class SessionReuseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OWN = Path.of("src", "test", "resources", "routing-cases.jsonl");
    private static final Path CORPUS = Path.of("src", "test", "resources", "routing-corpus.jsonl");
    private static final Path SHARED = Path.of("..", "shared", "routing-cases.jsonl");

    @Test
    void ownCases_decideInReusedSessionsAsInNewOnes() throws IOException {
        assertReuseChangesNothing(features(OWN));
    }

    @Test
    void corpusCases_decideInReusedSessionsAsInNewOnes() throws IOException {
        assertReuseChangesNothing(features(CORPUS));
    }

    @Test
    void sharedCases_decideInReusedSessionsAsInNewOnes() throws IOException {
        assumeTrue(Files.isRegularFile(SHARED), "../shared/routing-cases.jsonl is not beside this checkout; shared cases skipped");
        assertReuseChangesNothing(features(SHARED));
    }

    @Test
    void aReusedSession_firesOneDecisionRule() {
        Router router = new Router(RuleBase.bundled(), Fixtures.ENDPOINTS);
        Features kontext = Fixtures.EXTRACTOR.extract(Fixtures.request("Make the car red", 1), null);
        for (int i = 0; i < 3; i++) {
            Decision decision = router.route(kontext);
            assertThat(decision.endpoint()).isEqualTo("kontext");
            assertThat(decision.rules()).contains("One local change routes to Kontext")
                    .doesNotContain("Everything else goes to Nano Banana");
        }
    }

    @Test
    void aRuleMatchingNoFact_staysExclusiveInReusedSessions(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("route.drl"), String.join("\n",
                "package dev.imageedit.rules;",
                "import dev.imageedit.route.Route;",
                "rule \"Always Nano Banana\" agenda-group \"route\" activation-group \"decision\"",
                "when then insert( new Route( \"nano\", \"always\" ) ); end",
                "rule \"Otherwise GPT Image\" agenda-group \"route\" activation-group \"decision\" salience -1",
                "when then insert( new Route( \"gpt\", \"otherwise\" ) ); end"));
        Router router = new Router(RuleBase.fromFolder(folder), Fixtures.ENDPOINTS);
        Features features = Fixtures.EXTRACTOR.extract(Fixtures.request("Make the car red", 1), null);
        for (int i = 0; i < 3; i++) {
            assertThat(router.route(features).rules()).containsExactly("Always Nano Banana");
        }
    }

    /** Every case that reaches the rules in a new rule base (so a session never used before), then all of them in one, in three orders. */
    private static void assertReuseChangesNothing(List<Features> cases) {
        List<String> fresh = new ArrayList<>();
        for (Features features : cases) {
            fresh.add(outcome(new Router(RuleBase.bundled(), Fixtures.ENDPOINTS), features));
        }
        Router reused = new Router(RuleBase.bundled(), Fixtures.ENDPOINTS);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            order.add(i);
        }
        List<Integer> backwards = new ArrayList<>(order);
        Collections.reverse(backwards);
        List<Integer> shuffled = new ArrayList<>(order);
        Collections.shuffle(shuffled, new Random(13));
        for (List<Integer> sequence : List.of(order, backwards, shuffled)) {
            for (int i : sequence) {
                assertThat(outcome(reused, cases.get(i))).as("case %d after reuse", i + 1).isEqualTo(fresh.get(i));
            }
        }
    }

    private static String outcome(Router router, Features features) {
        try {
            return router.route(features).toString();
        } catch (RoutingError e) {
            return e.exitCode() + " " + e.getMessage() + " " + e.rules();
        }
    }

    private static List<Features> features(Path file) throws IOException {
        List<Features> all = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode labelled = JSON.readTree(line);
            Map<String, Object> options = new HashMap<>();
            if (labelled.path("num_images").isNumber()) {
                options.put("num_images", labelled.path("num_images").intValue());
            }
            String mask = labelled.path("mask").asBoolean() ? "https://img.test/mask.png" : null;
            String model = labelled.path("model").isTextual() ? labelled.path("model").asText() : null;
            EditRequest request = new EditRequest(labelled.path("prompt").asText(),
                    Fixtures.images(labelled.path("images").asInt()), mask, model, options);
            try {
                all.add(Fixtures.PLANNER.features(request));
            } catch (EditException e) {
                // Refused before routing (an unknown --model): no session ever sees it.
            }
        }
        return all;
    }
}
