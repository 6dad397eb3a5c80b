package dev.imageedit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real {@code edit route} stream: exactly one answer per input line, and each bad field named. */
class RouteStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMG = "https://img.test/dog.jpg";

    private static List<JsonNode> route(byte[] stdin) {
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"route"}, new Env(Map.of(), new ByteArrayInputStream(stdin)),
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        return out.toString().lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(line, e);
            }
        }).toList();
    }

    private static List<JsonNode> route(String... lines) {
        return route((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String error(String line) {
        List<JsonNode> answers = route(line);
        assertThat(answers).hasSize(1);
        return answers.get(0).path("error").path("message").asText();
    }

    private static String ok(String fields) {
        return "{\"prompt\": \"Keep the pose. Give the dog a hat.\", \"images\": [\"" + IMG + "\"]" + fields + "}";
    }

    @Test
    void everyInputLine_blankOrNot_getsExactlyOneOutputLine_inOrder() {
        List<JsonNode> answers = route(ok(""), "", "   ", ok(""));
        assertThat(answers).hasSize(4);
        assertThat(answers.get(0).has("endpoint")).isTrue();
        assertThat(answers.get(1).path("error").path("message").asText()).isEqualTo("line 2 is blank: give one JSON object a line");
        assertThat(answers.get(2).path("error").path("exit_code").asInt()).isEqualTo(65);
        assertThat(answers.get(3).has("endpoint")).isTrue();
    }

    @Test
    void aByteOrderMarkOnLineOne_isNotAnError() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] line = (ok("") + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] in = new byte[bom.length + line.length];
        System.arraycopy(bom, 0, in, 0, bom.length);
        System.arraycopy(line, 0, in, bom.length, line.length);
        assertThat(route(in)).singleElement().satisfies(answer -> assertThat(answer.has("endpoint")).isTrue());
    }

    @Test
    void wronglyTypedFields_areErrorsNamingTheField() {
        assertThat(error(ok(", \"mask\": 5"))).isEqualTo("line 1: \"mask\" must be a string, not a number");
        assertThat(error(ok(", \"mask\": [\"" + IMG + "\"]"))).isEqualTo("line 1: \"mask\" must be a string, not a list");
        assertThat(error("{\"prompt\": \"Add a hat\", \"images\": \"" + IMG + "\"}")).contains("\"images\" must be a list of URL strings");
        assertThat(error("{\"prompt\": \"Add a hat\", \"images\": [null]}")).isEqualTo("line 1: \"images\"[0] must be a URL string, not null");
        assertThat(error(ok(", \"options\": \"oops\""))).contains("\"options\" must be an object").contains("not a string");
        assertThat(error(ok(", \"options\": {\"seed\": [1]}"))).contains("option \"seed\" must be a string, number or true/false");
        assertThat(error(ok(", \"model\": 3"))).contains("\"model\" must be a string");
        assertThat(error(ok(", \"keep\": true"))).contains("\"keep\" must be a string");
        assertThat(error(ok(", \"image\": \"" + IMG + "\""))).contains("\"image\" is not a field; the fields are prompt, images");
    }

    @Test
    void trailingJunkAfterTheObject_isAnError() {
        assertThat(error(ok("") + " {}")).isEqualTo("line 1 has more after its JSON object: give exactly one object a line");
        assertThat(error(ok("") + " x")).startsWith("line 1");
    }

    @Test
    void brokenJson_saysWhereAndWhat_withoutTheParsersInternals() {
        assertThat(error("{\"prompt\": \"x\"")).startsWith("line 1 is not JSON at column ").contains("end-of-input").doesNotContain("Source");
        assertThat(error("[1, 2]")).startsWith("line 1 is not a JSON object");
    }

    @Test
    void optionNames_takeDashOrUnderscore_andRouteTheSame() {
        List<JsonNode> answers = route(ok(", \"options\": {\"num-images\": 2}"), ok(", \"options\": {\"num_images\": 2}"));
        assertThat(answers.get(0).path("endpoint").asText()).isEqualTo("google/nano-banana-2/edit");
        assertThat(answers.get(1)).isEqualTo(answers.get(0));
    }

    @Test
    void aTinyFloat_isRefused_notSentAsZero() {
        String line = "{\"prompt\": \"Fill it with grass\", \"images\": [\"" + IMG + "\"], \"mask\": \"" + IMG + "\", \"options\": {\"strength\": 1e-400}}";
        assertThat(error(line)).contains("--strength").contains("out of range");
    }

    @Test
    void aHugePrompt_givesAShortAnswerLine() {
        String clause = "Make the sky purple and add a red hat and remove the lamp. ";
        String prompt = clause.repeat(20_000);
        List<JsonNode> answers = route("{\"prompt\": \"" + prompt + "\", \"images\": [\"" + IMG + "\"]}");
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).toString().length()).isLessThan(4_000);
    }
}
