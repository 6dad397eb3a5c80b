package dev.imageedit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

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

    public Optional<String> find() {
        String token = env.get(ENV_TOKEN);
        if (token != null && !token.isBlank()) {
            return Optional.of(token.strip());
        }
        Path file = tokenFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = new ObjectMapper().readTree(file.toFile()).path("access_token");
            return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText().strip()) : Optional.empty();
        } catch (IOException e) {
            throw new EditException(ExitCode.AUTH, file + " is not a readable token file (" + e.getMessage()
                    + "): sign in again with 'edit login' or set " + ENV_TOKEN);
        }
    }

    /** The token, or exit 77 saying how to sign in. Called before anything is sent. */
    public String require() {
        return find().orElseThrow(() -> new EditException(ExitCode.AUTH,
                "not signed in: set " + ENV_TOKEN + " to your RunComfy API token, or run 'edit login' (the token is stored in "
                        + tokenFile() + "). To see the requests without a token, add --dry-run"));
    }
}
