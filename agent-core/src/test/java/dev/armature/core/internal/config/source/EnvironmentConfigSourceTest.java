package dev.armature.core.internal.config.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.armature.spi.config.SourceValue;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentConfigSourceTest {
    @ParameterizedTest(name = "{0} sets {1}")
    @CsvSource({
        "ARMATURE_MODEL_TIMEOUT, armature.model.timeout",
        "ARMATURE_COMPONENTS_DB__POOL_START__TIMEOUT, armature.components.db-pool.start-timeout",
        "ARMATURE_MODELS_0_NAME, armature.models[0].name",
        "ARMATURE_MODELS_12, armature.models[12]",
        "ARMATURE_MATRIX_1_0, armature.matrix[1][0]",
        "ARMATURE_HTTP2_PORT, armature.http2.port",
        "ARMATURE_X_007, armature.x.007",
        "AGENT_MODEL_TIMEOUT, agent.model.timeout",
        "AGENT_TOOLS__ALLOWED_0, agent.tools-allowed[0]",
    })
    void variables_map_to_keys(String variable, String key) {
        assertThat(EnvironmentConfigSource.keyFor(variable, "AGENT_")).contains(key);
        assertThat(EnvironmentConfigSource.variableFor(key, "AGENT_")).contains(variable);
        assertThat(new EnvironmentConfigSource(Map.of(variable, "v"), "AGENT_").read())
                .containsExactly(entry(key, SourceValue.at("v", variable)));
    }

    @ParameterizedTest(name = "{0} is ignored")
    @CsvSource({
        "PATH",
        "HOME",
        "ARMATURE",
        "ARMATURE_",
        "ARMATURE__X",
        "ARMATURE_X_",
        "ARMATURE_X___Y",
        "ARMATURE_x",
        "armature_model_timeout",
        "AGENTS_X",
        "OTHER_AGENT_X",
        "ARMATURE_A-B",
        "ARMATURE_A.B",
    })
    void other_variables_are_ignored(String variable) {
        assertThat(EnvironmentConfigSource.keyFor(variable, "AGENT_")).isEmpty();
        assertThat(new EnvironmentConfigSource(Map.of(variable, "v"), "AGENT_").read())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} cannot be set from the environment")
    @CsvSource({
        "armature.model_name",
        "armature.Model",
        "other.key",
        "armature",
        "armature.x.0",
        "armature..x",
        "agent.x"
    })
    void keys_that_no_variable_can_set_have_none(String key) {
        assertThat(EnvironmentConfigSource.variableFor(key, "")).isEmpty();
    }

    @Test
    void without_a_host_prefix_only_armature_variables_are_read() {
        EnvironmentConfigSource source =
                new EnvironmentConfigSource(Map.of("ARMATURE_A", "1", "AGENT_B", "2", "PATH", "/bin"), "");
        assertThat(source.read()).containsOnlyKeys("armature.a");
        assertThat(source.name()).isEqualTo("environment");
        assertThat(source.ordinal()).isEqualTo(300);
    }

    @Test
    void a_host_prefix_without_its_underscore_gets_one() {
        assertThat(EnvironmentConfigSource.keyFor("AGENT_X", "AGENT")).contains("agent.x");
        assertThat(EnvironmentConfigSource.keyFor("AGENTX", "AGENT")).isEmpty();
        assertThat(EnvironmentConfigSource.keyFor("MY_APP_X", "MY_APP_")).contains("my.app.x");
    }

    @Test
    void a_host_prefix_that_is_not_upper_case_segments_is_a_programmer_error() {
        assertThatThrownBy(() -> new EnvironmentConfigSource(Map.of(), "agent_"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EnvironmentConfigSource(Map.of(), "A-B_"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<String> variables() {
        Arbitrary<String> word =
                Arbitraries.strings().withChars("ABZ019").ofMinLength(1).ofMaxLength(4);
        return word.list().ofMinSize(1).ofMaxSize(5).flatMap(words -> Arbitraries.of("_", "__")
                .list()
                .ofSize(words.size())
                .map(joins -> {
                    StringBuilder b = new StringBuilder("ARMATURE");
                    for (int i = 0; i < words.size(); i++) {
                        b.append(joins.get(i).equals("__") && i == 0 ? "_" : joins.get(i))
                                .append(words.get(i));
                    }
                    return b.toString();
                }));
    }

    @Property
    void every_variable_read_is_the_variable_for_its_key(@ForAll("variables") String variable) {
        Optional<String> key = EnvironmentConfigSource.keyFor(variable, "");
        key.ifPresent(k -> {
            assertThat(SystemPropertiesConfigSource.isValidKey(k)).as(k).isTrue();
            assertThat(EnvironmentConfigSource.variableFor(k, "")).as(k).contains(variable);
        });
    }
}
