package dev.armature.core.internal.config.source;

import static java.util.Objects.requireNonNull;

import dev.armature.api.config.ConfigException;
import dev.armature.spi.config.ConfigSource;
import dev.armature.spi.config.SourceValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: a configuration resource on the class path, such as {@code armature.yaml}, in the format
 * its extension names. An absent resource reads as no values: defaults on the class path are
 * optional. When several copies are on the class path (several jars ship one), the first that the
 * class loader finds is read and a warning naming all of them is logged once.
 *
 * <p>Thread-safe.
 */
public final class ClasspathConfigSource implements ConfigSource {
    private static final Logger log = LoggerFactory.getLogger(ClasspathConfigSource.class);

    private final ClassLoader loader;
    private final String resource;
    private final int ordinal;
    private final ConfigFormat format;
    private final AtomicBoolean warnedOfCopies = new AtomicBoolean();

    /**
     * Creates the source.
     *
     * @param loader the class loader to look in
     * @param resource the resource name, without a leading slash, such as {@code armature.yaml}
     * @param ordinal the source's ordinal, usually {@link ConfigSource#CLASSPATH_ORDINAL}
     * @throws ConfigException with code {@code armature.config.format} if the resource's extension
     *     names no known format
     */
    public ClasspathConfigSource(ClassLoader loader, String resource, int ordinal) {
        this.loader = requireNonNull(loader, "loader");
        this.resource = requireNonNull(resource, "resource");
        this.ordinal = ordinal;
        this.format = ConfigFormat.ofFileName(resource)
                .orElseThrow(() -> new ConfigException(
                        "armature.config.format",
                        "class path resource " + resource + " has an extension that names no known format;"
                                + " rename it to end in one of " + ConfigFormat.allExtensions(),
                        null,
                        null));
    }

    @Override
    public String name() {
        return "classpath:" + resource;
    }

    @Override
    public int ordinal() {
        return ordinal;
    }

    /**
     * {@inheritDoc}
     *
     * @throws ConfigException with code {@code armature.config.read} if the resource cannot be
     *     read, {@code armature.config.parse} if it is not valid UTF-8 or not a valid document
     */
    @Override
    public Map<String, SourceValue> read() {
        List<URL> copies;
        try {
            copies = Collections.list(loader.getResources(resource));
        } catch (IOException e) {
            throw readError(resource, e);
        }
        if (copies.isEmpty()) {
            return Map.of();
        }
        URL url = copies.get(0);
        if (copies.size() > 1 && warnedOfCopies.compareAndSet(false, true)) {
            log.atWarn()
                    .addKeyValue("resource", resource)
                    .addKeyValue("read", url)
                    .addKeyValue("copies", copies)
                    .log("several copies of a configuration resource are on the class path; only the first is read");
        }
        String text;
        try (InputStream in = url.openStream()) {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(in.readAllBytes()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(
                    ParseErrors.CODE,
                    "class path resource " + url + " is not valid UTF-8 text; save it in UTF-8",
                    null,
                    e);
        } catch (IOException e) {
            throw readError(url.toString(), e);
        }
        return ConfigFormats.parse(text, format, url.toString());
    }

    private static ConfigException readError(String what, IOException e) {
        return new ConfigException(
                "armature.config.read",
                "class path resource " + what + " could not be read ("
                        + e.getClass().getSimpleName() + "); check the jar or directory that holds it",
                null,
                e);
    }

    @Override
    public String toString() {
        return name();
    }
}
