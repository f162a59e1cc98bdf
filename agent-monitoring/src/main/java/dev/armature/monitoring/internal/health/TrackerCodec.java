package dev.armature.monitoring.internal.health;

import dev.armature.api.health.CheckHistory;
import dev.armature.api.health.CheckResult;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.health.Indicator;
import dev.armature.api.health.Prediction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Internal: writes a check's persisted state (status, counters, results and transitions) as
 * bytes with a format version first, and reads it back. Details are stored already masked. Format 2
 * adds each result's indicators and prediction; format 1 is still read (without them).
 */
final class TrackerCodec {
    static final int FORMAT = 2;
    private static final int FORMAT_WITHOUT_INDICATORS = 1;

    /** What a tracker persists. */
    record State(
            HealthStatus status,
            @Nullable Instant since,
            int consecutiveDown,
            int consecutiveUp,
            List<CheckResult> results,
            List<HealthStatus> afters,
            List<CheckHistory.Transition> transitions) {}

    private TrackerCodec() {}

    static byte[] write(State state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            text(out, state.status().name());
            Instant since = state.since();
            out.writeBoolean(since != null);
            if (since != null) {
                instant(out, since);
            }
            out.writeInt(state.consecutiveDown());
            out.writeInt(state.consecutiveUp());
            out.writeInt(state.results().size());
            for (int i = 0; i < state.results().size(); i++) {
                CheckResult r = state.results().get(i);
                text(out, r.status().name());
                out.writeLong(r.duration().toNanos());
                out.writeBoolean(r.error().isPresent());
                if (r.error().isPresent()) {
                    text(out, r.error().get());
                }
                out.writeInt(r.details().size());
                for (Map.Entry<String, String> d : r.details().entrySet()) {
                    text(out, d.getKey());
                    text(out, d.getValue());
                }
                out.writeBoolean(r.timedOut());
                instant(out, r.at());
                text(out, state.afters().get(i).name());
                out.writeInt(r.indicators().size());
                for (Map.Entry<String, Indicator> e : r.indicators().entrySet()) {
                    text(out, e.getKey());
                    out.writeDouble(e.getValue().value());
                    out.writeDouble(e.getValue().critical());
                    text(out, e.getValue().direction().name());
                }
                out.writeBoolean(r.prediction().isPresent());
                if (r.prediction().isPresent()) {
                    Prediction p = r.prediction().get();
                    text(out, p.indicator());
                    out.writeDouble(p.value());
                    out.writeDouble(p.critical());
                    out.writeDouble(p.ratePerSecond());
                    instant(out, p.predictedBreachAt());
                    out.writeDouble(p.confidence());
                    out.writeInt(p.samples());
                }
            }
            out.writeInt(state.transitions().size());
            for (CheckHistory.Transition t : state.transitions()) {
                text(out, t.from().name());
                text(out, t.to().name());
                instant(out, t.at());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** Reads a state; empty when the bytes are of another format. */
    static Optional<State> read(byte[] data) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int format = in.readInt();
            if (format != FORMAT && format != FORMAT_WITHOUT_INDICATORS) {
                return Optional.empty();
            }
            HealthStatus status = HealthStatus.valueOf(text(in));
            Instant since = in.readBoolean() ? instant(in) : null;
            int down = in.readInt();
            int up = in.readInt();
            int count = in.readInt();
            List<CheckResult> results = new ArrayList<>(count);
            List<HealthStatus> afters = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                HealthStatus s = HealthStatus.valueOf(text(in));
                Duration duration = Duration.ofNanos(in.readLong());
                Optional<String> error = in.readBoolean() ? Optional.of(text(in)) : Optional.empty();
                int details = in.readInt();
                Map<String, String> map = new TreeMap<>();
                for (int j = 0; j < details; j++) {
                    map.put(text(in), text(in));
                }
                boolean timedOut = in.readBoolean();
                Instant at = instant(in);
                HealthStatus after = HealthStatus.valueOf(text(in));
                Map<String, Indicator> indicators = new TreeMap<>();
                Optional<Prediction> prediction = Optional.empty();
                if (format == FORMAT) {
                    int indicatorCount = in.readInt();
                    for (int j = 0; j < indicatorCount; j++) {
                        indicators.put(
                                text(in),
                                new Indicator(in.readDouble(), in.readDouble(), Indicator.Direction.valueOf(text(in))));
                    }
                    if (in.readBoolean()) {
                        prediction = Optional.of(new Prediction(
                                text(in),
                                in.readDouble(),
                                in.readDouble(),
                                in.readDouble(),
                                instant(in),
                                in.readDouble(),
                                in.readInt()));
                    }
                }
                results.add(new CheckResult(s, duration, error, map, timedOut, at, indicators, prediction));
                afters.add(after);
            }
            int transitions = in.readInt();
            List<CheckHistory.Transition> ts = new ArrayList<>(transitions);
            for (int i = 0; i < transitions; i++) {
                ts.add(new CheckHistory.Transition(
                        HealthStatus.valueOf(text(in)), HealthStatus.valueOf(text(in)), instant(in)));
            }
            return Optional.of(new State(status, since, down, up, results, afters, ts));
        }
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("a text of " + length + " bytes where " + in.available() + " remain");
        }
        byte[] b = new byte[length];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void instant(DataOutputStream out, Instant at) throws IOException {
        out.writeLong(at.getEpochSecond());
        out.writeInt(at.getNano());
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }
}
