package dev.imageedit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version the build stamped into the jar. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties props = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/dev/imageedit/version.properties")) {
            if (in != null) {
                props.load(in);
            }
        }
        return new String[] {"image-edit " + props.getProperty("version", "unknown")};
    }
}
