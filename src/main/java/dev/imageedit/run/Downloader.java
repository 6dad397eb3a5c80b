package dev.imageedit.run;

import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Saves outputs safely. Only hosts under {@code .runcomfy.net} or {@code .runcomfy.com}, or the
 * API's own host, are fetched, judged on the parsed URL, and so is every redirect hop; the token
 * is never sent. Bytes stream to a temporary file in the output folder, which is linked into place
 * only when complete and deleted on any error, so a file that exists is whole. Names come from the
 * URL's last segment reduced to one safe name, claimed atomically (an existing file, one created
 * meanwhile or a dangling link is never replaced), and never leave the output folder; the runner
 * names them after the input image instead when it knows it. A download
 * stops when no byte has come for the stall limit, or when the run's --timeout is reached.
 */
public final class Downloader {
    public static final long MAX_BYTES = 2L << 30;
    /** The longest a download may go without receiving a byte, headers included. */
    public static final Duration STALL_LIMIT = Duration.ofSeconds(30);
    /**
     * A temporary file this old was left by a run that was killed: a live download writes at
     * least every {@link #STALL_LIMIT}, so no running download's file is ever this stale.
     */
    static final Duration STALE_PART_AGE = Duration.ofHours(2);
    private static final String PART_PREFIX = ".edit-";
    private static final String PART_SUFFIX = ".part";
    private static final int ATTEMPTS = 4;
    private static final int MAX_HOPS = 5;
    /** One daemon thread watches every download for stalls and the deadline. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "edit-download-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final HttpClient http;
    private final String apiHost;
    private final boolean apiOverHttps;
    private final Backoff backoff;
    private final long maxBytes;
    private final Duration stallLimit;

    /** A file saved, or an output not saved and why. */
    public sealed interface Outcome {
    }

    public record Saved(String url, Path path, long bytes) implements Outcome {
    }

    /** @param retryable a later try may succeed (the fetch failed); false when the output itself was refused */
    public record Skipped(String url, String reason, boolean retryable) implements Outcome {
    }

    public Downloader(HttpClient http, String apiBase, Backoff backoff, long maxBytes) {
        this(http, apiBase, backoff, maxBytes, STALL_LIMIT);
    }

    /** @param http a client that never follows redirects: each hop is checked here instead */
    public Downloader(HttpClient http, String apiBase, Backoff backoff, long maxBytes, Duration stallLimit) {
        if (http.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the download client must not follow redirects");
        }
        this.http = http;
        this.apiHost = host(apiBase).orElse("");
        this.apiOverHttps = apiBase.toLowerCase(Locale.ROOT).startsWith("https:");
        this.backoff = backoff;
        this.maxBytes = maxBytes;
        this.stallLimit = stallLimit;
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
        // The API's own host (a local sandbox, say) may serve over the scheme the API uses, never a weaker one.
        if (!host.isEmpty() && host.equals(apiHost) && (scheme.equals("https") || scheme.equals("http") && !apiOverHttps)) {
            return Optional.empty();
        }
        return Optional.of("untrusted host " + (host.isEmpty() ? "(none)" : host)
                + ": outputs are fetched only from *.runcomfy.net, *.runcomfy.com and the API's own host");
    }

    /**
     * Proves the output folder can hold outputs before anything is paid for: it exists or can be
     * made, and a file can be created in it. Also removes the temporary files of killed runs.
     */
    public void prepare(Path folder) {
        try {
            Files.createDirectories(folder);
            Path probe = Files.createFile(folder.resolve(PART_PREFIX + UUID.randomUUID() + ".probe"));
            Files.delete(probe);
        } catch (IOException e) {
            throw new EditException(ExitCode.CANT_CREATE, "cannot save outputs in " + folder.toAbsolutePath().normalize() + " ("
                    + Journal.reason(e) + "): nothing was sent. Give a writable folder with -o", e);
        }
        removeStaleParts(folder);
    }

    /** Deletes the temporary download files a killed run left in {@code folder}; returns how many. */
    int removeStaleParts(Path folder) {
        int removed = 0;
        FileTime before = FileTime.from(Instant.now().minus(STALE_PART_AGE));
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(folder, PART_PREFIX + "*" + PART_SUFFIX)) {
            for (Path part : parts) {
                if (Files.isRegularFile(part, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(part, java.nio.file.LinkOption.NOFOLLOW_LINKS).compareTo(before) < 0
                        && Files.deleteIfExists(part)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            // Leftovers are clutter, not harm: a folder that cannot be listed is not worth failing a run.
        }
        return removed;
    }

    /**
     * Saves one output in {@code folder} as {@code name} plus the extension its bytes show (a name
     * already taken gets {@code -1}, {@code -2}, ...; null means after the URL's own file name).
     * Failures of the fetch are retried while the deadline allows; refusals are not. An interrupt
     * (Ctrl-C) stops at once: no retry, the partial file deleted.
     */
    public Outcome fetch(String url, Path folder, String name, LongConsumer progress) throws InterruptedException {
        Optional<String> refused = refusal(url);
        if (refused.isPresent()) {
            return new Skipped(url, refused.get(), false);
        }
        String failure = "";
        int attempt = 1;
        for (; attempt <= ATTEMPTS; attempt++) {
            try {
                return once(url, folder, name == null ? safeName(url) : name, progress);
            } catch (Refused e) {
                return new Skipped(url, e.getMessage(), false);
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("interrupted while downloading");
                }
                failure = Text.printable(e.getMessage() == null ? e.toString() : e.getMessage());
                if (e instanceof OutOfTime || attempt == ATTEMPTS || !backoff.sleepWithin(backoff.delay(attempt))) {
                    break;
                }
            }
        }
        return new Skipped(url, "download failed after " + Math.min(attempt, ATTEMPTS) + (attempt == 1 ? " try: " : " tries: ") + failure
                + " (resume fetches it again)", true);
    }

    /** A download that must not be retried: the answer itself is wrong. */
    private static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /** The run's --timeout came while downloading: a retry could not finish either. */
    private static final class OutOfTime extends IOException {
        OutOfTime(String message) {
            super(message);
        }
    }

    /**
     * One try, watched: the JDK's response stream does not wake for an interrupt, so the watchdog
     * closes it (which does) when no byte has come for the stall limit, when the deadline passes,
     * or when the reading thread was interrupted (Ctrl-C). Before the body opens, it interrupts.
     */
    private Outcome once(String url, Path folder, String name, LongConsumer progress) throws IOException, InterruptedException {
        if (backoff.remaining().isZero()) {
            throw new OutOfTime("--timeout reached before the download started");
        }
        Thread reader = Thread.currentThread();
        AtomicLong lastByte = new AtomicLong(System.nanoTime());
        AtomicReference<IOException> stopped = new AtomicReference<>();
        AtomicReference<InputStream> body = new AtomicReference<>();
        long period = Math.max(10, Math.min(250, stallLimit.toMillis() / 5));
        ScheduledFuture<?> guard = WATCHDOG.scheduleAtFixedRate(() -> {
            IOException why = null;
            if (backoff.remaining().isZero()) {
                why = new OutOfTime("--timeout reached while downloading");
            } else if (System.nanoTime() - lastByte.get() > stallLimit.toNanos()) {
                why = new IOException("no data for " + stallLimit.toMillis() / 1000.0 + " s");
            }
            if (why != null) {
                stopped.compareAndSet(null, why);
            }
            if (stopped.get() != null || reader.isInterrupted()) {
                InputStream open = body.get();
                if (open == null) {
                    reader.interrupt();
                } else {
                    closeQuietly(open);
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
        try {
            return save(url, folder, name, progress, lastByte, body, stopped);
        } catch (IOException | InterruptedException e) {
            IOException why = stopped.get();
            if (why != null) {
                // Our own watchdog ended the try, not the person: clear any interrupt it made and say why.
                Thread.interrupted();
                throw why;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while downloading");
            }
            if (e instanceof java.net.http.HttpTimeoutException && backoff.remaining().isZero()) {
                // The request's own timeout is cut to the deadline: say which limit it was.
                throw new OutOfTime("--timeout reached while downloading");
            }
            throw e;
        } finally {
            guard.cancel(false);
            if (stopped.get() != null) {
                Thread.interrupted();
            }
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // Closing is how the read is ended; its own failure changes nothing.
        }
    }

    /** Follows at most {@link #MAX_HOPS} redirects, each to a trusted host and never from https to http. */
    private HttpResponse<InputStream> open(String url) throws IOException, InterruptedException {
        URI current = URI.create(url);
        for (int hop = 0; ; hop++) {
            Duration left = backoff.remaining();
            HttpRequest request = HttpRequest.newBuilder(current).timeout(left.compareTo(Duration.ofMinutes(10)) < 0 ? left : Duration.ofMinutes(10))
                    .GET().build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            if (status / 100 != 3 || status == 304) {
                return response;
            }
            response.body().close();
            String location = response.headers().firstValue("Location")
                    .orElseThrow(() -> new Refused("HTTP " + status + " redirect without a Location"));
            URI next;
            try {
                next = current.resolve(location.strip());
            } catch (IllegalArgumentException e) {
                throw new Refused("HTTP " + status + " redirect to an unreadable location");
            }
            Optional<String> refused = refusal(next.toString());
            if (refused.isPresent()) {
                throw new Refused("redirected to " + Text.printable(refused.get()));
            }
            if ("https".equalsIgnoreCase(current.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
                throw new Refused("redirected from https to " + Text.printable(next.getScheme()) + ": never downgraded");
            }
            if (hop + 1 > MAX_HOPS) {
                throw new Refused("more than " + MAX_HOPS + " redirects");
            }
            current = next;
        }
    }

    private Outcome save(String url, Path folder, String name, LongConsumer progress, AtomicLong lastByte, AtomicReference<InputStream> opened,
                         AtomicReference<IOException> stopped) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = open(url);
        opened.set(response.body());
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
            Path partial = Files.createFile(folder.resolve(PART_PREFIX + UUID.randomUUID() + PART_SUFFIX));
            try {
                byte[] head = new byte[16];
                int headLength = 0;
                long total = 0;
                try (OutputStream out = Files.newOutputStream(partial)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                        lastByte.set(System.nanoTime());
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
                if (stopped.get() != null || Thread.currentThread().isInterrupted()) {
                    throw new IOException("stopped");
                }
                if (declared >= 0 && total != declared) {
                    throw new IOException("truncated: " + total + " of " + declared + " bytes");
                }
                String type = response.headers().firstValue("Content-Type").orElse("");
                String extension = MediaType.extension(head, headLength, type)
                        .orElseThrow(() -> new Refused("not an image (PNG, JPEG or WebP) and no known declared type ("
                                + (type.isBlank() ? "none" : Text.shown(type, null, 100)) + ")"));
                Path target = moveIntoPlace(partial, folder, name, extension);
                return new Saved(url, target, total);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }

    /**
     * Gives the finished file a free name without ever replacing anything: a hard link fails if
     * any entry has the name (a file, one made a moment ago by another run, a dangling symbolic
     * link), where a rename would silently replace it. The caller then deletes the temporary name.
     */
    private static Path moveIntoPlace(Path partial, Path folder, String stem, String extension) throws IOException {
        for (int n = 0; n < 10_000; n++) {
            Path target = folder.resolve(n == 0 ? stem + extension : stem + "-" + n + extension);
            try {
                Files.createLink(target, partial);
                return target;
            } catch (FileAlreadyExistsException taken) {
                continue;
            } catch (UnsupportedOperationException | FileSystemException noLinks) {
                // A file system without hard links: claim the name with an exclusive create, then copy.
                if (claimByCopy(partial, target)) {
                    return target;
                }
            }
        }
        throw new IOException("no free name for " + stem + extension + " in " + folder);
    }

    private static boolean claimByCopy(Path partial, Path target) throws IOException {
        OutputStream out;
        try {
            out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException taken) {
            return false;
        }
        try (out) {
            Files.copy(partial, out);
        } catch (IOException e) {
            Files.deleteIfExists(target);
            throw e;
        }
        return true;
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
