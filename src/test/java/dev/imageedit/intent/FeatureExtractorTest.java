package dev.imageedit.intent;

import static dev.imageedit.intent.Reading.EXTRACTOR;
import static dev.imageedit.intent.Reading.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {

    @Test
    void quotedSpans_allPolicyQuotePairsAreFound() {
        assertThat(read("Add \"A\", 'B', “C”, ‘D’, 「E」, 『F』, «G» and „H“ as captions").quotedTexts())
                .containsExactly("A", "B", "C", "D", "E", "F", "G", "H");
    }

    @Test
    void apostrophes_areNotQuotes() {
        assertThat(read("It's the dog's bowl; make it blue and don't touch the cat's toy").quotedTexts()).isEmpty();
        assertThat(read("Change the sign to 'Don't stop'").quotedTexts()).containsExactly("Don't stop");
    }

    @Test
    void quotedScripts_nameEachNonLatinScript() {
        assertThat(read("Add “新年快乐” and 'Привет' and \"안녕\"").quotedScripts())
                .containsExactlyInAnyOrder("HAN", "CYRILLIC", "HANGUL");
        assertThat(read("Add the caption 'Café au lait'").quotedScripts()).isEmpty();
    }

    @Test
    void translationIntoNonLatinLanguage_isNonLatinText() {
        assertThat(read("Localise the banner into Arabic.").nonLatinText()).isTrue();
        assertThat(read("把菜单上的文字翻译成韩语。").nonLatinText()).isTrue();
        assertThat(read("Translate the menu into Spanish.").nonLatinText()).isFalse();
        assertThat(read("Translate the menu into Spanish.").textEdit()).isTrue();
    }

    @Test
    void preservationClauses_doNotCountAsChanges() {
        Features f = read("Keep the background unchanged. Add a silver ring to her left hand.");
        assertThat(f.preservationClauses()).containsExactly("Keep the background unchanged");
        assertThat(f.sceneWide()).isFalse();
        assertThat(f.editActions()).isEqualTo(1);
        assertThat(f.preservationFirst()).isTrue();
    }

    @Test
    void preservedQuote_isNeitherTextEditNorNonLatin() {
        Features f = read("Keep the 「限定」 badge unchanged. Give the cat a bow tie.");
        assertThat(f.textEdit()).isFalse();
        assertThat(f.nonLatinText()).isFalse();
        assertThat(f.quotedTexts()).isEmpty();
    }

    @Test
    void trailingPreservation_isRecognisedInEveryLanguage() {
        assertThat(read("Add a hat, keeping everything else as is.").preservationClauses()).hasSize(1);
        assertThat(read("保持背景不变，把她的头发染成红色。").preservationClauses()).containsExactly("保持背景不变");
        assertThat(read("背景はそのままで、帽子を追加してください。").sceneWide()).isFalse();
    }

    @Test
    void editActions_countVerbsNotObjects() {
        assertThat(read("Add an umbrella and a smile.").editActions()).isEqualTo(1);
        assertThat(read("Add a hat and change the background.").editActions()).isEqualTo(2);
        assertThat(read("Brighten each room, straighten the verticals and tone down the windows.").editActions()).isEqualTo(3);
        assertThat(read("Make it black and white.").editActions()).isEqualTo(1);
        assertThat(read("He is now holding a cup of espresso.").editActions()).isEqualTo(1);
        assertThat(read("给小狗戴上一顶生日帽，并把背景换成公园。").editActions()).isEqualTo(2);
        assertThat(read("男性に眼鏡をかけてください。").editActions()).isEqualTo(1);
    }

    @Test
    void sceneWide_coversBackgroundSkyWeatherTimeAndStyle() {
        for (String prompt : List.of("Swap the background for a beach.", "Make it a rainy evening.", "Turn the whole photo into a watercolour painting.",
                "Make it look like it was shot at golden hour.", "把背景换成海边。", "空を夕焼けにしてください。")) {
            assertThat(read(prompt).sceneWide()).as(prompt).isTrue();
        }
        assertThat(read("Give the dog a red bandana.").sceneWide()).isFalse();
        assertThat(read("Add a painting to the wall.").sceneWide()).isFalse();
    }

    @Test
    void removal_inEnglishChineseAndJapanese() {
        for (String prompt : List.of("Get rid of the clutter.", "Erase the tourists.", "Paint the scratch away.", "去掉电线。", "通行人を削除してください。", "ゴミを消してください。")) {
            assertThat(read(prompt).removal()).as(prompt).isTrue();
        }
        assertThat(read("Add a lamp.").removal()).isFalse();
    }

    @Test
    void textEdit_needsTextNotRemovalOfIt() {
        assertThat(read("Change the headline to 'Summer'.").textEdit()).isTrue();
        assertThat(read("把标题改成粗体。").textEdit()).isTrue();
        assertThat(read("看板の文字を変えてください。").textEdit()).isTrue();
        assertThat(read("Remove the watermark text.").textEdit()).isFalse();
        assertThat(read("Give the dog a bandana.").textEdit()).isFalse();
    }

    @Test
    void unquotedTextEdit_isNoticedForAdvice() {
        assertThat(read("Change the headline to Summer Sale.").unquotedTextEdit()).isTrue();
        assertThat(read("Change the headline to 'Summer Sale'.").unquotedTextEdit()).isFalse();
    }

    @Test
    void layoutEdit_movesAndSwapsOfDesignElements() {
        assertThat(read("Move the logo from the top-right to the bottom-center.").layoutEdit()).isTrue();
        assertThat(read("Swap the CTA and the logo.").layoutEdit()).isTrue();
        assertThat(read("Center the title.").layoutEdit()).isTrue();
        assertThat(read("Swap the background for a beach.").layoutEdit()).isFalse();
        assertThat(read("Add a vase in the center of the table.").layoutEdit()).isFalse();
        assertThat(read("Keep the layout exactly as it is. Add a hat.").layoutEdit()).isFalse();
    }

    @Test
    void composition_needsTwoImagesAndAReference() {
        assertThat(read("Put the watch from image 2 on the wrist in image 1.", 2).composition()).isTrue();
        assertThat(read("Use the palette of the second photo for the first.", 2).composition()).isTrue();
        assertThat(read("把图2里的沙发放到图1的客厅里。", 2).composition()).isTrue();
        assertThat(read("Blend the two landscapes into one panorama.", 2).composition()).isTrue();
        assertThat(read("Put the watch from image 2 on the wrist in image 1.", 1).composition()).isFalse();
        assertThat(read("Brighten each photo.", 5).composition()).isFalse();
    }

    @Test
    void namedModels_inOrderOfMention_andNotReadAsInstructions() {
        assertThat(read("Use z-image, or else kontext, to add a hat.").namedModels()).containsExactly("inpaint", "kontext");
        assertThat(read("Use gpt image 2 for this: brighten it.", 2).composition()).isFalse();
        assertThat(read("With GPT Image, remove the tourists.").namedModels()).containsExactly("gpt");
        assertThat(read("Give the dog a hat.").namedModels()).isEmpty();
    }

    @Test
    void variants_comeFromNumImages() {
        Features f = EXTRACTOR.extract(new EditRequest("Add a hat", List.of("https://e.com/a.png"), null, null, Map.of("num_images", "3")), null);
        assertThat(f.variants()).isTrue();
        assertThat(f.outputs()).isEqualTo(3);
    }

    @Test
    void evidence_showsTheOpeningVerbAsTheAction_notAsWeather() {
        Features f = read("Task: mist the bottle with fine droplets. Must not change: the fog in the background.", 1);
        assertThat(f.evidence()).doesNotContainKey("sceneWide");
        assertThat(f.evidence().get("editActions")).containsExactly("mist the bottle with fine droplets");
        assertThat(f.evidence().get("preservation")).containsExactly("the fog in the background");
    }

    @Test
    void evidence_namesTheRoleWordThatComposes_andNotAnOrdinalWithItsOwnNoun() {
        assertThat(read("Give the poster the colours of the reference.", 2).evidence().get("composition")).containsExactly("the reference");
        assertThat(read("Put the hat from this one on the others.", 3).composition()).isTrue();
        assertThat(read("Light the candles on the other tables.", 3).composition()).isFalse();
    }

    @Test
    void evidence_keepsAClauseClosedByAConnective_apartFromTheChange() {
        Features f = read("꽃병은 그대로 두고 테이블에 촛불을 켜 줘.", 1);
        assertThat(f.evidence().get("preservation")).containsExactly("꽃병은 그대로 두고");
        assertThat(f.changeClauses()).containsExactly("테이블에 촛불을 켜 줘");
    }

    @Test
    void aLineThatIsNoHeader_staysAnInstruction() {
        Features f = read("Add a hat.\nChange the background to a beach.");
        assertThat(f.editActions()).isEqualTo(2);
        assertThat(f.sceneWide()).isTrue();
        assertThat(read("Edit\nAdd a hat to the dog.").changeClauses()).containsExactly("Add a hat to the dog");
    }

    @Test
    void anElidedNegation_opensAPreservationClause() {
        Features f = read("N'ajoute rien au ciel, assombris juste le banc.");
        assertThat(f.preservationClauses()).containsExactly("N'ajoute rien au ciel");
        assertThat(f.sceneWide()).isFalse();
        assertThat(f.editActions()).isEqualTo(1);
    }

    @Test
    void aJustBetweenAnUnknownVerbAndItsObject_stillMakesItTheAction() {
        assertThat(read("Patina solo la cornice.").evidence().get("editActions")).containsExactly("Patina solo la cornice");
        assertThat(read("Add a hat, scarf and the gloves.").editActions()).isEqualTo(1);
    }
}
