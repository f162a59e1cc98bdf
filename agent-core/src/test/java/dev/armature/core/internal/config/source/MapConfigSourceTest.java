package dev.armature.core.internal.config.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.armature.spi.config.SourceValue;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapConfigSourceTest {
    @Test
    void values_are_copied_in_order_without_locations() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("b", "2");
        values.put("a", "1");
        MapConfigSource source = new MapConfigSource("defaults", 0, values);
        values.put("c", "3");
        assertThat(source.name()).isEqualTo("defaults");
        assertThat(source.ordinal()).isZero();
        assertThat(source.read()).containsExactly(entry("b", SourceValue.of("2")), entry("a", SourceValue.of("1")));
        assertThat(source.watch(() -> {})).isEmpty();
    }

    @Test
    void the_values_cannot_be_changed_through_read() {
        MapConfigSource source = new MapConfigSource("o", 500, Map.of("a", "1"));
        assertThatThrownBy(() -> source.read().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @SuppressWarnings("NullAway") // passes null on purpose
    void a_null_value_is_a_programmer_error() {
        Map<String, String> values = new HashMap<>();
        values.put("a", null);
        assertThatThrownBy(() -> new MapConfigSource("o", 1, values)).isInstanceOf(NullPointerException.class);
    }
}
