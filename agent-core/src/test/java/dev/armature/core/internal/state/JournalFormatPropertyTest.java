package dev.armature.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The journal's record parser: what it reads back is always a prefix of what was written, whatever
 * happened to the bytes after the last intact record.
 */
class JournalFormatPropertyTest {
    @Provide
    Arbitrary<List<byte[]>> records() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300).list().ofMaxSize(12);
    }

    @Property
    void every_written_record_is_read_back_in_order(@ForAll("records") List<byte[]> records) throws IOException {
        assertThat(parse(encode(records)).records()).containsExactlyElementsOf(records);
        assertThat(parse(encode(records)).damaged()).isFalse();
    }

    @Property
    void a_truncated_stream_yields_exactly_the_complete_records(
            @ForAll("records") List<byte[]> records, @ForAll @IntRange(min = 0, max = 100_000) int cut)
            throws IOException {
        byte[] bytes = encode(records);
        int keep = bytes.length == 0 ? 0 : cut % (bytes.length + 1);
        byte[] torn = java.util.Arrays.copyOf(bytes, keep);

        Parsed parsed = parse(torn);

        int complete = completeRecords(records, keep);
        assertThat(parsed.records()).containsExactlyElementsOf(records.subList(0, complete));
        assertThat(parsed.damaged()).isEqualTo(keep != frameEnd(records, complete));
    }

    @Property
    void a_garbled_byte_in_the_last_record_drops_that_record_only(
            @ForAll("records") @Size(min = 1) List<byte[]> records,
            @ForAll @IntRange(min = 0, max = 100_000) int where,
            @ForAll @IntRange(min = 1, max = 255) int flip)
            throws IOException {
        byte[] bytes = encode(records);
        int lastStart = frameEnd(records, records.size() - 1);
        int at = lastStart + where % (bytes.length - lastStart);
        bytes[at] = (byte) (bytes[at] ^ flip);

        Parsed parsed = parse(bytes);

        assertThat(parsed.records()).containsExactlyElementsOf(records.subList(0, records.size() - 1));
        assertThat(parsed.damaged()).isTrue();
    }

    @Property
    void arbitrary_bytes_never_make_the_parser_throw(@ForAll @Size(max = 200) byte[] noise) throws IOException {
        Parsed parsed = parse(noise);
        assertThat(parsed.end()).isBetween(0L, (long) noise.length);
    }

    private static byte[] encode(List<byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] r : records) {
            ByteBuffer frame = JournalFormat.encode(r);
            byte[] bytes = new byte[frame.remaining()];
            frame.get(bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static int frameEnd(List<byte[]> records, int count) {
        int end = 0;
        for (int i = 0; i < count; i++) {
            end += JournalFormat.RECORD_OVERHEAD + records.get(i).length;
        }
        return end;
    }

    private static int completeRecords(List<byte[]> records, int length) {
        int count = 0;
        while (count < records.size() && frameEnd(records, count + 1) <= length) {
            count++;
        }
        return count;
    }

    record Parsed(List<byte[]> records, long end, boolean damaged) {}

    private static Parsed parse(byte[] bytes) throws IOException {
        JournalFormat.Source source = JournalFormat.Source.of(bytes);
        List<byte[]> records = new ArrayList<>();
        long position = 0;
        while (true) {
            JournalFormat.Frame frame = JournalFormat.read(source, position);
            if (frame instanceof JournalFormat.Frame.Intact intact) {
                records.add(intact.payload());
                position = intact.next();
            } else {
                return new Parsed(records, position, frame instanceof JournalFormat.Frame.Damaged);
            }
        }
    }
}
