package dev.armature.core.internal.config.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.armature.spi.config.SourceValue;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemPropertiesConfigSourceTest {
    @Test
    void properties_with_valid_keys_are_taken_sorted_and_located_by_their_flag() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("user.home", "/home/me");
        properties.put("armature.model.timeout", "30s");
        properties.put("armature.models[0].name", "gpt");
        properties.put("%prod.armature.x", "1");
        properties.put("line.separator", "\n");
        properties.put("has space", "no");
        properties.put("a..b", "no");
        properties.put("a[01]", "no");
        properties.put("", "no");
        properties.put("x%y", "no");
        SystemPropertiesConfigSource source = new SystemPropertiesConfigSource(properties);
        assertThat(source.read())
                .containsExactly(
                        entry("%prod.armature.x", SourceValue.at("1", "-D%prod.armature.x")),
                        entry("armature.model.timeout", SourceValue.at("30s", "-Darmature.model.timeout")),
                        entry("armature.models[0].name", SourceValue.at("gpt", "-Darmature.models[0].name")),
                        entry("line.separator", SourceValue.at("\n", "-Dline.separator")),
                        entry("user.home", SourceValue.at("/home/me", "-Duser.home")));
        assertThat(source.name()).isEqualTo("system-properties");
        assertThat(source.ordinal()).isEqualTo(400);
    }

    @Test
    void later_changes_to_the_given_map_are_not_seen() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("a", "1");
        SystemPropertiesConfigSource source = new SystemPropertiesConfigSource(properties);
        properties.put("b", "2");
        assertThat(source.read()).containsOnlyKeys("a");
    }
}
