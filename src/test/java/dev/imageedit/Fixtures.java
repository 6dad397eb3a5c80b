package dev.imageedit;

import dev.imageedit.intent.EditRequest;
import dev.imageedit.intent.FeatureExtractor;
import dev.imageedit.intent.Vocabulary;
import dev.imageedit.request.Endpoints;
import dev.imageedit.request.Planner;
import dev.imageedit.route.RuleBase;
import dev.imageedit.route.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real pipeline, built once for the test run (rules, vocabulary and descriptors as bundled). */
public final class Fixtures {
    public static final String API = "https://api.test/v1";
    public static final Endpoints ENDPOINTS = Endpoints.bundled();
    public static final RuleBase RULES = RuleBase.bundled();
    public static final FeatureExtractor EXTRACTOR = new FeatureExtractor(Vocabulary.bundled());
    public static final Planner PLANNER = new Planner(EXTRACTOR, new Router(RULES, ENDPOINTS), ENDPOINTS, API);

    private Fixtures() {
    }

    /** n distinct https image URLs. */
    public static List<String> images(int n) {
        List<String> urls = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            urls.add("https://img.test/" + i + ".png");
        }
        return urls;
    }

    public static EditRequest request(String prompt, int images) {
        return new EditRequest(prompt, images(images), null, null, Map.of());
    }
}
