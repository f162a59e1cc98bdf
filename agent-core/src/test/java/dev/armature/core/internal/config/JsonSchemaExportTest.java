package dev.armature.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSchemaExportTest {
    enum Level {
        LOW,
        VERY_HIGH
    }

    @Test
    void every_declared_key_becomes_a_nested_property_with_its_type_default_and_constraints() throws Exception {
        ConfigSchema host = ConfigSchema.builder("host")
                .addPrefix("agent")
                .add(ConfigProperty.builder("agent.model.timeout", ConfigType.DURATION)
                        .defaultValue("30s")
                        .description("How long one call may take.")
                        .reloadable(true)
                        .build())
                .add(ConfigProperty.builder("agent.workers", ConfigType.INT)
                        .min("1")
                        .max("64")
                        .build())
                .add(ConfigProperty.builder("agent.level", ConfigType.enumOf(Level.class))
                        .build())
                .add(ConfigProperty.builder("agent.tools", ConfigType.listOf(ConfigType.STRING))
                        .build())
                .add(ConfigProperty.builder("agent.api-key", ConfigType.STRING)
                        .secret(true)
                        .build())
                .build();

        JsonNode root = new ObjectMapper().readTree(JsonSchemaExport.export(List.of(CoreSchema.schema(), host)));

        assertThat(root.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        JsonNode agent = root.at("/properties/agent");
        assertThat(agent.get("additionalProperties").asBoolean(true)).isFalse();
        JsonNode timeout = agent.at("/properties/model/properties/timeout");
        assertThat(timeout.get("type").asText()).isEqualTo("string");
        assertThat(timeout.get("default").asText()).isEqualTo("30s");
        assertThat(timeout.get("description").asText()).isEqualTo("How long one call may take.");
        assertThat(timeout.get("x-armature-reloadable").asBoolean()).isTrue();
        assertThat(agent.at("/properties/workers/maximum").asDouble()).isEqualTo(64.0);
        assertThat(agent.at("/properties/level/enum").toString()).isEqualTo("[\"low\",\"very-high\"]");
        assertThat(agent.at("/properties/tools/items/type").asText()).isEqualTo("string");
        assertThat(agent.at("/properties/api-key/writeOnly").asBoolean()).isTrue();
        assertThat(root.at(
                                "/properties/armature/properties/components/additionalProperties/properties/start-timeout/type")
                        .asText())
                .isEqualTo("string");
    }
}
