package dev.imageedit.request;

import static dev.imageedit.Fixtures.API;
import static dev.imageedit.Fixtures.PLANNER;
import static dev.imageedit.Fixtures.images;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import dev.imageedit.intent.EditRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact bodies each endpoint and mode sends, and every usage and data error, before anything is sent. */
class PlannerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Plan plan(String prompt, List<String> images, String mask, String model, Map<String, Object> options) {
        return PLANNER.plan(new EditRequest(prompt, images, mask, model, options));
    }

    /** The exact bytes on the wire, field order included; the expectation is written with ' for ". */
    private static String wire(String text) {
        try {
            JsonNode node = JSON.readTree(text.replace('\'', '"'));
            return node.toString();
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static Map<String, Object> options(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static EditException failure(Runnable planning) {
        try {
            planning.run();
        } catch (EditException e) {
            return e;
        }
        throw new AssertionError("expected the request to be rejected before sending");
    }

    @Test
    void nano_single_sendsImageUrlsAndOnlyWhatWasSet() {
        Plan plan = plan("Replace the background with a beach.", images(1), null, null, options("resolution", "2k", "num_images", "1"));
        assertThat(plan.calls()).singleElement().satisfies(call -> {
            assertThat(call.url()).isEqualTo(API + "/models/google/nano-banana-2/edit");
            assertThat(call.body().toString()).isEqualTo(wire(
                    "{'prompt':'Replace the background with a beach.','image_urls':['https://img.test/1.png'],'resolution':'2K','num_images':1}"));
        });
    }

    @Test
    void nano_fanOut_makesOneCallPerImage_eachWithTheSameOptions() {
        Plan plan = plan("Put every shoe on a light grey background.", images(45), null, null, options("seed", "7", "resolution", "2k"));
        assertThat(plan.decision().mode().label()).isEqualTo("fan_out");
        assertThat(plan.calls()).hasSize(45);
        assertThat(plan.calls().get(0).body().toString()).isEqualTo(wire(
                "{'prompt':'Put every shoe on a light grey background.','image_urls':['https://img.test/1.png'],'seed':7,'resolution':'2K'}"));
        assertThat(plan.calls().get(44).body().toString()).isEqualTo(wire(
                "{'prompt':'Put every shoe on a light grey background.','image_urls':['https://img.test/45.png'],'seed':7,'resolution':'2K'}"));
        assertThat(plan.calls()).extracting(Call::inputs).extracting(List::size).containsOnly(1);
        assertThat(plan.calls().get(44).inputs()).containsExactly("https://img.test/45.png");
        assertThat(plan.size()).isEqualTo("45 calls, 45 images");
    }

    @Test
    void nano_fanOut_withVariants_countsEveryImageItWillReturn() {
        Plan plan = plan("Put every shoe on a light grey background.", images(3), null, null, options("num_images", "2", "seed", "1"));
        assertThat(plan.calls()).hasSize(3).allSatisfy(c -> assertThat(c.outputs()).isEqualTo(2));
        assertThat(plan.size()).isEqualTo("3 calls, 6 images");
    }

    @Test
    void nano_multiRef_whenNamedAndComposing_sendsEveryImageInOneCall() {
        Plan plan = plan("With nano banana, put the sofa from image 2 into the room in image 1.", images(2), null, null, Map.of());
        assertThat(plan.decision().endpoint()).isEqualTo("nano");
        assertThat(plan.decision().mode().label()).isEqualTo("multi_ref");
        assertThat(plan.calls()).singleElement().satisfies(call -> {
            assertThat(call.body().toString()).isEqualTo(wire("{'prompt':'With nano banana, put the sofa from image 2 into the room in "
                    + "image 1.','image_urls':['https://img.test/1.png','https://img.test/2.png']}"));
            assertThat(call.inputs()).containsExactly("https://img.test/1.png", "https://img.test/2.png");
        });
        assertThat(plan.size()).isEqualTo("1 call, 1 image");
    }

    @Test
    void nano_forcedComposing21Images_isAUsageErrorNamingTheLimit() {
        EditException e = failure(() -> plan("Blend image 1 with the other pictures into one collage.", images(21), null, "nano", Map.of()));
        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.getMessage()).contains("at most 20").contains("21");
    }

    @Test
    void gpt_composing11Images_isAUsageErrorNamingTheLimit() {
        EditException e = failure(() -> plan("Combine image 1 and image 2 with the rest into one collage.", images(11), null, null, Map.of()));
        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.getMessage()).contains("at most 10").contains("11");
    }

    @Test
    void nano_forcedWithoutComposition_fansOutAnyNumberOfImages() {
        Plan plan = plan("Brighten it.", images(25), null, "nano", Map.of());
        assertThat(plan.decision().mode().label()).isEqualTo("fan_out");
        assertThat(plan.calls()).hasSize(25);
    }

    @Test
    void fanOut_withNoConsistencyOption_isAdvisedToFixThoseTheEndpointTakes() {
        assertThat(plan("Put every shoe on a light grey background.", images(3), null, null, Map.of()).warnings())
                .anySatisfy(w -> assertThat(w).contains("3 separate calls").contains("--seed, --aspect-ratio, --resolution"));
        assertThat(plan("Change the headline on every slide to \"새로운 시작\".", images(3), null, null, Map.of()).warnings())
                .anySatisfy(w -> assertThat(w).contains("--aspect-ratio, --resolution").doesNotContain("--seed"));
        assertThat(plan("Put every shoe on a light grey background.", images(3), null, null, options("aspect_ratio", "1:1")).warnings())
                .noneSatisfy(w -> assertThat(w).contains("separate calls"));
        assertThat(plan("Replace the background with a beach.", images(1), null, null, Map.of()).warnings())
                .noneSatisfy(w -> assertThat(w).contains("separate calls"));
    }

    @Test
    void gpt_multiRef_sendsAllImagesInOneCall_primaryFirst() {
        Plan plan = plan("Put the watch from image 2 on the wrist in image 1.", images(2), null, null, options("quality", "HIGH"));
        assertThat(plan.calls()).singleElement().satisfies(call -> assertThat(call.body().toString()).isEqualTo(wire(
                "{'prompt':'Put the watch from image 2 on the wrist in image 1.','images':['https://img.test/1.png','https://img.test/2.png'],'quality':'high'}")));
    }

    @Test
    void gpt_fanOut_sendsOneCallPerImage() {
        Plan plan = plan("Change the headline on every slide to \"새로운 시작\".", images(3), null, null, options("quality", "high"));
        assertThat(plan.decision().mode().label()).isEqualTo("fan_out");
        assertThat(plan.calls()).extracting(c -> c.body().toString()).containsExactly(
                wire("{'prompt':'Change the headline on every slide to \\'새로운 시작\\'.','images':['https://img.test/1.png'],'quality':'high'}"),
                wire("{'prompt':'Change the headline on every slide to \\'새로운 시작\\'.','images':['https://img.test/2.png'],'quality':'high'}"),
                wire("{'prompt':'Change the headline on every slide to \\'새로운 시작\\'.','images':['https://img.test/3.png'],'quality':'high'}"));
        assertThat(plan.calls()).extracting(Call::inputs).containsExactly(
                List.of("https://img.test/1.png"), List.of("https://img.test/2.png"), List.of("https://img.test/3.png"));
    }

    @Test
    void gpt_normalisesResolutionAndMapsLegacySize() {
        Plan plan = plan("Change the title to 'Open'.", images(1), null, null, options("resolution", "2K", "size", "1024_1536"));
        assertThat(plan.calls().get(0).body().toString()).isEqualTo(wire(
                "{'prompt':'Change the title to \\u0027Open\\u0027.','images':['https://img.test/1.png'],'resolution':'2k','aspect_ratio':'2:3'}"));
        Plan auto = plan("Change the title to 'Open'.", images(1), null, null, options("size", "auto"));
        assertThat(auto.calls().get(0).body().has("aspect_ratio")).isFalse();
    }

    @Test
    void kontext_sendsOneImageField() {
        Plan plan = plan("Give the dog a red bandana.", images(1), null, null, options("seed", "7", "aspect_ratio", "16:9"));
        assertThat(plan.calls().get(0).body().toString()).isEqualTo(wire(
                "{'prompt':'Give the dog a red bandana.','image':'https://img.test/1.png','seed':7,'aspect_ratio':'16:9'}"));
    }

    @Test
    void inpaint_sendsImageAndMaskImage() {
        Plan plan = plan("Fill with grass.", images(1), "https://img.test/mask.png", null, options("strength", "0.8", "control_scale", 0.7));
        assertThat(plan.calls().get(0).body().toString()).isEqualTo(wire(
                "{'prompt':'Fill with grass.','image':'https://img.test/1.png','mask_image':'https://img.test/mask.png','strength':0.8,'control_scale':0.7}"));
    }

    @Test
    void setField_fillsAnyOtherSchemaField_typedFromTheSchema() {
        Plan plan = plan("Remove the lamp.", images(1), null, null, options("set.limit_generations", "false", "web_search", true));
        assertThat(plan.calls().get(0).body().get("limit_generations").isBoolean()).isTrue();
        assertThat(plan.calls().get(0).body().get("enable_web_search").asBoolean()).isTrue();
    }

    @Test
    void optionTheChosenEndpointDoesNotTake_isDroppedWithWarning() {
        Plan plan = plan("Give the car racing stripes.", images(1), null, null, options("quality", "high"));
        assertThat(plan.decision().endpoint()).isEqualTo("kontext");
        assertThat(plan.calls().get(0).body().has("quality")).isFalse();
        assertThat(plan.warnings()).contains("--quality dropped: blackforestlabs/flux-1-kontext/pro/edit does not take it");
    }

    @Test
    void optionAForcedEndpointDoesNotTake_isUsageError() {
        EditException e = failure(() -> plan("Add a hat.", images(1), null, "kontext", options("num_images", "2")));
        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.getMessage()).contains("--num-images").contains("blackforestlabs/flux-1-kontext/pro/edit").contains("--aspect-ratio, --seed");
    }

    @Test
    void enumOutsideTheEndpointsValues_isDataErrorListingThem() {
        EditException e = failure(() -> plan("Remove the lamp.", images(1), null, null, options("resolution", "8K")));
        assertThat(e.exitCode()).isEqualTo(ExitCode.DATA);
        assertThat(e.getMessage()).isEqualTo("--resolution 8K is not one of 0.5K, 1K, 2K, 4K for google/nano-banana-2/edit");
    }

    @Test
    void numberOutOfRange_isDataErrorWithTheRange() {
        EditException e = failure(() -> plan("Show it in other colours.", images(1), null, null, options("num_images", "5")));
        assertThat(e.exitCode()).isEqualTo(ExitCode.DATA);
        assertThat(e.getMessage()).isEqualTo("--num-images 5 is out of range for google/nano-banana-2/edit: allowed 1 to 4");
    }

    @Test
    void notANumber_isDataError() {
        assertThat(failure(() -> plan("Remove the lamp.", images(1), null, null, options("seed", "abc"))).getMessage())
                .isEqualTo("--seed abc is not a whole number; google/nano-banana-2/edit takes a whole number there");
    }

    @Test
    void legacySizeOutsideTheTable_isDataError() {
        EditException e = failure(() -> plan("Change the title to 'X'.", images(1), null, null, options("size", "512_512")));
        assertThat(e.exitCode()).isEqualTo(ExitCode.DATA);
        assertThat(e.getMessage()).contains("auto, 1024_1024, 1024_1536, 1536_1024");
    }

    @Test
    void sizeAndAspectRatioTogether_isUsageError() {
        EditException e = failure(() -> plan("Change the title to 'X'.", images(1), null, null, options("aspect_ratio", "1:1", "size", "1024_1024")));
        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.getMessage()).contains("--aspect-ratio 1:1 and --size 1024_1024 both set aspect_ratio");
    }

    @Test
    void unknownSetField_isUsageErrorListingTheFields() {
        EditException e = failure(() -> plan("Remove the lamp.", images(1), null, null, options("set.steps", "30")));
        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.getMessage()).contains("steps").contains("limit_generations");
    }

    @Test
    void urls_mustBePublicHttps() {
        EditException local = failure(() -> plan("Remove the lamp.", List.of("./cat.png"), null, null, Map.of()));
        assertThat(local.exitCode()).isEqualTo(ExitCode.DATA);
        assertThat(local.getMessage()).startsWith("--image ./cat.png is a local file").contains("public https:// URL");
        assertThat(failure(() -> plan("Remove the lamp.", List.of("http://x.test/a.png"), null, null, Map.of())).getMessage())
                .isEqualTo("--image http://x.test/a.png is not https://, and the model server fetches inputs over HTTPS only; "
                        + "give a public https:// URL of a JPEG, PNG or WebP image");
        assertThat(failure(() -> plan("Fill.", images(1), "/tmp/mask.png", null, Map.of())).getMessage()).startsWith("--mask /tmp/mask.png");
    }

    @Test
    void usageErrors_comeBeforeValueErrors() {
        EditException e = failure(() -> plan("Fill.", List.of("./a.png", "./b.png"), "https://img.test/m.png", null, Map.of()));
        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void emptyPrompt_isUsageError() {
        assertThat(failure(() -> plan("  ", images(1), null, null, Map.of())).exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void modelByIdPathOrAlias_allResolve() {
        for (String name : List.of("gpt", "openai/gpt-image-2/edit", "gpt-image-2", "GPT")) {
            assertThat(plan("Add a hat.", images(1), null, name, Map.of()).decision().endpoint()).as(name).isEqualTo("gpt");
        }
    }
}
