package dev.imageedit.app;

import dev.imageedit.EditException;
import dev.imageedit.Excerpt;
import dev.imageedit.intent.FeatureExtractor;
import dev.imageedit.intent.Vocabulary;
import dev.imageedit.request.Endpoints;
import dev.imageedit.request.Planner;
import dev.imageedit.route.RuleBase;
import dev.imageedit.route.Router;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Builds the planning pipeline from the bundled rules, or from a user's {@code --rules} folder. */
public final class Pipeline {
    public static final String DEFAULT_API_BASE = "https://model-api.runcomfy.net/v1";

    public final Endpoints endpoints;
    public final Planner planner;
    public final String apiBase;

    private Pipeline(Endpoints endpoints, Planner planner, String apiBase) {
        this.endpoints = endpoints;
        this.planner = planner;
        this.apiBase = apiBase;
    }

    public static Pipeline build(Path rulesFolder, Map<String, String> env) {
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

    /**
     * The API base, from RUNCOMFY_MODEL_API_BASE or the default, without a trailing slash: the one
     * place it is read. It must be an http(s) URL with a host (plain http is for a local server
     * such as the sandbox); the error never repeats a user:password written into it.
     */
    public static String apiBase(Map<String, String> env) {
        String base = env.get("RUNCOMFY_MODEL_API_BASE");
        if (base == null || base.isBlank()) {
            return DEFAULT_API_BASE;
        }
        String stripped = base.strip().replaceAll("/+$", "");
        URI uri;
        try {
            uri = new URI(stripped);
        } catch (URISyntaxException e) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw EditException.usage("RUNCOMFY_MODEL_API_BASE=" + Excerpt.of(withoutUserInfo(stripped)) + " is not an http(s) URL: "
                    + "unset it to use " + DEFAULT_API_BASE + ", or give a URL such as http://127.0.0.1:8765/v1 (what 'edit sandbox' prints)");
        }
        if (uri.getRawUserInfo() != null) {
            throw EditException.usage("RUNCOMFY_MODEL_API_BASE=" + withoutUserInfo(stripped) + " carries a user name or password: "
                    + "remove it; the token goes in RUNCOMFY_TOKEN or 'edit login'");
        }
        return stripped;
    }

    /** The text with anything between "//" and "@" blanked out, parsable or not. */
    private static String withoutUserInfo(String url) {
        return url.replaceAll("//[^/?#]*@", "//***@");
    }
}
