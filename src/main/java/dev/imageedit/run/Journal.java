package dev.imageedit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An append-only record of every request id, written before the first poll, so that a job paid
 * for is never lost: a line per event, each appended under a file lock and forced to disk. A
 * line torn by a crash mid-write is skipped when reading, never fatal, and the next record starts
 * on a fresh line after it. Each job records the API base it was sent to, so later commands ask
 * the same API. The token is never written.
 */
public final class Journal {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Clock clock;

    /**
     * What the journal knows of one request, folded from its lines. The text meant for reading
     * (id, time, endpoint, prompt, status, error) is already made printable: a stored prompt or a
     * server's error can hold escape codes. The folder, inputs and paths are kept as written, to be used.
     *
     * @param inputs  the source images of the call
     * @param apiBase the API the job was sent to; empty for a job recorded before bases were
     */
    public record Entry(String requestId, String time, String endpoint, String prompt, String outputDir, List<String> inputs,
                        String status, List<String> paths, String error, String apiBase) {
        public Entry {
            inputs = List.copyOf(inputs);
            paths = List.copyOf(paths);
        }
    }

    public Journal(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** {@code $XDG_STATE_HOME/image-edit/journal.jsonl}, else {@code ~/.local/state/image-edit/journal.jsonl}. */
    public static Path defaultFile(Map<String, String> env) {
        String state = env.get("XDG_STATE_HOME");
        Path dir = state != null && !state.isBlank()
                ? Path.of(state, "image-edit")
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state", "image-edit");
        return dir.resolve("journal.jsonl");
    }

    public Path file() {
        return file;
    }

    /** @param inputs the source images of the call, so a resumed job's outputs are named and reported as the run's would be */
    public void submitted(String requestId, String endpoint, String prompt, Path outputDir, List<String> inputs, String apiBase) {
        submitted(requestId, endpoint, prompt, outputDir, inputs, apiBase, null);
    }

    /**
     * @param workflow where the call stands in a workflow (manifest line, pass, step), so that a
     *                 re-run finds it instead of paying for it again; null for a plain edit
     */
    public void submitted(String requestId, String endpoint, String prompt, Path outputDir, List<String> inputs, String apiBase,
                          JsonNode workflow) {
        ObjectNode line = line("submitted", requestId);
        line.put("endpoint", endpoint).put("prompt", prompt).put("output_dir", outputDir.toAbsolutePath().normalize().toString())
                .put("api_base", Text.withoutUserInfo(apiBase));
        inputs.forEach(line.putArray("inputs")::add);
        if (workflow != null) {
            line.set("workflow", workflow);
        }
        append(line);
    }

    public void finished(String requestId, String status, List<Path> paths, String error) {
        ObjectNode line = line("finished", requestId);
        line.put("status", status);
        paths.forEach(p -> line.withArray("paths").add(p.toAbsolutePath().normalize().toString()));
        if (error != null) {
            line.put("error", error);
        }
        append(line);
    }

    private ObjectNode line(String event, String requestId) {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", clock.instant().toString()).put("event", event).put("request_id", requestId);
        return line;
    }

    /**
     * Proves, before anything is paid for, that a record could be appended now: the folder and
     * file exist or can be made, the file opens for writing, takes the lock and syncs. Writes nothing.
     */
    public void checkWritable() {
        try {
            createPrivately();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                channel.force(true);
            }
        } catch (IOException e) {
            throw new EditException(ExitCode.CANT_CREATE, "cannot write the job journal " + file + " (" + reason(e)
                    + "), so a job's request id could be lost: nothing was sent. Make it writable, or set XDG_STATE_HOME to a writable folder", e);
        }
    }

    private synchronized void append(ObjectNode line) {
        byte[] bytes = (line.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            createPrivately();
            // Not APPEND: the last byte must be read under the same lock, to start after a torn line.
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                long end = channel.size();
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                if (end > 0) {
                    ByteBuffer last = ByteBuffer.allocate(1);
                    channel.read(last, end - 1);
                    if (last.get(0) != '\n') {
                        buffer = ByteBuffer.allocate(bytes.length + 1).put((byte) '\n').put(bytes).flip();
                    }
                }
                while (buffer.hasRemaining()) {
                    end += channel.write(buffer, end);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new EditException(ExitCode.CANT_CREATE, "cannot write the job journal " + file + " (" + reason(e)
                    + "): request " + line.path("request_id").asText() + " is not recorded there", e);
        }
    }

    /** What went wrong with a file, in words: the JDK's messages are often the bare path. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException taken) {
            return "something that is not a folder is in the way at " + taken.getFile();
        }
        if (e instanceof java.nio.file.NoSuchFileException missing) {
            return "no such file or folder: " + missing.getFile();
        }
        if (e instanceof java.nio.file.NotDirectoryException notDir) {
            return notDir.getFile() + " is not a folder";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT) + (fs.getFile() == null ? "" : ": " + fs.getFile());
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private void createPrivately() throws IOException {
        if (Files.exists(file)) {
            return;
        }
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        try {
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // Another run created it first: fine, it is the same file.
        }
    }

    /** Every request the journal knows, newest first. */
    public List<Entry> entries() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            // Decoded leniently: a record cut inside a multi-byte character must not make the rest unreadable.
            lines = List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n"));
        } catch (IOException e) {
            throw new EditException(ExitCode.DATA, "cannot read the job journal " + file + ": " + e.getMessage());
        }
        Map<String, Entry> byId = new LinkedHashMap<>();
        for (String text : lines) {
            JsonNode line;
            try {
                line = JSON.readTree(text);
            } catch (IOException torn) {
                continue; // a line cut short by a crash
            }
            String id = line.path("request_id").asText("");
            if (id.isEmpty()) {
                continue;
            }
            Entry old = byId.remove(id);
            String shownId = Text.printable(id);
            if (line.path("event").asText().equals("submitted")) {
                List<String> inputs = new ArrayList<>();
                line.path("inputs").forEach(i -> inputs.add(i.asText()));
                byId.put(id, new Entry(shownId, shown(line, "time"), shown(line, "endpoint"), shown(line, "prompt"),
                        line.path("output_dir").asText(), inputs, "submitted", List.of(), null, line.path("api_base").asText("")));
            } else {
                List<String> paths = new ArrayList<>();
                line.path("paths").forEach(p -> paths.add(p.asText()));
                Entry base = old == null ? new Entry(shownId, shown(line, "time"), "", "", "", List.of(), "", List.of(), null, "") : old;
                byId.put(id, new Entry(shownId, base.time(), base.endpoint(), base.prompt(), base.outputDir(), base.inputs(),
                        shown(line, "status"), paths, line.path("error").isTextual() ? shown(line, "error") : null, base.apiBase()));
            }
        }
        List<Entry> newestFirst = new ArrayList<>(byId.values());
        newestFirst.sort(java.util.Comparator.comparing(Entry::time).reversed()); // ISO-8601 instants sort as text
        return newestFirst;
    }

    private static String shown(JsonNode line, String field) {
        return Text.printable(line.path(field).asText());
    }

    public java.util.Optional<Entry> find(String requestId) {
        return entries().stream().filter(e -> e.requestId().equals(requestId)).findFirst();
    }
}
