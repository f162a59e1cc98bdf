package dev.armature.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;
import dev.armature.api.config.DataSize;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ResolverPropertyTest {
    private static final List<String> KEYS = List.of("p.a", "p.b", "p.c", "p.d", "p.e", "p.l", "q.x", "q.y");

    private static ConfigSchema schema() {
        return ConfigSchema.builder("test")
                .addPrefix("p")
                .add(ConfigProperty.builder("p.a", ConfigType.INT)
                        .min("0")
                        .max("100")
                        .reloadable(true)
                        .build())
                .add(ConfigProperty.builder("p.b", ConfigType.DURATION)
                        .reloadable(true)
                        .build())
                .add(ConfigProperty.builder("p.c", ConfigType.SIZE)
                        .reloadable(true)
                        .build())
                .add(ConfigProperty.builder("p.d", ConfigType.BOOLEAN)
                        .reloadable(true)
                        .build())
                .add(ConfigProperty.builder("p.e", ConfigType.STRING)
                        .pattern("[a-z]+")
                        .reloadable(true)
                        .build())
                .add(ConfigProperty.builder("p.l", ConfigType.listOf(ConfigType.INT))
                        .reloadable(true)
                        .build())
                .build();
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.of(
                        "1",
                        "-5",
                        "500",
                        "30s",
                        "PT1M",
                        "10MiB",
                        "true",
                        "FALSE",
                        "a,b",
                        "1,2,x",
                        "${p.a}",
                        "${q.x}",
                        "${q.y:7}",
                        "${",
                        "$${x}",
                        "ENC(bad)",
                        "ENC(ok)",
                        "${p.b}s"));
    }

    @Provide
    Arbitrary<Map<String, String>> content() {
        return Arbitraries.maps(Arbitraries.of(KEYS), text()).ofMaxSize(8);
    }

    @Property
    void any_content_builds_a_snapshot_or_fails_with_a_typed_exception_naming_keys(
            @ForAll("content") Map<String, String> low, @ForAll("content") Map<String, String> high) {
        ConfigFixture fixture = new ConfigFixture();
        fixture.schema(schema());
        fixture.source("low", 200).set(flatten(low));
        fixture.source("high", 300).set(flatten(high));
        DefaultConfig config;
        try {
            config = fixture.build();
        } catch (ConfigException e) {
            assertThat(e.getMessage()).doesNotContain("ok)");
            return;
        }
        // declared keys read as their types without surprise
        config.getOptional("p.a", Integer.class).ifPresent(a -> assertThat(a).isBetween(0, 100));
        config.getOptional("p.b", Duration.class);
        config.getOptional("p.c", DataSize.class);
        config.getOptional("p.d", Boolean.class);
        config.getOptional("p.e", String.class).ifPresent(e -> assertThat(e).matches("[a-z]+"));
        assertThat(config.snapshot().getList("p.l", Integer.class)).isNotNull();
        // the higher source wins wherever both set a plain, expression-free value
        high.forEach((k, v) -> {
            if (!v.contains("$") && !v.startsWith("ENC(") && !k.startsWith("p")) {
                assertThat(config.get(k, String.class)).isEqualTo(v);
            }
        });
    }

    private static String[] flatten(Map<String, String> m) {
        return m.entrySet().stream()
                .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new);
    }
}
