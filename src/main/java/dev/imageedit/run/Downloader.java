package dev.imageedit.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Saves outputs safely. Only hosts under {@code .runcomfy.net} or {@code .runcomfy.com}, or the
 * API's own host, are fetched, judged on the parsed URL; the token is never sent. Bytes stream to
 * a temporary file in the output folder, which is renamed into place only when complete and
 * deleted on any error, so a file that exists is whole. Names are given by the caller (after the
 * input image) or come from the URL's last segment, reduced to one safe name; they are made unique
 * and never leave the output folder.
 */
public final class Downloader {
    public static final long MAX_BYTES = 2L << 30;
    private static final int ATTEMPTS = 4;

    private final HttpClient http;
    private final String apiHost;
    private final Backoff backoff;
    private final long maxBytes;
    private final Set<Path> reserved = new HashSet<>();

    /** A file saved, or an output not saved and why. */
    public sealed interface Outcome {
    }

    public record Saved(String url, Path path, long bytes) implements Outcome {
    }

    /** @param retryable a later try may succeed (the fetch failed); false when the output itself was refused */
    public record Skipped(String url, String reason, boolean retryable) implements Outcome {
    }

    public Downloader(HttpClient http, String apiBase, Backoff backoff, long maxBytes) {
        this.http = http;
        this.apiHost = host(apiBase).orElse("");
        this.backoff = backoff;
        this.maxBytes = maxBytes;
    }

    /** Why a URL will not be fetched, or empty when it may be. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return Optional.of("not a URL");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean trusted = host.endsWith(".runcomfy.net") || host.endsWith(".runcomfy.com");
        if (trusted && scheme.equals("https")) {
            return Optional.empty();
        }
        // The API's own host (a local sandbox, say) may serve over whatever scheme the API uses.
        if (!host.isEmpty() && host.equals(apiHost) && (scheme.equals("https") || scheme.equals("http"))) {
            return Optional.empty();
        }
        return Optional.of("untrusted host " + (host.isEmpty() ? "(none)" : host)
                + ": outputs are fetched only from *.runcomfy.net, *.runcomfy.com and the API's own host");
    }

    /**
     * Saves one output in {@code folder} as {@code name} plus the extension its bytes show; a name
     * already taken gets {@code -1}, {@code -2}, ... Null {@code name} means: after the URL's own file name.
     */
    public Outcome fetch(String url, Path folder, String name, LongConsumer progress) throws InterruptedException {
        Optional<String> refused = refusal(url);
        if (refused.isPresent()) {
            return new Skipped(url, refused.get(), false);
        }
        String failure = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return once(url, folder, name == null ? safeName(url) : name, progress);
            } catch (Refused e) {
                return new Skipped(url, e.getMessage(), false);
            } catch (IOException e) {
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
                if (attempt < ATTEMPTS) {
                    backoff.sleep(backoff.delay(attempt));
                }
            }
        }
        return new Skipped(url, "download failed after " + ATTEMPTS + " tries: " + failure + " (resume fetches it again)", true);
    }

    /** A download that must not be retried: the answer itself is wrong. */
    private static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private Outcome once(String url, Path folder, String name, LongConsumer progress) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 408 || status == 429 || status >= 500) {
                throw new IOException("HTTP " + status);
            }
            if (status / 100 != 2) {
                throw new Refused("HTTP " + status + " from the download host");
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                throw new Refused("larger than the " + maxBytes + "-byte limit (" + declared + " bytes)");
            }
            Files.createDirectories(folder);
            // Not createTempFile: that makes the file 0600, and a saved image should follow the umask.
            Path partial = Files.createFile(folder.resolve(".edit-" + UUID.randomUUID() + ".part"));
            try {
                byte[] head = new byte[16];
                int headLength = 0;
                long total = 0;
                try (OutputStream out = Files.newOutputStream(partial)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                        total += n;
                        if (total > maxBytes) {
                            throw new Refused("larger than the " + maxBytes + "-byte limit");
                        }
                        if (headLength < head.length) {
                            int take = Math.min(n, head.length - headLength);
                            System.arraycopy(buffer, 0, head, headLength, take);
                            headLength += take;
                        }
                        out.write(buffer, 0, n);
                        progress.accept(total);
                    }
                }
                if (declared >= 0 && total != declared) {
                    throw new IOException("truncated: " + total + " of " + declared + " bytes");
                }
                String type = response.headers().firstValue("Content-Type").orElse("");
                String extension = MediaType.extension(head, headLength, type)
                        .orElseThrow(() -> new Refused("not an image (PNG, JPEG or WebP) and no known declared type ("
                                + (type.isBlank() ? "none" : type) + ")"));
                Path target = moveIntoPlace(partial, folder, name, extension);
                return new Saved(url, target, total);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }

    /** Renames the finished file to a free name; never replaces a file that exists. */
    private Path moveIntoPlace(Path partial, Path folder, String stem, String extension) throws IOException {
        for (int n = 0; ; n++) {
            Path target = folder.resolve(n == 0 ? stem + extension : stem + "-" + n + extension);
            synchronized (reserved) {
                if (reserved.contains(target) || Files.exists(target)) {
                    continue;
                }
                reserved.add(target);
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                return target;
            } catch (FileAlreadyExistsException taken) {
                // Another process took the name between the check and the move: try the next one.
            }
        }
    }

    /**
     * The URL's last path segment, decoded, reduced to letters, digits, dot, dash and underscore,
     * with its extension removed (the bytes decide it): no separator, no "..", no control
     * character survives.
     */
    static String safeName(String url) {
        String path;
        try {
            path = new URI(url).getRawPath();
        } catch (java.net.URISyntaxException e) {
            path = "";
        }
        String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        String decoded = URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
        decoded = decoded.substring(Math.max(decoded.lastIndexOf('/'), decoded.lastIndexOf('\\')) + 1);
        String safe = decoded.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("\\.{2,}", ".").replaceAll("^[._-]+", "");
        int dot = safe.lastIndexOf('.');
        if (dot > 0) {
            safe = safe.substring(0, dot);
        }
        if (safe.length() > 100) {
            safe = safe.substring(0, 100);
        }
        return safe.isBlank() ? "output" : safe;
    }

    private static Optional<String> host(String url) {
        try {
            return Optional.ofNullable(new URI(url).getHost()).map(h -> h.toLowerCase(Locale.ROOT));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
