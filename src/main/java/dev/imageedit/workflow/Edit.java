package dev.imageedit.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.imageedit.EditException;
import dev.imageedit.intent.EditRequest;
import dev.imageedit.intent.Preservation;
import dev.imageedit.request.Call;
import dev.imageedit.request.Planner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One edit of a workflow, every pass planned: a line of a manifest, or one {@code edit} command.
 *
 * @param line   its line in the manifest (1 for a single command)
 * @param key    its identity in the journal: a hash of what it asks for (see {@link #key})
 * @param name   the base of its outputs' names, or null to name them after the inputs
 * @param passes the first pass on the given images, then one per {@code then} prompt
 * @param occurrence how many identical edits came before this one in its manifest
 */
public record Edit(int line, String key, String name, List<Pass> passes, int occurrence) {
    /**
     * What a later pass is planned on before the pass before it has run: routing reads how many
     * images there are, never their address, and the real output URL replaces this one when known.
     */
    public static final String PREVIOUS_OUTPUT = "https://previous-pass.invalid/output.png";

    /**
     * Options that apply to the first pass only: variants branch once, and each then continues on
     * its own. So do raw schema fields ({@code --set}): they belong to the endpoint of the first pass.
     */
    private static final List<String> FIRST_PASS_ONLY = List.of("num_images", "num-images");

    public Edit {
        passes = List.copyOf(passes);
    }

    /**
     * Plans every pass; an invalid pass throws, naming the pass. Later passes take the first pass's
     * options (aspect ratio, resolution, seed, ...) except the number of images and {@code --set}
     * fields; its mask and {@code --model} describe the first pass alone, so later passes are
     * routed on their own.
     *
     * @param occurrence how many identical edits came before this one (0 for the first), so that
     *                   two identical lines are two edits, not one
     */
    public static Edit plan(Planner planner, int line, EditRequest first, String keep, List<String> then, String name, int occurrence) {
        List<Pass> passes = new ArrayList<>();
        passes.add(new Pass(1, first, planner.plan(first)));
        Map<String, Object> later = new LinkedHashMap<>(first.options());
        FIRST_PASS_ONLY.forEach(later::remove);
        later.keySet().removeIf(option -> option.startsWith(Planner.SET_PREFIX));
        for (int i = 0; i < then.size(); i++) {
            String prompt = then.get(i);
            if (prompt == null || prompt.isBlank()) {
                throw EditException.usage("pass " + (i + 2) + " has an empty prompt");
            }
            EditRequest request = new EditRequest(Preservation.lead(keep, prompt), List.of(PREVIOUS_OUTPUT), null, null, later);
            try {
                passes.add(new Pass(i + 2, request, planner.plan(request)));
            } catch (EditException e) {
                throw new EditException(e.exitCode(), "pass " + (i + 2) + " (\"" + prompt + "\"): " + e.getMessage());
            }
        }
        return new Edit(line, key(first, keep, then, name, occurrence), name, passes, occurrence);
    }

    /**
     * A hash of what the edit asks for (prompt, images, mask, model, options, later prompts, name),
     * not of where it sits in a manifest: re-ordering lines, or editing or fixing other lines,
     * leaves it as it was, so a re-run finds every edit it already paid for. Changing the edit
     * itself makes it a new edit, which is what it is.
     */
    static String key(EditRequest first, String keep, List<String> then, String name, int occurrence) {
        ObjectNode canonical = JsonNodeFactory.instance.objectNode();
        canonical.put("prompt", first.prompt());
        ArrayNode images = canonical.putArray("images");
        first.images().forEach(images::add);
        canonical.put("mask", first.mask());
        canonical.put("model", first.model());
        ObjectNode options = canonical.putObject("options");
        new TreeMap<>(first.options()).forEach((k, v) -> options.put(k, String.valueOf(v)));
        ArrayNode later = canonical.putArray("then");
        then.forEach(prompt -> later.add(Preservation.lead(keep, prompt)));
        canonical.put("name", name);
        canonical.put("occurrence", occurrence);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The edit as asked for, written so that {@link #fromDescription} plans it again with the same
     * key: the journal keeps it with each job, so that a chain can be resumed from any of its jobs.
     */
    public ObjectNode describe() {
        EditRequest first = passes.get(0).request();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("prompt", first.prompt());
        first.images().forEach(node.withArray("images")::add);
        node.put("mask", first.mask()).put("model", first.model());
        ObjectNode options = node.putObject("options");
        first.options().forEach((k, v) -> options.set(k, v instanceof Boolean b ? JsonNodeFactory.instance.booleanNode(b)
                : v instanceof Number n ? JsonNodeFactory.instance.numberNode(n.doubleValue() == n.longValue() ? n.longValue() : n.doubleValue())
                : v == null ? JsonNodeFactory.instance.nullNode() : TextNode.valueOf(v.toString())));
        ArrayNode then = node.putArray("then");
        passes.subList(1, passes.size()).forEach(p -> then.add(p.request().prompt()));
        node.put("name", name).put("occurrence", occurrence);
        return node;
    }

    /** Plans again the edit {@link #describe} wrote. */
    public static Edit fromDescription(Planner planner, int line, JsonNode description) {
        Map<String, Object> options = new LinkedHashMap<>();
        description.path("options").fields().forEachRemaining(e -> options.put(e.getKey(),
                e.getValue().isBoolean() ? (Object) e.getValue().booleanValue() : e.getValue().isNumber() ? e.getValue().numberValue()
                        : e.getValue().isNull() ? null : e.getValue().asText()));
        List<String> images = new ArrayList<>();
        description.path("images").forEach(i -> images.add(i.asText()));
        List<String> then = new ArrayList<>();
        description.path("then").forEach(t -> then.add(t.asText()));
        EditRequest first = new EditRequest(description.path("prompt").asText(), images, RequestLine.text(description.path("mask")),
                RequestLine.text(description.path("model")), options);
        return plan(planner, line, first, null, then, RequestLine.text(description.path("name")), description.path("occurrence").asInt());
    }

    /** The last pass's number. */
    public int last() {
        return passes.size();
    }

    /** Calls the first pass makes: one chain of passes each. */
    public List<Call> roots() {
        return passes.get(0).plan().calls();
    }

    /** The images the edit is expected to return: every call of every pass, each output feeding its own next pass. */
    public int expectedImages() {
        int images = passes.get(0).plan().outputs();
        for (Pass pass : passes.subList(1, passes.size())) {
            images *= pass.plan().outputs();
        }
        return images;
    }

    /** Pass {@code number}'s call on {@code url}, the output of the pass before it. */
    public Call callOn(int number, String url) {
        Call template = passes.get(number - 1).plan().calls().get(0);
        return new Call(template.url(), (ObjectNode) replace(template.body().deepCopy(), url), List.of(url), template.outputs());
    }

    private static JsonNode replace(JsonNode node, String url) {
        if (node.isTextual() && node.asText().equals(PREVIOUS_OUTPUT)) {
            return TextNode.valueOf(url);
        }
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(e -> e.setValue(replace(e.getValue(), url)));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, replace(array.get(i), url));
            }
        }
        return node;
    }
}
