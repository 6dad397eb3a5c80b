package dev.imageedit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import dev.imageedit.request.Endpoints;
import dev.imageedit.run.Api;
import dev.imageedit.run.ApiException;
import dev.imageedit.run.Backoff;
import dev.imageedit.run.Credentials;
import dev.imageedit.run.JobState;
import dev.imageedit.run.Journal;
import dev.imageedit.run.Runner;
import dev.imageedit.run.Sleeper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jobs}, {@code status}, {@code cancel} and {@code resume}: acting on request ids. */
final class JobCommands {
    private JobCommands() {
    }

    private static Api api(Env env) {
        String token = new Credentials(env.vars()).require();
        return new Api(Runs.http(), Pipeline.apiBase(env.vars()), token, Backoff.standard(Sleeper.REAL, Clock.systemUTC()), Api.REQUEST_TIMEOUT);
    }

    private static void checkId(String id) {
        if (!id.matches("[A-Za-z0-9._-]{1,128}")) {
            throw EditException.usage("'" + id + "' is not a request id: ids are letters, digits, '.', '_' and '-' (see 'edit jobs')");
        }
    }

    @Command(name = "jobs", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "List recent jobs from the journal, newest first.",
            footerHeading = "%nExamples:%n", footer = {"  edit jobs", "  edit jobs --limit 5 --json"})
    static final class Jobs implements Callable<Integer> {
        private final Env env;

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print one JSON document on stdout.")
        boolean json;

        @Option(names = {"-n", "--limit"}, paramLabel = "N", converter = Converters.Count.class, description = "How many, 1 or more (default: 20).")
        int limit = 20;

        Jobs(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Journal journal = new Journal(Journal.defaultFile(env.vars()), Clock.systemUTC());
            List<Journal.Entry> entries = journal.entries();
            entries = entries.subList(0, Math.min(limit, entries.size()));
            Map<String, String> bases = apiBases(journal.file());
            if (json) {
                ArrayNode doc = Json.MAPPER.createArrayNode();
                for (Journal.Entry e : entries) {
                    String base = bases.get(e.requestId());
                    ObjectNode node = doc.addObject().put("request_id", e.requestId()).put("time", e.time()).put("endpoint", e.endpoint())
                            .put("status", shown(e).replace(' ', '_')).put("prompt", e.prompt()).put("output_dir", e.outputDir());
                    node.put("api_base", base);
                    node.put("sandbox", base != null && isLoopback(base));
                    e.paths().forEach(node.putArray("paths")::add);
                    node.withArray("paths");
                    node.put("error", e.error());
                }
                out.println(Json.pretty(doc));
                return 0;
            }
            if (entries.isEmpty()) {
                spec.commandLine().getErr().println("edit: no jobs in the journal yet (" + journal.file() + ")");
                return 0;
            }
            table(out, entries, bases);
            return 0;
        }

        /**
         * A header and one row a job, the columns aligned, within the terminal's width (COLUMNS, else
         * 80) as far as the fixed columns allow: the prompt, last, gets what they leave, and is left
         * out when that is too little to read. Endpoints go by their short ids (nano, gpt, ...).
         */
        private void table(PrintWriter out, List<Journal.Entry> entries, Map<String, String> bases) {
            Map<String, String> ids = new HashMap<>();
            Endpoints.bundled().all().forEach(endpoint -> ids.put(endpoint.model(), endpoint.id()));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "SUBMITTED (UTC)", "STATUS", "ENDPOINT", "PROMPT"});
            for (Journal.Entry e : entries) {
                String base = bases.get(e.requestId());
                String where = base != null && isLoopback(base) ? " (sandbox)" : "";
                String time = e.time().length() >= 16 ? e.time().substring(0, 16).replace('T', ' ') : e.time();
                rows.add(new String[] {e.requestId(), time, shown(e), ids.getOrDefault(e.endpoint(), e.endpoint()) + where,
                    e.prompt().replaceAll("\\s+", " ").strip()});
            }
            int[] widths = new int[4];
            for (String[] row : rows) {
                for (int i = 0; i < widths.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            int room = width();
            for (int width : widths) {
                room -= width + 2;
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < widths.length; i++) {
                    line.append(String.format("%-" + widths[i] + "s  ", row[i]));
                }
                if (room >= MIN_PROMPT) {
                    line.append(row[4].length() > room ? row[4].substring(0, room - 1) + "…" : row[4]);
                }
                out.println(line.toString().stripTrailing());
            }
            if (rows.stream().anyMatch(row -> row[2].equals(NOT_COLLECTED) || row[2].equals(DOWNLOAD_FAILED))) {
                PrintWriter err = spec.commandLine().getErr();
                err.println(NOT_COLLECTED + ": edit stopped waiting for it (--timeout, --no-wait, Ctrl-C)");
                err.println(DOWNLOAD_FAILED + ": it ended, but its outputs were not all saved");
                err.println("'edit resume ID' fetches either");
            }
        }

        /** Fewer characters of a prompt than this say nothing: the column is left out instead. */
        private static final int MIN_PROMPT = 10;

        private int width() {
            String columns = env.vars().get("COLUMNS");
            return columns != null && columns.strip().matches("\\d{2,4}") ? Integer.parseInt(columns.strip()) : 80;
        }
    }

    private static final String NOT_COLLECTED = "not collected";
    private static final String DOWNLOAD_FAILED = "download failed";

    /**
     * What the journal knows of a job, said plainly: "submitted" with no later record means edit
     * stopped waiting before the job ended; "completed" with an error means outputs were not saved.
     */
    private static String shown(Journal.Entry e) {
        return switch (e.status()) {
            case "submitted" -> NOT_COLLECTED;
            case "completed" -> e.error() == null ? "completed" : DOWNLOAD_FAILED;
            default -> e.status();
        };
    }

    /** The API base each request was sent to, by id, where the journal recorded it (older records do not). */
    private static Map<String, String> apiBases(Path journal) {
        Map<String, String> bases = new HashMap<>();
        if (!Files.isRegularFile(journal)) {
            return bases;
        }
        try (Stream<String> lines = Files.lines(journal, StandardCharsets.UTF_8)) {
            lines.forEach(text -> {
                try {
                    JsonNode line = Json.MAPPER.readTree(text);
                    if (line.path("api_base").isTextual()) {
                        bases.put(line.path("request_id").asText(), line.path("api_base").asText());
                    }
                } catch (IOException torn) {
                    // a line cut short by a crash: the journal itself skips it too
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return bases;
        }
        return bases;
    }

    /** The sandbox, or any local stand-in for the API, listens on a loopback address. */
    static boolean isLoopback(String base) {
        try {
            String host = URI.create(base).getHost();
            if (host == null || host.equalsIgnoreCase("localhost")) {
                return host != null;
            }
            // Literal addresses only: a host name would cost a DNS lookup for every row.
            boolean literal = host.matches("[0-9.]+") || host.startsWith("[");
            return literal && InetAddress.getByName(host.replaceAll("[\\[\\]]", "")).isLoopbackAddress();
        } catch (IllegalArgumentException | UnknownHostException e) {
            return false;
        }
    }

    /** A command that acts on one request id through the API: the id, --json, and the client. */
    abstract static class OnRequest implements Callable<Integer> {
        private final Env env;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The request id.")
        String id;

        @Option(names = "--json", description = "Print one JSON document on stdout.")
        boolean json;

        OnRequest(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws InterruptedException {
            checkId(id);
            PrintWriter out = spec.commandLine().getOut();
            ObjectNode doc = Json.MAPPER.createObjectNode().put("request_id", id);
            String text = act(api(env), doc);
            out.println(json ? Json.pretty(doc) : text);
            return 0;
        }

        /** Does the work, fills the JSON document, and returns the plain-text answer. */
        abstract String act(Api api, ObjectNode doc) throws InterruptedException;
    }

    @Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Show where a request is.",
            footerHeading = "%nExamples:%n", footer = {"  edit status 3f2c9d1e-…", "  edit status 3f2c9d1e-… --json"})
    static final class Status extends OnRequest {
        Status(Env env) {
            super(env);
        }

        @Override
        String act(Api api, ObjectNode doc) throws InterruptedException {
            JobState state = api.status(id);
            Integer position = state instanceof JobState.InQueue q ? q.position() : null;
            doc.put("status", state.label()).put("queue_position", position);
            return state.label() + (position == null ? "" : " (position " + position + ")");
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Cancel a queued request. A running one cannot be cancelled: it finishes and is billed.",
            footerHeading = "%nExamples:%n", footer = {"  edit cancel 3f2c9d1e-…"})
    static final class Cancel extends OnRequest {
        Cancel(Env env) {
            super(env);
        }

        /** The status first: a job that has ended cannot be cancelled, and saying it is "running" would be wrong. */
        @Override
        String act(Api api, ObjectNode doc) throws InterruptedException {
            JobState before = api.status(id);
            if (!before.terminal()) {
                if (api.cancel(id) == Api.CancelOutcome.CANCELLED) {
                    doc.put("outcome", "cancelled");
                    return "cancelled";
                }
                before = api.status(id);
            }
            if (before.terminal()) {
                doc.put("outcome", "already_ended").put("status", before.label());
                return "not cancelled: it has already ended (" + before.label() + ")"
                        + (before instanceof JobState.Completed ? "; 'edit resume " + id + "' saves its outputs" : "");
            }
            doc.put("outcome", "not_cancellable").put("status", before.label());
            return "not cancellable: it is already running (and billed); 'edit resume " + id + "' saves its outputs when it ends";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Wait for a request (submitted by edit or anything else), then save its outputs.",
            footerHeading = "%nExamples:%n", footer = {"  edit resume 3f2c9d1e-… -o out/", "  edit resume 3f2c9d1e-… --json --timeout 1800"})
    static final class Resume implements Callable<Integer> {
        private final Env env;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The request id.")
        String id;

        @Mixin
        RunOptions run;

        Resume(Env env) {
            this.env = env;
        }

        /** Not a job the API knows (404): say so, rather than let the run offer to resume it again. */
        private void requireKnown(String token, boolean inJournal) {
            String base = Pipeline.apiBase(env.vars());
            Api api = new Api(Runs.http(), base, token, Backoff.standard(Sleeper.REAL, Clock.systemUTC()), Api.REQUEST_TIMEOUT);
            try {
                api.status(id);
            } catch (ApiException e) {
                if (e.status() == 404) {
                    throw EditException.data("no request " + id + " at " + base + (inJournal ? "" : " (nor in the journal)")
                            + ": check the id; 'edit jobs' lists recent ones");
                }
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EditException(ExitCode.INTERRUPTED, "interrupted");
            }
        }

        @Override
        public Integer call() {
            checkId(id);
            String token = new Credentials(env.vars()).require();
            PrintWriter err = spec.commandLine().getErr();
            Runner runner = Runs.runner(env, Pipeline.apiBase(env.vars()), token, run, false, err, Runs.POLL_SECONDS);
            if (env.signals()) {
                Interrupts.install(runner);
            }
            Optional<Journal.Entry> known = new Journal(Journal.defaultFile(env.vars()), Clock.systemUTC()).find(id);
            requireKnown(token, known.isPresent());
            Runner.Report report = runner.resume(id);
            return Runs.print(spec.commandLine().getOut(), err, run.json, known.map(Journal.Entry::endpoint).orElse(null), "single",
                    List.of(), List.of(report), runner);
        }
    }
}
