package dev.imageedit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version and commit the build stamped into the jar. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties props = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/dev/imageedit/version.properties")) {
            if (in != null) {
                props.load(in);
            }
        }
        return new String[] {"image-edit " + stamped(props, "version") + " (commit " + stamped(props, "commit")
                + ("true".equals(props.getProperty("dirty")) ? ", with uncommitted changes" : "") + ")"};
    }

    /** A property the build filled in, or "unknown" where it could not (no git checkout). */
    private static String stamped(Properties props, String key) {
        String value = props.getProperty(key, "");
        return value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }
}
