package dev.imageedit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version and commit the build stamped into the jar. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Properties props = stamp();
        return new String[] {"image-edit " + stamped(props, "version") + " (commit " + stamped(props, "commit")
                + ("true".equals(props.getProperty("dirty")) ? ", with uncommitted changes" : "") + ")"};
    }

    /** The version alone ("0.1.0"), for a protocol peer. */
    static String number() {
        return stamped(stamp(), "version");
    }

    private static Properties stamp() {
        Properties props = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/dev/imageedit/version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the version stamp in the jar", e);
        }
        return props;
    }

    /** A property the build filled in, or "unknown" where it could not (no git checkout). */
    private static String stamped(Properties props, String key) {
        String value = props.getProperty(key, "");
        return value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }
}
