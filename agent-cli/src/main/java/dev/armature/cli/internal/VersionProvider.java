package dev.armature.cli.internal;

import dev.armature.api.ArmatureVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Internal: {@code --version} — the build's version, written at build time, and the API version. */
public final class VersionProvider implements IVersionProvider {
    private static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"armature " + buildVersion() + " (API " + ArmatureVersion.API + ")"};
    }

    /** Returns the Maven version this command was built as, from a resource filtered at build time. */
    static String buildVersion() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build's " + RESOURCE, e);
        }
        return properties.getProperty("version", "unknown");
    }
}
