package dev.armature.core.internal.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.Checkpoint;
import java.time.Instant;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class CheckpointCodecTest {
    @Property
    void a_checkpoint_round_trips(
            @ForAll @LongRange(min = 1) long sequence,
            @ForAll @StringLength(max = 20) String version,
            @ForAll @LongRange(min = 0, max = 4_000_000_000L) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll @Size(max = 300) byte[] state) {
        Checkpoint c = new Checkpoint("session", sequence, version, Instant.ofEpochSecond(seconds, nanos), state);
        assertThat(decode(CheckpointCodec.encode(c))).isEqualTo(c);
    }

    @Property
    void any_changed_byte_is_detected(
            @ForAll @Size(max = 64) byte[] state,
            @ForAll @IntRange(min = 0, max = 10_000) int where,
            @ForAll byte xor) {
        if (xor == 0) {
            return;
        }
        byte[] bytes = CheckpointCodec.encode(new Checkpoint("c", 7, "2", Instant.EPOCH, state));
        bytes[where % bytes.length] ^= xor;
        assertThatThrownBy(() -> CheckpointCodec.decode("c", bytes))
                .isInstanceOf(CheckpointCodec.CorruptCheckpointException.class);
    }

    @Property
    void any_truncation_is_detected(
            @ForAll @Size(max = 64) byte[] state, @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] bytes = CheckpointCodec.encode(new Checkpoint("c", 1, "1", Instant.EPOCH, state));
        byte[] shorter = Arrays.copyOf(bytes, cut % bytes.length);
        assertThatThrownBy(() -> CheckpointCodec.decode("c", shorter))
                .isInstanceOf(CheckpointCodec.CorruptCheckpointException.class);
    }

    private static Checkpoint decode(byte[] bytes) {
        try {
            return CheckpointCodec.decode("session", bytes);
        } catch (CheckpointCodec.CorruptCheckpointException e) {
            throw new AssertionError(e);
        }
    }
}
