package dev.imageedit.intent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Prints the mean time of feature extraction per request, over the prompts of labelled-case files
 * (JSON lines with "prompt" and "images"). A main, not a test: timings belong in a report, not in
 * a pass/fail check that a busy machine would make flaky. Run it with bench/extraction.sh.
 */
public final class ExtractionBench {
    private ExtractionBench() {
    }

    public static void main(String[] args) throws IOException {
        List<String> files = args.length == 0 ? List.of("src/test/resources/routing-cases.jsonl") : List.of(args);
        ObjectMapper json = new ObjectMapper();
        List<EditRequest> requests = new ArrayList<>();
        for (String file : files) {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (!line.isBlank()) {
                    JsonNode node = json.readTree(line);
                    int images = Math.max(1, node.path("images").asInt(1));
                    requests.add(new EditRequest(node.path("prompt").asText(),
                            Collections.nCopies(images, "https://example.com/a.png"), null, null, Map.of()));
                }
            }
        }
        FeatureExtractor extractor = new FeatureExtractor(Vocabulary.bundled());
        long sink = 0;
        // Warm-up long enough for the optimising compiler, then five timed rounds; the best is reported.
        for (int i = 0; i < 20_000_000 / Math.max(1, requests.size() * 100); i++) {
            for (EditRequest r : requests) {
                sink += extractor.extract(r, null).editActions();
            }
        }
        double best = Double.MAX_VALUE;
        int rounds = Math.max(1, 200_000 / requests.size());
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                for (EditRequest r : requests) {
                    sink += extractor.extract(r, null).editActions();
                }
            }
            best = Math.min(best, (System.nanoTime() - start) / 1000.0 / ((double) rounds * requests.size()));
        }
        System.out.printf("feature extraction: %.1f µs per request (best of 5 rounds, %d prompts)%s%n",
                best, requests.size(), sink == 42 ? " " : "");
    }
}
