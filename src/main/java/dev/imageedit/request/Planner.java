package dev.imageedit.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.EditException;
import dev.imageedit.Excerpt;
import dev.imageedit.intent.EditRequest;
import dev.imageedit.intent.FeatureExtractor;
import dev.imageedit.intent.Features;
import dev.imageedit.route.Decision;
import dev.imageedit.route.Mode;
import dev.imageedit.route.Router;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * From a request to the exact calls it would make: resolve {@code --model}, extract features,
 * route, then build and validate each body. Every problem is found here, before anything is sent.
 */
public final class Planner {
    /** Option keys that name a raw schema field ({@code --set FIELD=VALUE}) start with this. */
    public static final String SET_PREFIX = "set.";

    private final FeatureExtractor extractor;
    private final Router router;
    private final Endpoints endpoints;
    private final String apiBase;
    /** A local simulator's origin whose plain-http files are accepted as inputs; null everywhere else. */
    private final URI localOrigin;

    /** @param apiBase the API base URL, without a trailing slash */
    public Planner(FeatureExtractor extractor, Router router, Endpoints endpoints, String apiBase) {
        this(extractor, router, endpoints, apiBase, null);
    }

    private Planner(FeatureExtractor extractor, Router router, Endpoints endpoints, String apiBase, URI localOrigin) {
        this.extractor = extractor;
        this.router = router;
        this.endpoints = endpoints;
        this.apiBase = apiBase;
        this.localOrigin = localOrigin;
    }

    /**
     * A planner that also accepts the files of the local simulator at {@code sandboxBase} as inputs
     * (they are plain http on 127.0.0.1, so that one pass's output can feed the next). Only for a run
     * on that simulator: the real model servers could not fetch such a URL.
     */
    public Planner acceptingSandboxFiles(String sandboxBase) {
        URI base = URI.create(sandboxBase);
        return new Planner(extractor, router, endpoints, apiBase, URI.create(base.getScheme() + "://" + base.getAuthority() + "/files/"));
    }

    public Features features(EditRequest request) {
        return extractor.extract(request, forcedEndpoint(request));
    }

    public Plan plan(EditRequest request) {
        if (request.prompt().isBlank()) {
            throw EditException.usage("the prompt is empty: say what to change, e.g. edit \"Replace the background with a beach\" --image https://...");
        }
        request = new EditRequest(request.prompt(), request.images().stream().map(Planner::normalUrl).toList(),
                request.mask() == null ? null : normalUrl(request.mask()), request.model(), request.options());
        Features features = features(request);
        Decision decision = router.route(features);
        Endpoint endpoint = endpoints.get(decision.endpoint());
        request.images().forEach(url -> checkInput("--image", url));
        if (request.mask() != null) {
            checkInput("--mask", request.mask());
        }
        List<String> warnings = new ArrayList<>(decision.warnings());
        Map<String, String> labels = new LinkedHashMap<>();
        ObjectNode options = options(request, endpoint, features.forcedModel() != null, warnings, labels);
        if (decision.mode() == Mode.FAN_OUT) {
            consistencyAdvice(endpoint, options, request.images().size()).ifPresent(warnings::add);
        }
        int outputsPerCall = outputsPerCall(endpoint, options);

        List<Call> calls = new ArrayList<>();
        for (List<String> images : endpoint.calls(decision.mode(), request.images())) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put(endpoint.promptField(), request.prompt());
            if (endpoint.images().list()) {
                images.forEach(body.putArray(endpoint.images().field())::add);
            } else {
                body.put(endpoint.images().field(), images.get(0));
            }
            if (endpoint.maskField() != null) {
                body.put(endpoint.maskField(), request.mask());
            }
            body.setAll(options);
            List<String> problems = SchemaCheck.problems(endpoint, localOrigin == null ? body : fetchable(body), labels);
            if (!problems.isEmpty()) {
                throw EditException.data(String.join("\n", problems));
            }
            calls.add(new Call(apiBase + "/models/" + endpoint.model(), body, images, outputsPerCall));
        }
        return new Plan(features, decision, warnings, calls);
    }

    /** The options that make many separate calls come out alike, by their command-line names. */
    private static final List<String> CONSISTENCY = List.of("seed", "aspect_ratio", "resolution");

    /**
     * A fan-out is one call per image, each sampled on its own: without a fixed seed, aspect ratio or
     * resolution the set can come out uneven. Advice names only the options this endpoint takes.
     */
    private static Optional<String> consistencyAdvice(Endpoint endpoint, ObjectNode options, int images) {
        List<String> taken = CONSISTENCY.stream().filter(endpoint.options()::containsKey).toList();
        if (taken.isEmpty() || taken.stream().anyMatch(o -> options.has(endpoint.options().get(o).field()))) {
            return Optional.empty();
        }
        return Optional.of("the " + images + " images are edited in " + images + " separate calls: for a consistent set, fix "
                + String.join(", ", taken.stream().map(o -> "--" + o.replace('_', '-')).toList())
                + " (e.g. " + String.join(" ", taken.stream().map(Planner::example).toList()) + ")");
    }

    private static String example(String option) {
        return switch (option) {
            case "seed" -> "--seed 42";
            case "aspect_ratio" -> "--aspect-ratio 1:1";
            default -> "--resolution 2K";
        };
    }

    /** What one call returns: its count field when the endpoint has one and it was set, else one image. */
    private static int outputsPerCall(Endpoint endpoint, ObjectNode options) {
        Endpoint.OptionSpec count = endpoint.options().get("num_images");
        return count == null ? 1 : Math.max(1, options.path(count.field()).asInt(1));
    }

    private String forcedEndpoint(EditRequest request) {
        if (request.model() == null || request.model().isBlank()) {
            return null;
        }
        return endpoints.find(request.model())
                .orElseThrow(() -> EditException.usage("--model " + request.model() + " is not a known endpoint; use one of: "
                        + String.join(", ", endpoints.all().stream().map(e -> e.id() + " (" + e.model() + ")").toList())))
                .id();
    }

    /** The option fields of the body, normalised to the endpoint's spelling. */
    private ObjectNode options(EditRequest request, Endpoint endpoint, boolean forced, List<String> warnings, Map<String, String> labels) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        Map<String, String> setBy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : request.options().entrySet()) {
            Object raw = entry.getValue();
            if (raw == null || Boolean.FALSE.equals(raw) && !entry.getKey().startsWith(SET_PREFIX)) {
                continue; // an unset flag
            }
            String key = entry.getKey().startsWith(SET_PREFIX) ? entry.getKey() : entry.getKey().replace('-', '_').toLowerCase(Locale.ROOT);
            String field;
            String label;
            Endpoint.OptionSpec spec = null;
            if (key.startsWith(SET_PREFIX)) {
                field = key.substring(SET_PREFIX.length());
                label = "--set " + field + "=" + raw;
                if (!endpoint.schema().path("properties").has(field) || isManaged(endpoint, field)) {
                    throw EditException.usage(label + ": " + field + " is not a field --set can fill for " + endpoint.model()
                            + "; it takes: " + String.join(", ", settable(endpoint)));
                }
            } else {
                label = "--" + key.replace('_', '-') + (raw instanceof Boolean ? "" : " " + raw);
                if (!endpoints.optionNames().contains(key)) {
                    throw EditException.usage("--" + key.replace('_', '-') + " is not an option; options are: "
                            + String.join(", ", endpoints.optionNames().stream().map(o -> "--" + o.replace('_', '-')).toList()));
                }
                spec = endpoint.options().get(key);
                if (spec == null) {
                    String takes = String.join(", ", endpoint.options().keySet().stream().map(o -> "--" + o.replace('_', '-')).toList());
                    if (forced) {
                        throw EditException.usage("--" + key.replace('_', '-') + " is not an option of " + endpoint.model()
                                + " (forced with --model); it takes: " + takes + ". Drop the option or choose another --model");
                    }
                    warnings.add("--" + key.replace('_', '-') + " dropped: " + endpoint.model() + " does not take it");
                    continue;
                }
                field = spec.field();
            }
            if (setBy.containsKey(field)) {
                throw EditException.usage(setBy.get(field) + " and " + label + " both set " + field + " of " + endpoint.model() + ": give one");
            }
            setBy.put(field, label);
            labels.put(field, label);
            JsonNode property = endpoint.schema().path("properties").path(field);
            JsonNode value = Values.coerce(raw, label, property, spec, endpoint.model());
            if (!value.isNull()) {
                fields.set(field, value);
            }
        }
        return fields;
    }

    private static boolean isManaged(Endpoint endpoint, String field) {
        return field.equals(endpoint.promptField()) || field.equals(endpoint.images().field()) || field.equals(endpoint.maskField());
    }

    private static List<String> settable(Endpoint endpoint) {
        return SchemaCheck.fieldNames(endpoint).stream().filter(f -> !isManaged(endpoint, f)).toList();
    }

    /**
     * The body as the schema should judge it on the sandbox: its https rule means "a URL the model
     * server can fetch", which the sandbox's own files are there, so they are checked as if https.
     */
    private ObjectNode fetchable(ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        copy.fields().forEachRemaining(field -> {
            if (field.getValue().isTextual()) {
                field.setValue(JsonNodeFactory.instance.textNode(asHttps(field.getValue().asText())));
            } else if (field.getValue().isArray()) {
                ArrayNode array = (ArrayNode) field.getValue();
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i).isTextual()) {
                        array.set(i, JsonNodeFactory.instance.textNode(asHttps(array.get(i).asText())));
                    }
                }
            }
        });
        return copy;
    }

    private String asHttps(String value) {
        return value.startsWith(localOrigin.toString()) ? "https" + value.substring("http".length()) : value;
    }

    private void checkInput(String option, String url) {
        if (localOrigin != null && url.strip().startsWith(localOrigin.toString())) {
            return;
        }
        checkUrl(option, url);
    }

    /**
     * A URL as it is sent: without surrounding white space (a pasted URL often ends in a space or
     * a newline) and with its scheme in lower case; the rest is case-sensitive and left alone.
     */
    static String normalUrl(String url) {
        String stripped = url.strip();
        int colon = stripped.indexOf("://");
        return colon > 0 && stripped.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")
                ? stripped.substring(0, colon).toLowerCase(Locale.ROOT) + stripped.substring(colon)
                : stripped;
    }

    /** Inputs are fetched by the model server, so only public https:// URLs can work. Every refusal has one shape. */
    static void checkUrl(String option, String url) {
        if (url.isEmpty()) {
            throw EditException.data(option + " is empty; give a public https:// URL of a JPEG, PNG or WebP image");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw badUrl(option, url, "not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.isEmpty() || scheme.equals("file") || scheme.length() == 1) {
            throw badUrl(option, url, "a local file, and the model server fetches inputs itself: upload the image somewhere public");
        }
        if (!scheme.equals("https")) {
            throw badUrl(option, url, "not https://, and the model server fetches inputs over HTTPS only");
        }
        if (uri.getHost() == null) {
            throw badUrl(option, url, "a URL without a host name");
        }
    }

    private static EditException badUrl(String option, String url, String why) {
        return EditException.data(option + " " + Excerpt.of(url) + " is " + why + "; give a public https:// URL of a JPEG, PNG or WebP image");
    }
}
