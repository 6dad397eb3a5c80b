package dev.imageedit.intent;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** What the bundled vocabulary reads from a prompt: the features the intent tests assert on. */
final class Reading {
    static final FeatureExtractor EXTRACTOR = new FeatureExtractor(Vocabulary.bundled());

    private Reading() {
    }

    static Features read(String prompt) {
        return read(prompt, 1);
    }

    /** The prompt with {@code images} source images, no mask, no forced model, no options. */
    static Features read(String prompt, int images) {
        List<String> urls = Collections.nCopies(images, "https://example.com/a.png");
        return EXTRACTOR.extract(new EditRequest(prompt, urls, null, null, Map.of()), null);
    }
}
