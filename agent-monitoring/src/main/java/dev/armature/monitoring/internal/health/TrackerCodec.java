package dev.armature.monitoring.internal.health;

import dev.armature.api.health.CheckHistory;
import dev.armature.api.health.CheckResult;
import dev.armature.api.health.HealthStatus;
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
 * bytes with a format version first, and reads it back. Details are stored already masked.
 */
final class TrackerCodec {
    static final int FORMAT = 1;

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
            if (in.readInt() != FORMAT) {
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
                results.add(new CheckResult(s, duration, error, map, timedOut, at));
                afters.add(HealthStatus.valueOf(text(in)));
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
