package dev.imageedit.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What each call's outputs are called: after the call's own input image ({@code sku-a.jpg} gives
 * {@code sku-a-edited}), so that a folder of results reads like the folder of inputs. Names are
 * fixed before anything runs, in input order, so they do not depend on which job finishes first;
 * two inputs with the same file name get {@code -2}, {@code -3}, ... in the order given.
 */
public final class OutputNames {
    static final String SUFFIX = "-edited";

    private OutputNames() {
    }

    /** One base name per call (its primary input's safe file stem plus {@link #SUFFIX}), unique among the calls. */
    public static List<String> forCalls(List<List<String>> inputsPerCall) {
        Set<String> taken = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (List<String> inputs : inputsPerCall) {
            String stem = inputs.isEmpty() ? "output" : Downloader.safeName(inputs.get(0));
            String name = stem;
            for (int n = 2; !taken.add(name); n++) {
                name = stem + "-" + n;
            }
            names.add(name + SUFFIX);
        }
        return names;
    }

    /**
     * The name of output {@code index} (from 0) of a call that returned {@code count}: the base name
     * alone for one output, else {@code -v1}, {@code -v2}, ... for the variants.
     */
    static String of(String base, int index, int count) {
        return count <= 1 ? base : base + "-v" + (index + 1);
    }
}
