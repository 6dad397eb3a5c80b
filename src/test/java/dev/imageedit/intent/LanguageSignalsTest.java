package dev.imageedit.intent;

import static dev.imageedit.intent.Reading.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every signal in each of the eleven bundled languages, and the morphology each one needs. */
class LanguageSignalsTest {

    @Test
    void sceneWide_inEveryLanguage() {
        for (String prompt : List.of("Make it a snowy evening.", "把背景换成海边。", "背景を夕焼けにしてください。", "배경을 해변으로 바꿔 줘.",
                "Cambia el fondo por una playa.", "Remplace l'arrière-plan par une plage.", "Ersetze den Hintergrund durch einen Strand.",
                "Sostituisci lo sfondo con una spiaggia.", "Troque o fundo por uma praia.", "Замени фон на пляж.", "غيّر الخلفية إلى شاطئ.")) {
            assertThat(read(prompt).sceneWide()).as(prompt).isTrue();
        }
    }

    @Test
    void removal_inEveryLanguage() {
        for (String prompt : List.of("Erase the tourists.", "去掉电线。", "通行人を削除してください。", "전선을 지워 줘.", "Elimina los cables.",
                "Supprime les câbles.", "Entferne die Kabel.", "Rimuovi i cavi.", "Remova os fios.", "Удали провода.", "احذف الأسلاك.")) {
            assertThat(read(prompt).removal()).as(prompt).isTrue();
        }
    }

    @Test
    void textEdit_inEveryLanguage() {
        for (String prompt : List.of("Change the headline to 'Summer'.", "把标题改成「夏日」。", "見出しを「夏」に変えて。", "제목을 '여름'으로 바꿔 줘.",
                "Cambia el título a «Verano».", "Change le titre en « Été ».", "Ändere die Überschrift in „Sommer“.",
                "Cambia il titolo in «Estate».", "Mude o título para \"Verão\".", "Измени заголовок на «Лето».", "غيّر العنوان إلى \"صيف\".")) {
            assertThat(read(prompt).textEdit()).as(prompt).isTrue();
        }
    }

    @Test
    void layoutEdit_inEveryLanguage() {
        for (String prompt : List.of("Move the logo to the bottom-left.", "把标志移到左下角。", "ロゴを左下に移動して。", "로고를 왼쪽 아래로 옮겨 줘.",
                "Mueve el logo abajo a la izquierda.", "Déplace le logo en bas à gauche.", "Verschiebe das Logo nach unten links.",
                "Sposta il logo in basso a sinistra.", "Mova o logo para o canto inferior esquerdo.", "Перемести логотип в левый нижний угол.",
                "انقل الشعار إلى أسفل اليسار.")) {
            assertThat(read(prompt).layoutEdit()).as(prompt).isTrue();
        }
    }

    @Test
    void swappingTwoElementsPlaces_isALayoutEdit_inEveryLanguage() {
        for (String prompt : List.of("Make the stamp and the barcode trade places.", "Swap the positions of the stamp and the barcode.",
                "把印章和条形码调换一下位置。", "印章和条形码互换。", "スタンプとバーコードの位置を入れ替えて。", "도장과 바코드의 위치를 바꾸어 줘.",
                "Intercambia de sitio el sello y el código de barras.", "Échange la position du tampon et du code-barres.",
                "Tausche die Positionen von Stempel und Strichcode.", "Scambia di posto il timbro e il codice a barre.",
                "Troque de posição o carimbo e o código de barras.", "Поменяй местами штамп и штрихкод.", "بدّل مكاني الختم والباركود.")) {
            assertThat(read(prompt).layoutEdit()).as(prompt).isTrue();
        }
        assertThat(read("Swap the mug for a glass.").layoutEdit()).isFalse();
    }

    @Test
    void compoundChanges_areTwoActions_inEveryLanguage() {
        for (String prompt : List.of("Make the sofa emerald green, and hang a round mirror above it.", "在桌上放一杯拿铁，然后把电脑换成平板。",
                "帽子を追加して、そしてマフラーを巻いて。", "모자를 씌우고 그리고 목도리를 둘러 줘.", "Pinta el sofá de verde y cuelga un espejo encima.",
                "Peins le canapé en vert et accroche un miroir au-dessus.", "Färbe das Sofa grün und häng einen Spiegel darüber.",
                "Dipingi il divano di verde e appendi uno specchio sopra.", "Pinte o sofá de verde e pendure um espelho acima.",
                "Покрась диван в зелёный и повесь зеркало над ним.", "اجعل الأريكة خضراء وعلّق مرآة فوقها.")) {
            assertThat(read(prompt).editActions()).as(prompt).isEqualTo(2);
        }
    }

    @Test
    void oneVerbWithTwoObjects_staysOneAction() {
        for (String prompt : List.of("Add an umbrella and a smile.", "Añade un paraguas y una sonrisa.", "Ajoute un parapluie et un sourire.",
                "Füge einen Schirm und ein Lächeln hinzu.", "Aggiungi un ombrello e un sorriso.", "Adicione um guarda-chuva e um sorriso.",
                "Добавь зонт и улыбку.", "أضف مظلة وابتسامة.", "帽子とマフラーを追加して。")) {
            assertThat(read(prompt).editActions()).as(prompt).isEqualTo(1);
        }
    }

    @Test
    void negatedRemoval_isPreservation_inEveryLanguage() {
        for (String prompt : List.of("Don't delete any of the shelves, just put a plant on the top one.", "不要删除架子，只在最上层放一盆植物。",
                "棚は消さないで、一番上に植物を置いて。", "선반은 지우지 말고 맨 위 칸에 화분을 올려 줘.",
                "No borres ninguna estantería, solo pon una planta arriba.", "Ne supprime pas les étagères, pose juste une plante en haut.",
                "Lösche die Regale nicht, stell nur eine Pflanze oben drauf.", "Non cancellare le mensole, metti solo una pianta in alto.",
                "Não apague as prateleiras, só coloque uma planta no topo.", "Не удаляй полки, просто поставь растение наверх.",
                "لا تحذف الرفوف، فقط ضع نبتة في الأعلى.")) {
            Features f = read(prompt);
            assertThat(f.removal()).as(prompt).isFalse();
            assertThat(f.editActions()).as(prompt).isEqualTo(1);
            assertThat(f.preservationClauses()).as(prompt).isNotEmpty();
        }
    }

    @Test
    void elidedOrUnknownVerbNegatedRemoval_thenJustOneUnknownVerb_isOneActionAndPreservation() {
        for (String prompt : List.of("Don't wipe off the chalk menu, just lacquer the bar counter.",
                "N'enlève pas les initiales gravées, laque juste le comptoir.", "N'efface pas la date, vernis seulement le comptoir.",
                "Non cancellare le iniziali incise, laccà solo il bancone.", "Non rimuovere la data, smalta soltanto il bancone.",
                "No quites las iniciales grabadas, laquea solo la barra.", "Não apague as iniciais gravadas, envernize apenas o balcão.",
                "Entferne die Initialen nicht, lackiere nur die Theke.", "Lösche das Datum nicht, nur die Theke lackieren.",
                "Не стирай инициалы, лакируй только стойку.", "لا تحذف الأحرف المحفورة، فقط اطل المنضدة بالورنيش.",
                "不要擦掉刻字，只给吧台上一层清漆。", "刻印は消さないで、カウンターだけニスを塗って。", "각인은 지우지 말고 카운터만 니스를 칠해 줘.")) {
            Features f = read(prompt);
            assertThat(f.removal()).as(prompt).isFalse();
            assertThat(f.editActions()).as(prompt).isEqualTo(1);
            assertThat(f.preservationClauses()).as(prompt).hasSize(1);
            assertThat(f.changeClauses()).as(prompt).hasSize(1);
        }
    }

    @Test
    void aQuotedSpanKeptBeforeTheChange_isNeitherTextNorAnotherChange_inChineseJapaneseAndKorean() {
        for (String prompt : List.of("保持罐身上的「秋季款」字样不变，再把罐盖换成哑光黑。", "保持「秋季款」三个字不变再把画框漆成黑色。",
                "别改盒子上的“新品”二字，然后把盒盖涂成深蓝。", "标签上的『手工』不要动，只把瓶塞换成软木的。",
                "缶の「秋季限定」の文字はそのままで、フタをマットな黒にして。", "「秋季限定」ロゴは変えずにフタだけ黒くして。",
                "캔에 적힌 '가을 한정' 글자는 그대로 두고 뚜껑을 검은색으로 바꿔 줘.", "'가을 한정' 문구는 건드리지 말고 뚜껑만 검게 칠해 줘.")) {
            Features f = read(prompt);
            assertThat(f.textEdit()).as(prompt).isFalse();
            assertThat(f.nonLatinText()).as(prompt).isFalse();
            assertThat(f.editActions()).as(prompt).isEqualTo(1);
            assertThat(f.preservationClauses()).as(prompt).hasSize(1);
        }
    }

    @Test
    void aVerbWordInsideAnObjectMarkedBy把_isPartOfTheNoun() {
        assertThat(read("把杯盖换成红色。").editActions()).isEqualTo(1);
        assertThat(read("把画框做成金色。").editActions()).isEqualTo(1);
        assertThat(read("把杯盖换成红色，再把画框做成金色。").editActions()).isEqualTo(2);
    }

    @Test
    void aVerbLast_afterWhatToKeep_startsTheChange() {
        Features f = read("Den Titel nicht ändern, nur die Tasse rot färben.");
        assertThat(f.preservationClauses()).containsExactly("Den Titel nicht ändern");
        assertThat(f.changeClauses()).containsExactly("nur die Tasse rot färben");
        assertThat(f.textEdit()).isFalse();
        assertThat(read("Keep the face, the background and the lighting. Add a hat.").sceneWide()).isFalse();
    }

    @Test
    void aSnowman_isNoSnowfall() {
        for (String prompt : List.of("Ajoute une écharpe au bonhomme de neige.", "Füge einen Schneemann hinzu.", "Добавь снеговика.")) {
            assertThat(read(prompt).sceneWide()).as(prompt).isFalse();
        }
        assertThat(read("Haz que nieve sobre la ciudad.").sceneWide()).isTrue();
    }

    @Test
    void settledFacts_arePreservation() {
        for (String prompt : List.of("The colour scheme and the layout are signed off; tint the cushions mustard.",
                "Das Layout ist abgenommen und die Schatten bleiben, wie sie sind – färbe nur die Kissen senfgelb.",
                "L'impaginazione è approvata: tingi solo i cuscini di giallo.", "Макет уже утверждён, тени оставь как есть — только перекрась подушки.")) {
            Features f = read(prompt);
            assertThat(f.layoutEdit()).as(prompt).isFalse();
            assertThat(f.editActions()).as(prompt).isEqualTo(1);
        }
    }

    @Test
    void aSettledSubjectListingLayoutOrText_isPreservation_inEveryLanguage() {
        for (String prompt : List.of("Copy and layout are final. Weather the leather saddle.",
                "The headline and the grid have been signed off, so just tarnish the silver teapot.",
                "排版和标题文字已确认。把皮沙发做旧。", "レイアウトと見出しは承認済みです。革のソファを古びた感じにして。",
                "레이아웃과 제목 문구는 승인됐으니 가죽 소파를 낡게 만들어 줘.", "La maquetación y el titular están aprobados, envejece el sillón de cuero.",
                "La mise en page et le titre sont validés. Patine le fauteuil en cuir.", "Layout und Überschrift sind freigegeben; lass den Ledersessel abgenutzt aussehen.",
                "Il layout e il titolo sono approvati. Invecchia la poltrona di pelle.", "O layout e o título estão aprovados, envelheça a poltrona de couro.",
                "Макет и заголовок утверждены. Состарь кожаное кресло.", "التخطيط والعنوان معتمدان، اجعل الكرسي الجلدي يبدو قديما.")) {
            Features f = read(prompt);
            assertThat(f.layoutEdit()).as(prompt).isFalse();
            assertThat(f.textEdit()).as(prompt).isFalse();
            assertThat(f.editActions()).as(prompt).isEqualTo(1);
            assertThat(f.preservationClauses()).as(prompt).hasSize(1);
        }
    }

    @Test
    void weatherPutOnAThing_isLocal_butAsTheSettingIsSceneWide_inEveryLanguage() {
        for (String prompt : List.of("Coat the lantern glass with a faint mist.", "给眼镜片蒙上一层雾气。", "眼鏡のレンズに薄い霧をかけて。",
                "안경알에 옅은 안개를 입혀 줘.", "Cubre los cristales de las gafas con una niebla suave.", "Recouvre les verres des lunettes d'une légère brume.",
                "Überziehe die Brillengläser mit leichtem Nebel.", "Copri le lenti degli occhiali con una nebbia leggera.",
                "Cubra as lentes dos óculos com uma névoa leve.", "Покрой стёкла очков лёгким туманом.", "غطِّ عدسات النظارة بضباب خفيف.",
                "Put frost on the lantern.", "在灯笼上加一层霜。")) {
            Features f = read(prompt);
            assertThat(f.sceneWide()).as(prompt).isFalse();
            assertThat(f.editActions()).as(prompt).isEqualTo(1);
        }
        for (String prompt : List.of("Add thick fog.", "Add fog to the scene.", "Make it a frosty dawn.", "给整个画面加一层雾。", "背景に霧を足して。",
                "장면에 안개를 추가해 줘.", "Añade niebla al paisaje.", "Ajoute de la brume au paysage.", "Füge der Landschaft Nebel hinzu.",
                "Aggiungi nebbia al paesaggio.", "Adicione névoa à paisagem.", "Добавь туман на пейзаж.", "أضف ضبابا إلى المنظر.")) {
            assertThat(read(prompt).sceneWide()).as(prompt).isTrue();
        }
    }

    @Test
    void imagesNamedByRole_compose_inEveryLanguage() {
        for (String prompt : List.of("Take the palette from the swatch and apply it to the hero shot.", "按参考图的配色调整这张图。",
                "参考画像の色味に合わせて。", "첫 번째 이미지의 조명을 맞춰 줘.", "Usa los colores de la foto de referencia.",
                "Applique les couleurs de l'image de référence.", "Übertrag die Farbpalette aus dem Moodboard.",
                "Usa i colori della foto di riferimento.", "Aplique a cor da amostra no sofá.", "Возьми цвета с образца.",
                "طبّق ألوان الصورة المرجعية.")) {
            assertThat(read(prompt, 2).composition()).as(prompt).isTrue();
            assertThat(read(prompt, 1).composition()).as(prompt).isFalse();
        }
    }

    @Test
    void referencesAndRoleNouns_withTheirInflections_compose_inEveryLanguage() {
        for (String prompt : List.of("Match the knit pattern to the samples.", "Give the label the layout of the template.",
                "照着模板的排版调整这张海报。", "サンプルと同じ色合いにして。", "템플릿의 배치대로 정리해 줘.", "Usa las plantillas para el encuadre.",
                "Reprends la typographie des échantillons.", "Prendi la luce dal riferimento.", "Siga as referências para as cores.",
                "Nimm die Lichtstimmung aus der Referenz.", "Сделай как на шаблоне.", "استخدم ألوان القالب.")) {
            assertThat(read(prompt, 2).composition()).as(prompt).isTrue();
        }
    }

    @Test
    void composeVerbsInTheirForms_compose_inEveryLanguage() {
        for (String prompt : List.of("Mix the two shots into a poster.", "把这几张照片混合成一张海报。", "この2枚を混ぜてポスターにして。",
                "두 사진을 섞어서 포스터로 만들어 줘.", "Compón un cartel con estas fotos.", "Composez une affiche avec ces photos.",
                "Vermische die beiden Fotos zu einem Plakat.", "Componete un manifesto con queste immagini.", "Mistura as fotos num cartaz.",
                "Смешай эти снимки в один плакат.", "اخلط الصورتين في ملصق واحد.")) {
            assertThat(read(prompt, 3).composition()).as(prompt).isTrue();
        }
    }

    @Test
    void translationDirection_intoNonLatinOnly() {
        for (String prompt : List.of("Translate the menu into Korean.", "把菜单翻译成韩语。", "メニューを韓国語に翻訳して。", "메뉴를 일본어로 번역해 줘.",
                "Traduce el menú al chino.", "Traduis le menu en japonais.", "Übersetze die Speisekarte ins Chinesische.",
                "Traduci il menu in cinese.", "Traduza o cardápio para o japonês.", "Переведи меню на китайский.", "ترجم القائمة إلى الصينية.")) {
            assertThat(read(prompt).nonLatinText()).as(prompt).isTrue();
        }
        for (String prompt : List.of("Translate the Japanese sign into English.", "把日文招牌翻译成英文。", "中国語の看板を英語に翻訳して。",
                "중국어 간판을 영어로 번역해 줘.", "Traduce al español los textos en japonés.", "Traduis en anglais les panneaux en chinois.",
                "Übersetze das japanische Schild ins Englische.", "Traduci in inglese le scritte in giapponese.",
                "Traduza para o inglês os textos em chinês.", "Переведи китайскую вывеску на английский.", "ترجم اللافتة الصينية إلى الإنجليزية.")) {
            Features f = read(prompt);
            assertThat(f.nonLatinText()).as(prompt).isFalse();
            assertThat(f.textEdit()).as(prompt).isTrue();
        }
    }

    @Test
    void structuredPrompts_onlyTheChangePartCounts() {
        for (String prompt : List.of(
                "Brief: spring menu shot with a neon sign in the background. Task: add steam above the teacup. Must not change: the background, the logo text, the lighting; avoid touching the table.",
                "需求：茶饮品牌春季上新图。任务：在杯口上方加一缕热气。不得改动：背景、杯身上的「春日限定」字样、整体光线。",
                "依頼内容：春メニュー用写真。作業：湯呑みから湯気を立たせる。変更禁止：背景、器のロゴ、全体の明るさ。",
                "Contexto: foto del menú con un cartel. Tarea: añade vapor sobre la taza. No cambiar: el fondo, el texto del logo.")) {
            Features f = read(prompt);
            assertThat(f.sceneWide()).as(prompt).isFalse();
            assertThat(f.textEdit()).as(prompt).isFalse();
            assertThat(f.editActions()).as(prompt).isEqualTo(1);
        }
    }

    @Test
    void headersMarkedAsHeadingsBracketsBoldOrALineAlone_cutTheSections_inEveryLanguage() {
        for (String prompt : List.of(
                "## Context\nA studio shot of a teapot on a linen backdrop, headline on top.\n## Task\nGive the lid a brass knob.\n## Must not change\nThe backdrop, the headline text, the lighting.",
                "【背景】\n秋季新品海报，背景是暖灰色。\n【任务】\n给茶壶加一个铜钮。\n【不要修改】\n标题文字、背景、光线。",
                "[概要] 秋の新作ポスター、背景は灰色。[作業] ティーポットの蓋に真鍮のつまみを付けて。[変更禁止] 見出しの文字、背景。",
                "[맥락] 가을 신제품 포스터, 회색 배경. [작업] 주전자 뚜껑에 놋쇠 손잡이를 달아 줘. [변경 금지] 제목 글자, 배경, 조명.",
                "### Contexto\nFoto de catálogo con fondo gris y un titular arriba.\n### Tarea\nPon un pomo de latón en la tapa.\n### No cambiar\nEl fondo, el texto del titular.",
                "**Contexte**\nVisuel d'automne, fond gris, titre en haut.\n**Tâche**\nAjoute un pommeau en laiton au couvercle.\n**Ne pas modifier**\nLe fond, le texte du titre.",
                "Kontext\nHerbstmotiv mit grauem Hintergrund und Überschrift.\nAufgabe\nSetz dem Deckel einen Messingknauf auf.\nNicht ändern\nHintergrund, Überschrift, Licht.",
                "#### Contesto:\nFoto autunnale su sfondo grigio con titolo.\n#### Compito:\nAggiungi un pomello di ottone al coperchio.\n#### Non modificare:\nLo sfondo, il testo del titolo.",
                "【Contexto】 Foto de outono com fundo cinza e título. 【Tarefa】 Coloque um puxador de latão na tampa. 【Não alterar】 O fundo, o texto do título.",
                "# Контекст\nОсенний постер, серый фон, заголовок сверху.\n# Задача\nПриделай к крышке латунную ручку.\n# Не менять\nФон, текст заголовка.",
                "**السياق**\nملصق خريفي بخلفية رمادية وعنوان.\n**المهمة**\nأضف مقبضا نحاسيا إلى الغطاء.\n**لا تغير**\nالخلفية، نص العنوان.")) {
            Features f = read(prompt);
            assertThat(f.sceneWide()).as(prompt).isFalse();
            assertThat(f.textEdit()).as(prompt).isFalse();
            assertThat(f.editActions()).as(prompt).isEqualTo(1);
            assertThat(f.preservationClauses()).as(prompt).isNotEmpty();
        }
    }

    @Test
    void keepHeaders_openingWithAPrepositionOrArticle_arePreservation_inEveryLanguage() {
        for (String prompt : List.of(
                "Context: a jar of honey. Task: add a wooden dipper beside the jar. To leave alone: the label text, the background.",
                "背景说明：一罐蜂蜜。任务：在罐子旁边放一根木勺。请勿修改：标签文字、背景。",
                "概要：蜂蜜の瓶。作業：瓶の横に木のスプーンを置いて。変更しないもの：ラベルの文字、背景。",
                "개요: 꿀병 사진. 작업: 병 옆에 나무 스푼을 놓아 줘. 수정 금지: 라벨 문구, 배경.",
                "Contexto: un tarro de miel. Tarea: añade una cuchara de madera junto al tarro. A no modificar: el texto de la etiqueta, el fondo.",
                "Contexte : un pot de miel. Tâche : pose une cuillère en bois à côté du pot. À ne pas toucher : le texte de l'étiquette, le fond ; évitez de retoucher les reflets.",
                "Kontext: ein Honigglas. Aufgabe: Leg einen Holzlöffel neben das Glas. Bitte nicht ändern: den Etikettentext, den Hintergrund.",
                "Contesto: un barattolo di miele. Compito: metti un cucchiaio di legno accanto al barattolo. Da non modificare: il testo dell'etichetta, lo sfondo; evita di toccare i riflessi.",
                "Contexto: um pote de mel. Tarefa: coloque uma colher de pau ao lado do pote. A não alterar: o texto do rótulo, o fundo; evite mexer nos reflexos.",
                "Контекст: банка мёда. Задача: положи деревянную ложку рядом с банкой. Не редактировать: текст этикетки, фон; избегай правок бликов.",
                "السياق: برطمان عسل. المهمة: ضع ملعقة خشبية بجانب البرطمان. لا تعدل: نص الملصق، الخلفية.")) {
            Features f = read(prompt);
            assertThat(f.textEdit()).as(prompt).isFalse();
            assertThat(f.sceneWide()).as(prompt).isFalse();
            assertThat(f.editActions()).as(prompt).isEqualTo(1);
        }
    }

    @Test
    void preservationJoinedByAConnective_isItsOwnClause() {
        for (String prompt : List.of("하늘은 그대로 두고 고양이에게 노란 모자를 씌워 줘.", "조명은 유지하고 컵에 빨대를 꽂아 줘.",
                "배경은 바꾸지 않고 의자 위에 쿠션을 올려 줘.", "空はそのままで猫に黄色い帽子をかぶせて。", "背景を変えずにカップにストローを差して。",
                "照明を残したままソファにクッションを置いて。", "保持背景不变的同时给猫戴上一顶黄帽子。",
                "اترك السماء كما هي وضع قبعة صفراء على القطة.", "Оставь небо как есть и повяжи коту жёлтый шарф.")) {
            Features f = read(prompt);
            assertThat(f.preservationClauses()).as(prompt).hasSize(1);
            assertThat(f.sceneWide()).as(prompt).isFalse();
            assertThat(f.editActions()).as(prompt).isEqualTo(1);
        }
    }

    @Test
    void oneInstructionOverSeveralImages_withArticlesAndQuantifiers_isNoComposition_inEveryLanguage() {
        for (String prompt : List.of("Add a soft reflection under each glass.", "给每个瓶子下面加一个柔和的投影。", "それぞれの瓶の下に柔らかい影を付けて。",
                "각 병 아래에 부드러운 그림자를 넣어 줘.", "Pon una sombra suave junto a la base de cada taza.",
                "Ajoute une étiquette ronde sous chaque pot.", "Gib jedem Hund ein Halstuch zusammen mit einer Marke.",
                "Cambia i fondi di tutte le foto in grigio chiaro.", "Coloque uma sombra suave junto à base de cada vaso.",
                "Добавь мягкую тень под каждой бутылкой.", "أضف ظلا ناعما تحت كل زجاجة.")) {
            assertThat(read(prompt, 3).composition()).as(prompt).isFalse();
        }
    }

    @Test
    void anOrdinalOrOtherWithANounOfItsOwn_isAThingInThePicture_notAnImage() {
        for (String prompt : List.of("Ajoute un reflet sur la première marche de chaque escalier.", "Oscurece las otras tazas de cada foto.",
                "Schiebe die anderen Stühle näher an den Tisch.", "Illumina la prima fila di sedie.", "Escureça as outras canecas.")) {
            assertThat(read(prompt, 3).composition()).as(prompt).isFalse();
        }
        for (String prompt : List.of("Pon la camiseta de la primera en la segunda.", "Nimm den Himmel aus dem ersten Bild.",
                "Mets le ciel de l'autre photo.", "Apply the reference palette to the poster.")) {
            assertThat(read(prompt, 2).composition()).as(prompt).isTrue();
        }
    }

    @Test
    void aVerbOpeningTheClause_isTheAction_notItsNounSense() {
        for (String prompt : List.of("Mist the mirror with tiny droplets.", "Fog the lenses of his glasses.", "Weather the wooden fence.",
                "Style her hair in loose curls.")) {
            Features f = read(prompt);
            assertThat(f.sceneWide()).as(prompt).isFalse();
            assertThat(f.editActions()).as(prompt).isEqualTo(1);
        }
        assertThat(read("Add mist to the scene.").sceneWide()).isTrue();
        assertThat(read("Add fog over the lake.").sceneWide()).isTrue();
        assertThat(read("Relight the room with warm lamps.").sceneWide()).isTrue();
        assertThat(read("Write a thank-you note on the card.").textEdit()).isTrue();
        assertThat(read("Change the embossed text on the wallet to gold.").textEdit()).isTrue();
    }

    @Test
    void wordsOfOneLanguage_doNotReadAsAnothersSignals() {
        for (String prompt : List.of("Emboss a fine leather texture onto the belt.", "Texturiere die Ledertasche mit feinem Narbenmuster.",
                "Aggiungi una fontana al centro del giardino.", "Поставь вазу в центр стола.")) {
            assertThat(read(prompt).textEdit()).as(prompt).isFalse();
        }
        for (String prompt : List.of("Pinta de negro los tiradores de la cómoda.", "Coloque um selo exclusivo na tampa da caixa.")) {
            assertThat(read(prompt).removal()).as(prompt).isFalse();
        }
    }

    @Test
    void anUnknownVerbWithTwoJoinedObjects_isOneAction_inEveryLanguage() {
        for (String prompt : List.of("Burnish the frames and the handles.", "Patina los marcos de los espejos y los tiradores de los cajones.",
                "Patine les cadres et les poignées.", "Brunisci le cornici e le maniglie.", "Envernize as molduras e os puxadores.",
                "Patiniere die Rahmen und die Griffe.", "Патинируй рамы и ручки.", "عتّق الإطارات والمقابض.",
                "patina los marcos y tiradores del mueble.", "Envernize as molduras e puxadores da cômoda.",
                "Patiniere die Rahmen und Griffe des Schranks.", "Patine les cadres et poignées du buffet.",
                "Brunisci le cornici e maniglie della credenza.")) {
            Features f = read(prompt);
            assertThat(f.editActions()).as(prompt).isEqualTo(1);
            assertThat(f.removal()).as(prompt).isFalse();
            assertThat(f.sceneWide()).as(prompt).isFalse();
        }
    }

    @Test
    void morphology_koreanParticles_arabicClitics_russianEndings_romanceAndGermanInflections() {
        assertThat(read("배경에서 사람을 지워 줘.").removal()).isTrue();
        assertThat(read("بالخلفية أضف قمرا.").sceneWide()).isTrue();
        assertThat(read("وأزل الأسلاك.").removal()).isTrue();
        assertThat(read("Сделай небо на фоне закатным.").sceneWide()).isTrue();
        assertThat(read("Убери провода с фотографии.").removal()).isTrue();
        assertThat(read("Eliminad los cables.").removal()).isTrue();
        assertThat(read("Entfernt bitte die Kabel.").removal()).isTrue();
    }

    @Test
    void modelNamedNextToAnotherScript_isStillNamed() {
        assertThat(read("nano banana로 컵에서 김이 나게 해 줘.").namedModels()).containsExactly("nano");
        assertThat(read("flux kontext로 배경을 해변으로 바꿔 줘.").namedModels()).containsExactly("kontext");
    }

    /**
     * The eleven languages share one matcher, so a stem written for one must not catch an everyday
     * word of another: an English prompt placing an ordinary object is one local action and no
     * other signal, whatever the object is called.
     */
    @Test
    void everydayEnglishObjects_fireNoOtherLanguagesSignal() {
        for (String object : List.of("restaurant napkin", "rest area bench", "festival flag", "pasta plate", "resort towel",
                "fontana figurine", "center table", "exclusive perfume", "texture swatch", "model car", "cable tie", "fondue pot",
                "sample bottle", "presto jar", "mare statue", "nave lamp", "campo ball", "porta cabin", "salon chair", "dessert cup",
                "stand mixer", "tiramisu cake", "latte mug", "piano bench", "fino glass", "tinto bottle", "corte knife")) {
            String prompt = "Place a small " + object + " on the shelf.";
            Features features = read(prompt);
            assertThat(features.editActions()).as(prompt).isEqualTo(1);
            assertThat(features.preservationClauses()).as(prompt).isEmpty();
            assertThat(features.sceneWide() || features.removal() || features.textEdit() || features.layoutEdit()).as(prompt).isFalse();
        }
    }

    /** The same between the other languages: an English weather stem, a Japanese weather character, a Portuguese look. */
    @Test
    void wordsBeginningLikeAnotherLanguagesSceneWord_areNoSceneChange() {
        for (String prompt : List.of("Dora la cornice dello specchio con foglia d'oro.", "Acenda o fogo da lareira.",
                "让照片里的老爷爷笑起来，露出牙齿。", "Quero o bebê com cara de emburrado.", "把秋千换成红色的。")) {
            assertThat(read(prompt).sceneWide()).as(prompt).isFalse();
        }
        for (String prompt : List.of("Make it foggy outside.", "把这张图改成深秋的感觉。", "葉に朝露をつけて、秋景色にして。",
                "Dê à foto uma cara de filme antigo.")) {
            assertThat(read(prompt).sceneWide()).as(prompt).isTrue();
        }
    }

    /** Agents write tasks as lists: each item is an action, whatever marks it, and its marker hides no verb. */
    @Test
    void aTaskList_countsEachItem_whateverMarksIt() {
        for (String prompt : List.of("Tasks:\n1. Add a pearl necklace\n2. Dye the hair copper red",
                "- Add a pearl necklace\n- Dye the hair copper red", "• Add a pearl necklace\n• Dye the hair copper red",
                "a) Add a pearl necklace\nb) Dye the hair copper red", "(1) Add a pearl necklace\n(2) Dye the hair copper red",
                "任务：\n1、给她戴上珍珠项链\n2、把头发染成铜红色", "Aufgaben:\n1. Perlenkette ergänzen\n2. Haare kupferrot färben")) {
            assertThat(read(prompt).editActions()).as(prompt).isEqualTo(2);
        }
        assertThat(read("- Keep the face unchanged\n- Give her a red scarf").editActions()).isEqualTo(1);
    }

    @Test
    void aGermanInstructionClosingWithItsInfinitive_isAnAction() {
        assertThat(read("Hintergrund entfernen.").removal()).isTrue();
        assertThat(read("Den Hut rot färben. Eine Vase auf den Tisch stellen.").editActions()).isEqualTo(2);
    }

    @Test
    void aSpacedHyphen_endsAClause_asADashDoes() {
        Features features = read("Don't touch the watermark in the corner - just put a tiny ladybug on the largest leaf.");
        assertThat(features.editActions()).isEqualTo(1);
        assertThat(features.preservationClauses()).containsExactly("Don't touch the watermark in the corner");
        assertThat(read("Add a well-lit lamp to the half-empty shelf.").editActions()).isEqualTo(1);
    }

    @Test
    void anObjectMarkedBeforeAComma_waitsForItsVerb() {
        assertThat(read("女の子の表情を、少し驚いたような顔にしてもらえますか。").editActions()).isEqualTo(1);
        assertThat(read("帽子を追加して、背景を海に変えてください。").editActions()).isEqualTo(2);
        assertThat(read("아이의 모자를, 빨간색으로 바꿔 주세요.").editActions()).isEqualTo(1);
    }

    /**
     * Arabic spelling: the alif that carries an accusative ending (ممطراً), the article on a short
     * word (الجو), and a hamza-alif before lam that begins a word rather than being its article
     * (بالألوان "in colours": the colours of "ألوان مائية", watercolour).
     */
    @Test
    void arabicEndingsAndArticles_doNotHideAWord() {
        for (String prompt : List.of("اجعل الجو ممطراً وغائماً.", "حوّل الصورة كلها إلى رسم بالألوان المائية.", "اجعل الطقس مشمساً.")) {
            assertThat(read(prompt).sceneWide()).as(prompt).isTrue();
        }
        assertThat(read("أضف قبعة إلى الرجل.").sceneWide()).isFalse();
    }

    /**
     * An image named by what it shows ("the product photo", "la photo du produit", "фото товара")
     * names one of the inputs, as "the hero shot" does, so it composes; the same words for all of
     * them ("each product photo", "每张商品图", "на всех этих фото") do not. Chinese, Japanese and
     * Korean mark no plural, so there an image named by its role composes only beside another.
     */
    @Test
    void anImageNamedByWhatItShows_composes_butNotAllOfThem() {
        for (String prompt : List.of("Put the logo onto the product photo.", "Intègre le logo sur la photo du produit.",
                "Pon el logo en la foto del producto.", "Metti il logo sulla foto del prodotto.", "Coloque o logo na foto do produto.",
                "Setze das Logo auf das Produktfoto.", "Наложи логотип на фото товара.", "ضع الشعار على صورة المنتج.",
                "把 logo 图放到产品图的包装盒正面。", "ロゴ画像のロゴを商品写真のボトルに貼ってください。", "로고 이미지를 제품 사진 속 상자 위에 넣어 주세요.")) {
            assertThat(read(prompt, 2).composition()).as(prompt).isTrue();
        }
        for (String prompt : List.of("Put a white background on each product photo.", "把每张商品图的背景都换成纯白。",
                "这几张商品图都换成纯白背景。", "상품 사진마다 배경을 흰색으로 바꿔 줘.", "На всех этих фото замени фон на светло-серый.",
                "すべての商品写真の背景を白にしてください。", "Mets un fond blanc sur chaque photo du produit.")) {
            assertThat(read(prompt, 3).composition()).as(prompt).isFalse();
        }
    }

    /** "Couldn't you…", "¿No podrías…?", "Könntest du nicht…": a negative question asks for the change. */
    @Test
    void aPoliteNegativeQuestion_isARequest_notANegation() {
        for (String prompt : List.of("Couldn't you put a hat on the dog?", "¿No podrías poner un sombrero al perro?",
                "Não poderia colocar um chapéu no cachorro?", "Ne pourriez-vous pas mettre un chapeau au chien ?",
                "Non potresti mettere un cappello al cane?", "Könntest du nicht dem Hund einen Hut aufsetzen?",
                "Не могли бы вы надеть на собаку шляпу?", "ألا يمكنك وضع قبعة على الكلب؟")) {
            Features features = read(prompt);
            assertThat(features.preservationClauses()).as(prompt).isEmpty();
            assertThat(features.editActions()).as(prompt).isEqualTo(1);
        }
        assertThat(read("No cambies el fondo.").preservationClauses()).hasSize(1);
    }

    /** "Everything else is great" settles the rest: it is no second change. */
    @Test
    void sayingTheRestIsFine_isPreservation() {
        for (String prompt : List.of("Make the laces neon green. Everything else is great.",
                "Сделай шнурки неоново-зелёными. Остальное всё отлично.", "Pon los cordones verde neón. Lo demás está perfecto.",
                "Mets les lacets en vert fluo. Le reste est parfait.", "Rendi i lacci verde neon. Il resto va bene.",
                "Deixe os cadarços verde neon. O resto está ótimo.", "Färbe die Schnürsenkel neongrün. Der Rest passt.",
                "把鞋带改成荧光绿。其他都很好。", "靴ひもをネオングリーンにしてください。他は完璧です。", "신발끈을 형광 초록으로 바꿔 주세요. 나머지는 완벽해요.")) {
            Features features = read(prompt);
            assertThat(features.editActions()).as(prompt).isEqualTo(1);
            assertThat(features.preservationClauses()).as(prompt).hasSize(1);
        }
    }

    /** A "request" label is the task when no task label is there, and the brief beside one. */
    @Test
    void aRequestLabel_isTheTask_unlessATaskLabelIsThere() {
        Features alone = read("## 依頼\nポスターのキャッチコピーを「秋の新作」に差し替え\n## 変更しないこと\n- ロゴ");
        assertThat(alone.textEdit()).isTrue();
        assertThat(alone.nonLatinText()).isTrue();
        Features beside = read("요청: 카페 신메뉴 홍보 이미지. 작업: 라떼 위에 하트 모양 라떼아트를 추가.");
        assertThat(beside.editActions()).isEqualTo(1);
        assertThat(read("Request: replace the sky with a sunset.").sceneWide()).isTrue();
    }

    @Test
    void aGermanCompoundEndingInASceneWord_isTheScene() {
        assertThat(read("Ersetz den grauen Studiohintergrund durch eine Marmor-Arbeitsplatte.").sceneWide()).isTrue();
        assertThat(read("Mach den Abendhimmel dramatischer.").sceneWide()).isTrue();
        assertThat(read("Färbe die himmelblaue Tasse rot.").sceneWide()).isFalse();
    }

    /** What is kept stays one clause, however it lists its things, and "unchanged" said as "without changes" keeps. */
    @Test
    void aListOfWhatIsKept_staysPreservation() {
        for (String prompt : List.of("Añade una bufanda roja al abuelo. Mantén el fondo y la iluminación exactamente igual.",
                "Добавь девушке букет тюльпанов. Фон, освещение и надпись «Скидка» оставь без изменений.",
                "Ajoutez une broche au marié. Le reste de l'image doit rester identique : visages, décor et couleurs.")) {
            Features features = read(prompt);
            assertThat(features.editActions()).as(prompt).isEqualTo(1);
            assertThat(features.sceneWide() || features.textEdit()).as(prompt).isFalse();
        }
    }

    /** A goal heading is the task alone and the brief beside a heading of the changes; notes and change-point headings are known. */
    @Test
    void aGoalHeading_isTheBriefBesideAHeadingOfTheChanges() {
        assertThat(read("**Objetivo:** retocar una foto de producto\n**Cambio:**\n1. Dale a la botella un acabado esmerilado").editActions())
                .isEqualTo(1);
        assertThat(read("【目的】\n商品写真の微修正\n【変更点】\n・靴ひもを黄色にする\n【注意】\n・それ以外は変更しないこと").editActions())
                .isEqualTo(1);
        assertThat(read("Goal: replace the sky with a sunset.").sceneWide()).isTrue();
    }

    /** The bare headings of the change and of what is kept, in the languages that write them so. */
    @Test
    void bareChangeAndKeepHeadings_areKnown() {
        assertThat(read("目的: ECサイト用の商品写真\n変更:\n- 革靴のつま先を擦り切れた風合いにする\n制約:\n- 構図と照明は変更しない").editActions())
                .isEqualTo(1);
        Features korean = read("### 작업\n- 케이크 위에 슈가파우더를 살짝 뿌려 줘\n### 유지\n- 조명, 구도, 배경은 변경하지 말 것");
        assertThat(korean.editActions()).isEqualTo(1);
        assertThat(korean.sceneWide()).isFalse();
    }

    /** French "pour" before a determiner is "for", and a noun before a bare "de" has its complement, not an object. */
    @Test
    void aFrenchPhraseForWhatThePhotoIs_isNoAction() {
        assertThat(read("Pour cette photo de mariage, ajoutez une broche dorée au revers.").editActions()).isEqualTo(1);
        assertThat(read("Pour the milk into the glass.").editActions()).isEqualTo(1);
    }

    @Test
    void aChineseCausative_isOneActionWithTheVerbItCauses() {
        assertThat(read("让这个男孩戴上一顶草帽。").editActions()).isEqualTo(1);
        assertThat(read("使花瓶变成蓝色。").editActions()).isEqualTo(1);
        assertThat(read("让她笑一下。").editActions()).isEqualTo(1);
        assertThat(read("让他戴上帽子，再把背景换成海边。").editActions()).isEqualTo(2);
    }

    @Test
    void aWeatherWordOpeningTheClause_isTheActionOnItsObject_evenAListedVerb() {
        for (String prompt : List.of("Frost the beer mug.", "Mist the shower door.", "Fog the bathroom mirror lightly.")) {
            Features features = read(prompt);
            assertThat(features.sceneWide()).as(prompt).isFalse();
            assertThat(features.editActions()).as(prompt).isEqualTo(1);
        }
        assertThat(read("Add frost to the whole scene.").sceneWide()).isTrue();
    }

    @Test
    void turningTheWholePhotoIntoAStyle_isSceneWide_inEveryLanguage() {
        for (String prompt : List.of("Turn the photo into a pencil sketch.", "Convierte la foto en una acuarela.",
                "Transforme l'image en gravure ancienne.", "Verwandle das Bild in ein Ölgemälde.", "Trasforma la foto in un fumetto.",
                "Transforme a foto em pixel art.", "Преврати фото в акварель.", "حوّل الصورة إلى رسم كرتوني.", "把照片变成铅笔素描。",
                "写真全体を水彩画風にしてください。", "사진 전체를 만화 스타일로 바꿔 주세요.")) {
            assertThat(read(prompt).sceneWide()).as(prompt).isTrue();
        }
    }

    @Test
    void sayingSomethingIsGone_isARemoval_inEveryLanguage() {
        for (String prompt : List.of("The cables on the desk are gone.", "Ya no hay cables sobre la mesa.", "Il n'y a plus de câbles sur le bureau.",
                "Die Kabel auf dem Tisch sind verschwunden.", "I cavi sulla scrivania sono spariti.", "Os cabos da mesa sumiram.",
                "Проводов на столе больше нет.", "لم يعد هناك أسلاك على المكتب.", "桌上的电线没有了。", "机の上のケーブルはもうない状態にして。",
                "책상 위에 케이블이 더 이상 없게 해 주세요.")) {
            assertThat(read(prompt).removal()).as(prompt).isTrue();
        }
    }

    @Test
    void constraintsAndConditionsHeaders_arePreservation_inEveryLanguage() {
        for (String prompt : List.of("Task: put a lemon slice on the rim.\nConstraints: the glass and the table stay as they are.",
                "Tarea: pon una rodaja de limón en el borde.\nRestricciones: el vaso y la mesa quedan igual.",
                "Tâche : pose une rondelle de citron sur le bord.\nContraintes : le verre et la table restent tels quels.",
                "Aufgabe: Lege eine Zitronenscheibe auf den Rand.\nVorgaben: Glas und Tisch bleiben, wie sie sind.",
                "Compito: metti una fetta di limone sul bordo.\nVincoli: il bicchiere e il tavolo restano come sono.",
                "Tarefa: coloque uma rodela de limão na borda.\nRestrições: o copo e a mesa ficam como estão.",
                "Задача: положи дольку лимона на край.\nОграничения: стакан и стол остаются как есть.",
                "المهمة: ضع شريحة ليمون على الحافة.\nالقيود: الكأس والطاولة تبقى كما هي.",
                "任务：在杯沿放一片柠檬。\n约束：杯子和桌子保持原样。",
                "作業：グラスの縁にレモンを一切れ置いてください。\n制約：グラスとテーブルはそのまま。",
                "[작업]\n잔 가장자리에 레몬 조각을 올려 주세요.\n[조건]\n잔과 테이블은 그대로 유지.")) {
            Features features = read(prompt);
            assertThat(features.preservationClauses()).as(prompt).isNotEmpty();
            assertThat(features.editActions()).as(prompt).isEqualTo(1);
            assertThat(features.sceneWide() || features.removal() || features.textEdit()).as(prompt).isFalse();
        }
    }

    @Test
    void aMoodboardNamedInTheLanguage_composesSeveralImages() {
        for (String prompt : List.of("Reprends les couleurs de la planche d'ambiance pour le salon.", "Usa i colori della tavola d'ispirazione per il salotto.",
                "Übernimm die Farben aus dem Stimmungsbild für das Wohnzimmer.", "استخدم ألوان لوحة الإلهام في غرفة المعيشة.",
                "Возьми цвета с доски настроения для гостиной.", "Use as cores do quadro de inspiração na sala.",
                "Usa los colores del tablero de ideas en la sala.")) {
            assertThat(read(prompt, 2).composition()).as(prompt).isTrue();
        }
    }
}
