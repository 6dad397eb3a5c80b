package dev.imageedit.cli;

import dev.imageedit.EditException;
import dev.imageedit.intent.FeatureExtractor;
import dev.imageedit.intent.Vocabulary;
import dev.imageedit.request.Endpoints;
import dev.imageedit.request.Planner;
import dev.imageedit.route.RuleBase;
import dev.imageedit.route.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Builds the planning pipeline from the bundled rules, or from a user's {@code --rules} folder. */
final class Pipeline {
    static final String DEFAULT_API_BASE = "https://model-api.runcomfy.net/v1";

    final Endpoints endpoints;
    final Planner planner;
    final String apiBase;

    private Pipeline(Endpoints endpoints, Planner planner, String apiBase) {
        this.endpoints = endpoints;
        this.planner = planner;
        this.apiBase = apiBase;
    }

    static Pipeline build(Path rulesFolder, Map<String, String> env) {
        String apiBase = apiBase(env);
        if (rulesFolder == null) {
            Endpoints endpoints = Bundled.endpoints();
            Router router = new Router(Bundled.rules(), endpoints);
            return new Pipeline(endpoints, new Planner(new FeatureExtractor(Bundled.vocabulary()), router, endpoints, apiBase), apiBase);
        }
        if (!Files.isDirectory(rulesFolder)) {
            throw EditException.usage("--rules " + rulesFolder + " is not a folder: give a folder of .drl files (copy the project's rules/ to start)");
        }
        Endpoints endpoints = Endpoints.bundled().with(rulesFolder.resolve("endpoints"));
        Vocabulary vocabulary = Vocabulary.in(rulesFolder);
        Router router = new Router(RuleBase.fromFolder(rulesFolder), endpoints);
        return new Pipeline(endpoints, new Planner(new FeatureExtractor(vocabulary), router, endpoints, apiBase), apiBase);
    }

    /** The API base, from RUNCOMFY_MODEL_API_BASE or the default, without a trailing slash: the one place it is read. */
    static String apiBase(Map<String, String> env) {
        String base = env.get("RUNCOMFY_MODEL_API_BASE");
        return base == null || base.isBlank() ? DEFAULT_API_BASE : base.strip().replaceAll("/+$", "");
    }
}
