package dev.imageedit.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageedit.ExitCode;
import dev.imageedit.Fixtures;
import dev.imageedit.intent.EditRequest;
import dev.imageedit.intent.Features;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DRL in the top-level rules/ folder, compiled from source here (any compile error fails the
 * test), asserting which rules fired by name for every step of the policy.
 */
class RulesTest {
    private static Router fromSource;

    @BeforeAll
    static void compileRulesFolder() {
        fromSource = new Router(RuleBase.fromFolder(Path.of("rules")), Fixtures.ENDPOINTS);
    }

    private static Features features(String prompt, int images, String mask, String model, Map<String, Object> options) {
        EditRequest request = new EditRequest(prompt, Fixtures.images(images), mask, null, options);
        return Fixtures.EXTRACTOR.extract(request, model);
    }

    private static Decision route(String prompt, int images) {
        return fromSource.route(features(prompt, images, null, null, Map.of()));
    }

    /** The routing-layer rules that fired (intent rules describe; these decide). */
    private static List<String> decisions(Decision d) {
        return d.rules().stream().filter(r -> ROUTE_RULES.contains(r)).toList();
    }

    private static final List<String> ROUTE_RULES = List.of(
            "No source image is a usage error", "A forced model routes to that endpoint",
            "A forced model that cannot take the inputs is a usage error", "A mask routes to inpainting",
            "A mask with several images is a usage error", "A model named in the prompt routes to it",
            "A named model that cannot take the inputs is reported", "Non-Latin in-image text routes to GPT Image",
            "Composed references route to GPT Image", "Several images with one instruction fan out on Nano Banana",
            "Text or layout edits route to GPT Image", "Variants route to Nano Banana", "One local change routes to Kontext",
            "Everything else goes to Nano Banana");

    @Test
    void step0_noImage_isUsageError() {
        assertThatThrownBy(() -> route("Add a hat", 0))
                .isInstanceOfSatisfying(RoutingError.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
                    assertThat(e.rules()).contains("No source image is a usage error");
                    assertThat(e.getMessage()).contains("--image");
                });
    }

    @Test
    void step1_forcedModel_winsOverEverything() {
        Decision d = fromSource.route(features("Change the headline to 'Hi'", 1, null, "kontext", Map.of()));
        assertThat(d.endpoint()).isEqualTo("kontext");
        assertThat(decisions(d)).containsExactly("A forced model routes to that endpoint");
    }

    @Test
    void step1_forcedModelThatCannotTakeTheInputs_isUsageError() {
        assertThatThrownBy(() -> fromSource.route(features("Make both blue", 2, null, "kontext", Map.of())))
                .isInstanceOfSatisfying(RoutingError.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
                    assertThat(e.getMessage()).isEqualTo("--model kontext: takes exactly one image, and 2 were given");
                });
        assertThatThrownBy(() -> fromSource.route(features("Fix it", 1, null, "inpaint", Map.of())))
                .hasMessageContaining("needs a mask");
    }

    @Test
    void step2_mask_routesToInpainting_andWithSeveralImagesIsUsageError() {
        Decision d = fromSource.route(features("Fill with grass", 1, "https://img.test/m.png", null, Map.of()));
        assertThat(d.endpoint()).isEqualTo("inpaint");
        assertThat(decisions(d)).containsExactly("A mask routes to inpainting");
        assertThatThrownBy(() -> fromSource.route(features("Fill with grass", 2, "https://img.test/m.png", null, Map.of())))
                .isInstanceOfSatisfying(RoutingError.class, e -> assertThat(e.rules()).contains("A mask with several images is a usage error"));
    }

    @Test
    void step3_namedModel_isHonouredWhenItFits_elseReportedAndRoutingContinues() {
        Decision honoured = route("Flux Kontext: replace the background with a neon alley.", 1);
        assertThat(honoured.endpoint()).isEqualTo("kontext");
        assertThat(decisions(honoured)).containsExactly("A model named in the prompt routes to it");

        Decision reported = route("Use kontext to give everyone a party hat.", 3);
        assertThat(reported.endpoint()).isEqualTo("nano");
        assertThat(decisions(reported)).containsExactly("A named model that cannot take the inputs is reported",
                "Several images with one instruction fan out on Nano Banana");
        assertThat(reported.warnings()).anySatisfy(w -> assertThat(w).contains("kontext").contains("exactly one image"));
    }

    @Test
    void step4_nonLatinText_routesToGpt_fanningOutWithoutComposition() {
        Decision one = route("Change the sign to read 「営業中」.", 1);
        assertThat(decisions(one)).containsExactly("Non-Latin in-image text routes to GPT Image");
        assertThat(one.mode()).isEqualTo(Mode.SINGLE);
        assertThat(route("Change the headline on every slide to \"새로운 시작\".", 4).mode()).isEqualTo(Mode.FAN_OUT);
        assertThat(route("Put the bottle from image 2 into image 1 and add the tagline 「香り」.", 2).mode()).isEqualTo(Mode.MULTI_REF);
    }

    @Test
    void step5_composition_isOneMultiReferenceCall_upToTen() {
        Decision d = route("Put the watch from image 2 on the wrist in image 1.", 2);
        assertThat(decisions(d)).containsExactly("Composed references route to GPT Image");
        assertThat(d.mode()).isEqualTo(Mode.MULTI_REF);
        assertThatThrownBy(() -> route("Combine all of these into one collage.", 14))
                .isInstanceOfSatisfying(RoutingError.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
                    assertThat(e.getMessage()).contains("at most 10 images").contains("14 were given");
                });
    }

    @Test
    void step5_composingVerbOrRoleInAnyLanguage_isMultiReference_andOverTenIsUsageError() {
        Decision byRole = route("Donne au flacon les couleurs de la photo de référence.", 2);
        assertThat(decisions(byRole)).containsExactly("Composed references route to GPT Image");
        assertThat(byRole.mode()).isEqualTo(Mode.MULTI_REF);
        assertThat(decisions(route("Mescola i due scatti in un'unica locandina.", 2))).containsExactly("Composed references route to GPT Image");
        assertThatThrownBy(() -> route("Componete un collage con queste foto.", 18))
                .isInstanceOfSatisfying(RoutingError.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE));
    }

    @Test
    void step6_oneInstructionWithArticlesOverSeveralImages_fansOut() {
        Decision d = route("Ajoute une lueur douce derrière chaque flacon.", 3);
        assertThat(decisions(d)).containsExactly("Several images with one instruction fan out on Nano Banana");
        assertThat(d.mode()).isEqualTo(Mode.FAN_OUT);
    }

    @Test
    void step6_severalImages_fanOutOnNano() {
        Decision d = route("Add the text 'SALE' to the corner of each banner.", 4);
        assertThat(decisions(d)).containsExactly("Several images with one instruction fan out on Nano Banana");
        assertThat(d.mode()).isEqualTo(Mode.FAN_OUT);
    }

    @Test
    void step7_textOrLayout_routesToGpt() {
        assertThat(decisions(route("Add a caption: “Fresh from the oven”.", 1))).containsExactly("Text or layout edits route to GPT Image");
        assertThat(decisions(route("Move the logo to the bottom-left.", 1))).containsExactly("Text or layout edits route to GPT Image");
    }

    @Test
    void step8_variants_routeToNano() {
        Decision d = fromSource.route(features("Give her sunglasses.", 1, null, null, Map.of("num_images", 4)));
        assertThat(decisions(d)).containsExactly("Variants route to Nano Banana");
    }

    @Test
    void step9_oneLocalChange_routesToKontext() {
        Decision d = route("Give the dog a red bandana.", 1);
        assertThat(d.endpoint()).isEqualTo("kontext");
        assertThat(decisions(d)).containsExactly("One local change routes to Kontext");
        assertThat(d.rules()).contains("Exactly one local change is asked for");
    }

    @Test
    void step9_anOpeningVerb_aConnectedKeepClause_andAKeepHeader_leaveOneLocalChange() {
        for (String prompt : List.of("Fog the bathroom mirror with a thin layer of steam.", "Dore les poignées des tiroirs et les cadres.",
                "하늘은 그대로 두고 고양이에게 노란 모자를 씌워 줘.",
                "Contesto: una tazza. Compito: aggiungi un biscotto sul piattino. Da non modificare: il testo sulla tazza, lo sfondo.")) {
            Decision d = route(prompt, 1);
            assertThat(decisions(d)).as(prompt).containsExactly("One local change routes to Kontext");
            assertThat(d.rules()).as(prompt).contains("Exactly one local change is asked for");
        }
    }

    @Test
    void step10_onlyTheFallbackFires_whenNothingElseMatches() {
        Decision d = route("Remove the power lines.", 1);
        assertThat(d.endpoint()).isEqualTo("nano");
        assertThat(decisions(d)).containsExactly("Everything else goes to Nano Banana");
        assertThat(d.rules()).doesNotContain("Exactly one local change is asked for");
    }

    @Test
    void unseenVerb_isOneLocalChange_forKontext() {
        Decision d = route("Dust the cupcakes with powdered sugar.", 1);
        assertThat(decisions(d)).containsExactly("One local change routes to Kontext");
        assertThat(d.rules()).contains("Exactly one local change is asked for");
    }

    @Test
    void compoundChange_isTwoActions_soOnlyTheFallbackFires() {
        Decision d = route("Pinta el sofá de verde y cuelga un espejo encima.", 1);
        assertThat(decisions(d)).containsExactly("Everything else goes to Nano Banana");
        assertThat(d.rules()).doesNotContain("Exactly one local change is asked for");
    }

    @Test
    void negatedRemoval_isPreservation_soOneLocalChangeFires() {
        Decision d = route("Не удаляй полки, просто поставь растение наверх.", 1);
        assertThat(decisions(d)).containsExactly("One local change routes to Kontext");
    }

    @Test
    void elidedNegatedRemoval_isPreservation_soOneLocalChangeFires() {
        Decision d = route("N'efface pas les initiales, cire juste la commode.", 1);
        assertThat(decisions(d)).containsExactly("One local change routes to Kontext");
        assertThat(d.rules()).contains("Exactly one local change is asked for");
    }

    @Test
    void aKeptChineseQuoteThenOneChange_routesToKontext() {
        Decision d = route("保持罐身上的「秋季款」字样不变，再把罐盖换成哑光黑。", 1);
        assertThat(decisions(d)).containsExactly("One local change routes to Kontext");
        assertThat(d.rules()).doesNotContain("Quoted or translated text is in a non-Latin script", "Text inside the image is edited");
    }

    @Test
    void mistOnAGlass_isOneLocalChange_butFogOverTheSceneIsNot() {
        assertThat(decisions(route("给酒杯蒙上一层薄雾。", 1))).containsExactly("One local change routes to Kontext");
        Decision scene = route("Add fog to the scene.", 1);
        assertThat(decisions(scene)).containsExactly("Everything else goes to Nano Banana");
        assertThat(scene.rules()).doesNotContain("Exactly one local change is asked for");
    }

    @Test
    void twoDesignElementsTradingPlaces_routesToGpt() {
        Decision d = route("Troque de lugar o carimbo e o código de barras.", 1);
        assertThat(d.rules()).contains("Design elements are moved or re-arranged");
        assertThat(decisions(d)).containsExactly("Text or layout edits route to GPT Image");
    }

    @Test
    void imagesNamedByRole_compose() {
        Decision d = route("Take the palette from the swatch and apply it to the hero shot.", 2);
        assertThat(d.rules()).contains("The prompt combines several images");
        assertThat(decisions(d)).containsExactly("Composed references route to GPT Image");
    }

    @Test
    void translationOutOfANonLatinScript_isATextEditOnly() {
        Decision d = route("Traduis en anglais le panneau en chinois.", 1);
        assertThat(d.rules()).contains("Text inside the image is edited").doesNotContain("Quoted or translated text is in a non-Latin script");
        assertThat(decisions(d)).containsExactly("Text or layout edits route to GPT Image");
        assertThat(decisions(route("메뉴를 일본어로 번역해 줘.", 1))).containsExactly("Non-Latin in-image text routes to GPT Image");
    }

    @Test
    void structuredPrompt_onlyTheTaskCounts() {
        Decision d = route("Brief: a spring menu shot with a neon sign in the background. Task: add steam above the teacup. "
                + "Must not change: the background, the logo text; avoid touching the table.", 1);
        assertThat(decisions(d)).containsExactly("One local change routes to Kontext");
        assertThat(d.rules()).doesNotContain("Text inside the image is edited");
    }

    @Test
    void structuredPrompt_withMarkdownOrBracketHeaders_onlyTheTaskCounts() {
        for (String prompt : List.of("## Context\nA poster with a headline over a beach backdrop.\n## Task\nGive the lifeguard a red cap.\n## Must not change\nThe headline, the backdrop.",
                "[맥락] 해변 배경의 포스터. [작업] 구조대원에게 빨간 모자를 씌워 줘. [변경 금지] 제목, 배경.")) {
            Decision d = route(prompt, 1);
            assertThat(decisions(d)).as(prompt).containsExactly("One local change routes to Kontext");
            assertThat(d.rules()).as(prompt).doesNotContain("Text inside the image is edited");
        }
    }

    @Test
    void aSettledLayoutAndText_leaveOneLocalChange() {
        Decision d = route("The grid and the copy are approved. Tarnish the brass doorknob.", 1);
        assertThat(decisions(d)).containsExactly("One local change routes to Kontext");
        assertThat(d.rules()).doesNotContain("Text inside the image is edited");
    }

    @Test
    void precompiledRules_decideLikeTheSourceFolder() {
        Router bundled = new Router(Fixtures.RULES, Fixtures.ENDPOINTS);
        for (String prompt : List.of("Give the dog a bandana.", "Remove the lamp.", "Change the title to 'X'.", "把背景换成海边。")) {
            Features f = features(prompt, 1, null, null, Map.of());
            assertThat(bundled.route(f)).as(prompt).isEqualTo(fromSource.route(f));
        }
    }
}
