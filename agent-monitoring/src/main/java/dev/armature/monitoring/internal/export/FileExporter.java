package dev.armature.monitoring.internal.export;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.armature.api.config.DataSize;
import dev.armature.api.time.TimeSource;
import dev.armature.spi.monitoring.MeterSnapshot;
import dev.armature.spi.monitoring.MetricsExporter;
import dev.armature.spi.monitoring.MetricsSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Internal: the built-in exporter {@value #ID}. It appends one JSON object per meter per snapshot
 * to {@value #ACTIVE} in its directory, and rotates that file — renames it {@code
 * metrics-<closed at>-<n>.jsonl} — before a write that would take it past the maximum size, once it
 * is older than {@code rotate-every}, and at the first write of a run, so that each run starts a
 * file of its own. After each write it deletes rotated files beyond the count kept and those closed
 * longer ago than the maximum age. Every time is read from the system's {@link TimeSource}, and a
 * rotated file's age from its name, never from the file system's clock. Only the worker thread
 * calls it.
 */
final class FileExporter implements MetricsExporter {
    static final String ID = "file";
    static final String ACTIVE = "metrics.jsonl";

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern ROTATED = Pattern.compile("metrics-(\\d{8}T\\d{9}Z)-(\\d{4})\\.jsonl");
    private static final int MAX_SEQUENCE = 9999;

    /**
     * The file exporter's settings.
     *
     * @param directory where the files live
     * @param maxSize the size a write must not take the active file past (a single larger snapshot
     *     still goes whole into a fresh file)
     * @param rotateEvery the age at which the active file is rotated, if any
     * @param maxFiles rotated files kept, newest first
     * @param maxAge the age, since it was rotated, at which a rotated file is deleted, if any
     */
    record Settings(
            Path directory, DataSize maxSize, Optional<Duration> rotateEvery, int maxFiles, Optional<Duration> maxAge) {
        Settings {
            requireNonNull(directory, "directory");
            requireNonNull(maxSize, "maxSize");
            requireNonNull(rotateEvery, "rotateEvery");
            requireNonNull(maxAge, "maxAge");
            if (maxFiles < 0) {
                throw new IllegalArgumentException("maxFiles must not be negative, was " + maxFiles);
            }
        }
    }

    private final Settings settings;
    private final TimeSource time;
    private final JsonFactory json = new JsonFactory();
    /** When the active file got its first line in this run; null before the run's first write. */
    private @Nullable Instant openedAt;

    FileExporter(Settings settings, TimeSource time) {
        this.settings = requireNonNull(settings, "settings");
        this.time = requireNonNull(time, "time");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void export(MetricsSnapshot snapshot) throws IOException {
        byte[] lines = encode(snapshot);
        Path dir = settings.directory();
        Files.createDirectories(dir);
        Path active = dir.resolve(ACTIVE);
        Instant now = time.now();
        long size = Files.exists(active) ? Files.size(active) : 0;
        Instant opened = openedAt;
        if (size > 0
                && (opened == null || size + lines.length > settings.maxSize().bytes() || expired(opened, now))) {
            rotate(active, now);
            size = 0;
        }
        if (size == 0) {
            openedAt = now;
        }
        Files.write(active, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        retain(now);
    }

    private boolean expired(Instant opened, Instant now) {
        return settings.rotateEvery().isPresent()
                && !now.isBefore(opened.plus(settings.rotateEvery().get()));
    }

    private void rotate(Path active, Instant now) throws IOException {
        String stamp = STAMP.format(now);
        for (int n = 0; n <= MAX_SEQUENCE; n++) {
            Path target = active.resolveSibling(String.format(Locale.ROOT, "metrics-%s-%04d.jsonl", stamp, n));
            if (!Files.exists(target)) {
                Files.move(active, target);
                return;
            }
        }
        throw new IOException("cannot rotate " + active + ": " + (MAX_SEQUENCE + 1)
                + " rotated files already carry the time " + stamp + "; raise max-size");
    }

    /** Deletes the rotated files beyond the count kept and those older than the maximum age. */
    private void retain(Instant now) throws IOException {
        List<Path> rotated = new ArrayList<>();
        try (Stream<Path> files = Files.list(settings.directory())) {
            files.filter(p -> ROTATED.matcher(p.getFileName().toString()).matches())
                    .forEach(rotated::add);
        }
        // The names sort by the time they were rotated: newest first.
        rotated.sort(
                Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        for (int i = 0; i < rotated.size(); i++) {
            Path file = rotated.get(i);
            if (i >= settings.maxFiles() || tooOld(file, now)) {
                Files.deleteIfExists(file);
            }
        }
    }

    private boolean tooOld(Path file, Instant now) {
        if (settings.maxAge().isEmpty()) {
            return false;
        }
        Matcher m = ROTATED.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return false;
        }
        Instant rotatedAt = STAMP.parse(m.group(1), Instant::from);
        return !rotatedAt.plus(settings.maxAge().get()).isAfter(now);
    }

    /** Encodes a snapshot as JSON lines, one object per meter, each ending in a newline. */
    byte[] encode(MetricsSnapshot snapshot) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String timestamp = snapshot.timestamp().toString();
        for (MeterSnapshot m : snapshot.meters()) {
            try (JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
                g.writeStartObject();
                g.writeStringField("timestamp", timestamp);
                g.writeStringField("name", m.name());
                g.writeStringField("type", m.type().name().toLowerCase(Locale.ROOT));
                g.writeObjectFieldStart("tags");
                for (Map.Entry<String, String> tag : m.tags().entrySet()) {
                    g.writeStringField(tag.getKey(), tag.getValue());
                }
                g.writeEndObject();
                if (!m.baseUnit().isEmpty()) {
                    g.writeStringField("unit", m.baseUnit());
                }
                g.writeObjectFieldStart("values");
                for (MeterSnapshot.Measurement x : m.measurements()) {
                    String field = x.statistic().name().toLowerCase(Locale.ROOT);
                    // NaN and infinities are not JSON numbers.
                    if (Double.isFinite(x.value())) {
                        g.writeNumberField(field, x.value());
                    } else {
                        g.writeNullField(field);
                    }
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            out.write('\n');
        }
        return out.toByteArray();
    }
}
