package dev.imageedit.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageedit.EditException;
import dev.imageedit.intent.Features;
import dev.imageedit.route.EndpointCatalog;
import dev.imageedit.route.Fit;
import dev.imageedit.route.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The endpoint descriptors: the bundled ones, plus any in a user's {@code --rules DIR/endpoints/}
 * (a descriptor there with a bundled id replaces it; a new id adds a fifth endpoint).
 */
public final class Endpoints implements EndpointCatalog {
    private static final String BUNDLED = "dev/imageedit/bundled/endpoints/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Endpoint> byId;

    private Endpoints(Map<String, Endpoint> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    public static Endpoints bundled() {
        // Sorted by file name, so ids() has one stable order wherever the jar was built.
        Map<String, Endpoint> byFile = new TreeMap<>();
        for (String name : bundledNames()) {
            try (InputStream in = Endpoints.class.getClassLoader().getResourceAsStream(BUNDLED + name)) {
                byFile.put(name, Endpoint.parse(JSON.readTree(in), "bundled " + name));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled endpoint " + name, e);
            }
        }
        Map<String, Endpoint> byId = new LinkedHashMap<>();
        byFile.values().forEach(e -> byId.put(e.id(), e));
        return new Endpoints(byId);
    }

    /** The bundled descriptors plus those in {@code folder} (which may not exist). */
    public Endpoints with(Path folder) {
        if (!Files.isDirectory(folder)) {
            return this;
        }
        Map<String, Endpoint> merged = new LinkedHashMap<>(byId);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Endpoint endpoint = Endpoint.parse(JSON.readTree(file.toFile()), file.toString());
                merged.put(endpoint.id(), endpoint);
            }
        } catch (IOException e) {
            throw EditException.data("cannot read endpoint descriptors in " + folder + ": " + e.getMessage());
        }
        return new Endpoints(merged);
    }

    private static List<String> bundledNames() {
        URL url = Endpoints.class.getClassLoader().getResource(BUNDLED);
        if (url == null) {
            throw new IllegalStateException("the bundled endpoint descriptors are missing: " + BUNDLED);
        }
        List<String> names = new ArrayList<>();
        try {
            if (url.getProtocol().equals("jar")) {
                var jar = ((JarURLConnection) url.openConnection()).getJarFile();
                jar.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith(BUNDLED) && n.endsWith(".json"))
                        .forEach(n -> names.add(n.substring(BUNDLED.length())));
            } else {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).forEach(names::add);
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the bundled endpoint descriptors", e);
        }
        return names;
    }

    public List<Endpoint> all() {
        return List.copyOf(byId.values());
    }

    public Endpoint get(String id) {
        Endpoint endpoint = byId.get(id);
        if (endpoint == null) {
            throw new IllegalArgumentException("no endpoint " + id);
        }
        return endpoint;
    }

    /** An endpoint by id, model path or alias, as typed after {@code --model}. */
    public Optional<Endpoint> find(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return byId.values().stream()
                .filter(e -> e.id().equals(wanted) || e.model().equals(wanted) || e.aliases().contains(wanted))
                .findFirst();
    }

    /** Every option name some endpoint takes. */
    public List<String> optionNames() {
        return byId.values().stream().flatMap(e -> e.options().keySet().stream()).distinct().toList();
    }

    @Override
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    @Override
    public String model(String endpoint) {
        return get(endpoint).model();
    }

    @Override
    public Fit fit(String endpoint, Features features) {
        return get(endpoint).fit(features);
    }

    @Override
    public Mode mode(String endpoint, Features features) {
        return get(endpoint).mode(features);
    }
}
