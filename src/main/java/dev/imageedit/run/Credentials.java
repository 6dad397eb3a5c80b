package dev.imageedit.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Where the API token comes from: {@code RUNCOMFY_TOKEN}, else the file the official
 * {@code runcomfy login} writes ({@code token.json} in {@code $RUNCOMFY_CONFIG_DIR}, else
 * {@code $XDG_CONFIG_HOME/runcomfy}, else {@code ~/.config/runcomfy}), so one sign-in serves both tools.
 */
public final class Credentials {
    static final String ENV_TOKEN = "RUNCOMFY_TOKEN";

    private final Map<String, String> env;

    public Credentials(Map<String, String> env) {
        this.env = env;
    }

    /** The token file's path, whether or not it exists. */
    public Path tokenFile() {
        String dir = env.get("RUNCOMFY_CONFIG_DIR");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir, "token.json");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "runcomfy", "token.json");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".config", "runcomfy", "token.json");
    }

    /**
     * The token, if one is configured. Whatever is wrong with it, the message names the source
     * and what to do, and never shows the token or any part of it: a parse error would quote it.
     */
    public Optional<String> find() {
        String token = env.get(ENV_TOKEN);
        if (token != null && !token.isBlank()) {
            if (!wellFormed(token.strip())) {
                throw new EditException(ExitCode.AUTH, ENV_TOKEN + " holds a line break, a space or another character no token has "
                        + "(its value is not shown): set it to the token alone, e.g. export " + ENV_TOKEN + "=\"$(cat token.txt)\"");
            }
            return Optional.of(token.strip());
        }
        Path file = tokenFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new EditException(ExitCode.AUTH, file + " is not a token file edit can read (" + (e instanceof JsonProcessingException
                    ? "not valid JSON" : "cannot be read") + "; its content is not shown): sign in again with 'edit login', or set " + ENV_TOKEN);
        }
        JsonNode value = node == null ? null : node.path("access_token");
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            return Optional.empty();
        }
        if (!wellFormed(value.asText().strip())) {
            throw new EditException(ExitCode.AUTH, "the access_token in " + file + " holds a line break, a space or another character no token has "
                    + "(its value is not shown): sign in again with 'edit login', or set " + ENV_TOKEN);
        }
        return Optional.of(value.asText().strip());
    }

    /** Visible ASCII only: anything else cannot go in an HTTP header, and would be echoed back in the error. */
    private static boolean wellFormed(String token) {
        return token.chars().allMatch(c -> c > 0x20 && c < 0x7F);
    }

    /**
     * Stores a token where the official client keeps it: written to a private temporary file in
     * the same folder and renamed over the old one, so a reader never sees half a token file.
     */
    public Path store(String token) {
        if (token == null || token.isBlank()) {
            throw new EditException(ExitCode.USAGE, "no token given: paste your RunComfy API token, or pipe it in: echo \"$TOKEN\" | edit login");
        }
        if (!wellFormed(token.strip())) {
            throw new EditException(ExitCode.USAGE, "that is not a token: it holds a space, a control character or a character outside ASCII "
                    + "(not shown). Paste the token alone");
        }
        Path file = tokenFile();
        try {
            Path dir = file.getParent();
            boolean posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            Path temp = posix
                    ? Files.createTempFile(dir, ".token-", ".json", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".token-", ".json");
            try {
                Files.writeString(temp, new ObjectMapper().createObjectNode().put("access_token", token.strip()).toString());
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            return file;
        } catch (IOException e) {
            throw new EditException(ExitCode.DATA, "cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Removes the stored token; true when there was one. */
    public boolean forget() {
        try {
            return Files.deleteIfExists(tokenFile());
        } catch (IOException e) {
            throw new EditException(ExitCode.DATA, "cannot remove " + tokenFile() + ": " + e.getMessage());
        }
    }

    /** A warning when the token file can be read by other users, else empty. */
    public Optional<String> exposure() {
        Path file = tokenFile();
        try {
            String fromEnv = env.get(ENV_TOKEN);
            if ((fromEnv == null || fromEnv.isBlank()) && Files.isRegularFile(file)
                    && java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                    return Optional.of(file + " can be read by other users: run chmod 600 " + file);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The token, or exit 77 saying how to sign in. Called before anything is sent. */
    public String require() {
        return find().orElseThrow(() -> new EditException(ExitCode.AUTH,
                "not signed in: set " + ENV_TOKEN + " to your RunComfy API token, or run 'edit login' (the token is stored in "
                        + tokenFile() + "). To see the requests without a token, add --dry-run"));
    }
}
