package dev.armature.core.internal.config.source;

import static java.util.Objects.requireNonNull;

import dev.armature.api.config.ConfigException;
import dev.armature.api.time.Cancellable;
import dev.armature.spi.config.ConfigSource;
import dev.armature.spi.config.SourceValue;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * Internal: a configuration file, in the format its extension names ({@code .yaml}, {@code .yml},
 * {@code .json}, {@code .properties}), read as UTF-8 on every {@link #read()} and watched for
 * changes through the operating system.
 *
 * <p>Thread-safe.
 */
public final class FileConfigSource implements ConfigSource {
    /** The name of the watch thread when no thread factory is given. */
    public static final String WATCH_THREAD_NAME = "armature-config-watch";

    private final Path file;
    private final int ordinal;
    private final ConfigFormat format;
    private final String name;
    private final ThreadFactory threads;

    /**
     * Creates a source whose watch runs on a daemon thread named {@value #WATCH_THREAD_NAME}.
     *
     * @param file the file; it need not exist yet, but must by the first {@link #read()}
     * @param ordinal the source's ordinal
     * @throws ConfigException with code {@code armature.config.format} if the file's extension names
     *     no known format
     */
    public FileConfigSource(Path file, int ordinal) {
        this(file, ordinal, FileConfigSource::daemon);
    }

    /**
     * Creates a source whose watch runs on a thread from the given factory, such as one of the
     * system's owned threads.
     *
     * @param file the file; it need not exist yet, but must by the first {@link #read()}
     * @param ordinal the source's ordinal
     * @param threads makes the one thread each {@link #watch} runs on
     * @throws ConfigException with code {@code armature.config.format} if the file's extension names
     *     no known format
     */
    public FileConfigSource(Path file, int ordinal, ThreadFactory threads) {
        this.file = requireNonNull(file, "file");
        this.ordinal = ordinal;
        this.threads = requireNonNull(threads, "threads");
        this.name = "file:" + file.toAbsolutePath().normalize();
        Path fileName = file.getFileName();
        this.format = ConfigFormat.ofFileName(fileName == null ? "" : fileName.toString())
                .orElseThrow(() -> new ConfigException(
                        "armature.config.format",
                        "configuration file " + file
                                + " has an extension that names no known format; rename it to end in one of "
                                + ConfigFormat.allExtensions(),
                        null,
                        null));
    }

    /**
     * Returns the file as given.
     *
     * @return the file
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the file's format.
     *
     * @return the format
     */
    public ConfigFormat format() {
        return format;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int ordinal() {
        return ordinal;
    }

    /**
     * {@inheritDoc}
     *
     * @throws ConfigException with code {@code armature.config.missing-file} if the file does not
     *     exist, {@code armature.config.read} if it cannot be read, {@code armature.config.parse} if
     *     it is not valid UTF-8 or not a valid document
     */
    @Override
    public Map<String, SourceValue> read() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(
                    "armature.config.missing-file",
                    "configuration file " + file + " does not exist; create it, or remove it from the builder's files",
                    null,
                    e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(
                    ParseErrors.CODE,
                    "configuration file " + file + " is not valid UTF-8 text; save it in UTF-8",
                    null,
                    e);
        } catch (IOException e) {
            throw new ConfigException(
                    "armature.config.read",
                    "configuration file " + file + " could not be read ("
                            + e.getClass().getSimpleName() + "); check that it is a readable regular file",
                    null,
                    e);
        }
        return ConfigFormats.parse(text, format, file.toString());
    }

    /**
     * Watches the file's directory and calls back when the file is created, modified, deleted or
     * replaced by a rename (as editors save); events are not coalesced, the caller diffs. The call
     * back runs on the watch thread; an exception from it is logged and watching goes on.
     *
     * @throws ConfigException with code {@code armature.config.watch} if the directory cannot be
     *     watched, such as when it does not exist
     */
    @Override
    public Optional<Cancellable> watch(Runnable onChange) {
        requireNonNull(onChange, "onChange");
        return Optional.of(FileWatch.start(this, onChange, threads));
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, WATCH_THREAD_NAME);
        t.setDaemon(true);
        return t;
    }

    @Override
    public String toString() {
        return name;
    }
}
