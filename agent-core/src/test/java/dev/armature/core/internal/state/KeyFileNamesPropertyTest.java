package dev.armature.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.state.StateNames;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Keys become safe file names and come back unchanged; foreign names are not mistaken for keys. */
class KeyFileNamesPropertyTest {
    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40).filter(k -> {
            try {
                StateNames.checkKey(k);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        });
    }

    @Property
    void a_key_round_trips_through_its_file_name(@ForAll("keys") String key) {
        String name = KeyFileNames.fileName(key);
        assertThat(name).matches("[a-z2-7]+\\.v").hasSizeLessThanOrEqualTo(255);
        assertThat(KeyFileNames.key(name)).contains(key);
    }

    @Property
    void bytes_round_trip_through_base32(@ForAll @Size(max = 128) byte[] bytes) {
        assertThat(KeyFileNames.decode(KeyFileNames.encode(bytes))).isEqualTo(bytes);
    }

    @Property
    void names_that_no_key_produces_are_ignored(@ForAll("keys") String key) {
        assertThat(KeyFileNames.key(KeyFileNames.fileName(key) + ".tmp")).isEmpty();
        assertThat(KeyFileNames.key(key.toUpperCase(java.util.Locale.ROOT) + "!.v"))
                .isEmpty();
    }

    @org.junit.jupiter.api.Test
    void the_longest_key_fits_in_a_file_name() {
        String longest = "é".repeat(StateNames.MAX_KEY_BYTES / 2);
        assertThat(KeyFileNames.fileName(StateNames.checkKey(longest))).hasSizeLessThanOrEqualTo(255);
    }
}
