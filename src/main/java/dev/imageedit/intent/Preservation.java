package dev.imageedit.intent;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Writes the preservation clause the models want first: {@code --keep "face, pose, clothing"}. */
public final class Preservation {
    private static final Set<String> DETERMINERS = Set.of("the", "a", "an", "her", "his", "their", "its", "my", "your", "our",
            "this", "that", "these", "those", "all", "every", "each");

    private Preservation() {
    }

    /** "Keep the face, pose and clothing unchanged. " followed by the prompt; the prompt alone when nothing is to be kept. */
    public static String lead(String keep, String prompt) {
        List<String> items = keep == null ? List.of()
                : Arrays.stream(keep.split("[,;]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (items.isEmpty()) {
            return prompt;
        }
        String list = items.size() == 1 ? items.get(0)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
        String first = items.get(0).split("\\s+")[0].toLowerCase(Locale.ROOT);
        return "Keep " + (DETERMINERS.contains(first) ? "" : "the ") + list + " unchanged. " + prompt;
    }
}
