package dev.armature.core.internal.incident.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.armature.api.AgentSystem;
import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigUpdate;
import dev.armature.api.incident.EscalationPolicy;
import dev.armature.api.incident.EscalationStep;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.config.SourceValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policies as configuration gives them, through a real system's configuration and the schema. */
class EscalationConfigTest {
    private static final String POLICIES = "armature.incidents.escalation.policies.";

    @SuppressWarnings("NullAway.Init") // JUnit sets it before each test
    @TempDir
    Path dir;

    private void withSystem(Map<String, String> keys, Consumer<AgentSystem> test) {
        Map<String, SourceValue> values = new LinkedHashMap<>();
        keys.forEach((k, v) -> values.put(k, SourceValue.of(v)));
        try (AgentSystem system = base().addConfigSource(new dev.armature.spi.config.ConfigSource() {
                    @Override
                    public String name() {
                        return "test";
                    }

                    @Override
                    public Map<String, SourceValue> read() {
                        return values;
                    }
                })
                .build()) {
            test.accept(system);
        }
    }

    private AgentSystem.Builder base() {
        ManualTime time = ManualTime.create();
        return AgentSystem.builder()
                .name("escalation")
                .timeSource(time)
                .scheduler(time)
                .dataDirectory(dir.resolve("data"))
                .environment(Map.of())
                .systemProperties(Map.of()); // the schema comes with the incidents plugin
    }

    @Test
    void policies_are_read_from_a_yaml_sequence_with_the_default() throws IOException {
        Path yaml = Files.writeString(
                dir.resolve("armature.yaml"),
                """
                armature:
                  incidents:
                    escalation:
                      default-policy: on-call
                      policies:
                        on-call:
                          steps:
                            - notify pager,chat
                            - wait 5m
                            - notify-next-each-time alice-pager,bob-pager
                            - wait 10m
                            - notify-if 3 in 10m pager
                            - repeat 1
                            - auto-resolve-after-quiet 30m
                        quiet:
                          steps:
                            - auto-resolve-after-quiet 2h
                """);
        try (AgentSystem system = base().addConfigFile(yaml).build()) {
            EscalationConfig config = EscalationConfig.read(system.config().snapshot());

            assertThat(config.policies()).containsOnlyKeys("on-call", "quiet");
            EscalationPolicy onCall = config.defaultPolicy().orElseThrow();
            assertThat(onCall.name()).isEqualTo("on-call");
            assertThat(onCall.steps())
                    .hasSize(6)
                    .first()
                    .isEqualTo(new EscalationStep.Notify(List.of("pager", "chat")));
            assertThat(onCall.autoResolveAfterQuiet()).contains(Duration.ofMinutes(30));
            assertThat(config.policy("quiet").orElseThrow().steps()).isEmpty();
        }
    }

    @Test
    void policies_are_read_from_indexed_keys_and_no_default_is_none() {
        withSystem(Map.of(POLICIES + "p.steps[0]", "notify a,b", POLICIES + "p.steps[1]", "wait 1m"), system -> {
            EscalationConfig config = EscalationConfig.read(system.config().snapshot());

            assertThat(config.policy("p").orElseThrow().lines()).containsExactly("notify a,b", "wait 1m");
            assertThat(config.defaultPolicy()).isEmpty();
        });
    }

    @Test
    void no_keys_mean_no_policies() {
        withSystem(Map.of(), system -> {
            EscalationConfig config = EscalationConfig.read(system.config().snapshot());

            assertThat(config.policies()).isEmpty();
            assertThat(config.defaultPolicyName()).isEmpty();
        });
    }

    @Test
    void a_bad_step_is_a_config_error_naming_the_key_the_policy_and_the_line() {
        withSystem(
                Map.of(POLICIES + "p.steps[0]", "notify a", POLICIES + "p.steps[1]", "wait 0s"),
                system -> assertThatThrownBy(
                                () -> EscalationConfig.read(system.config().snapshot()))
                        .asInstanceOf(type(ConfigException.class))
                        .satisfies(e -> {
                            assertThat(e.code()).isEqualTo(EscalationConfig.INVALID_CODE);
                            assertThat(e.key()).contains(POLICIES + "p.steps");
                            assertThat(e.getMessage())
                                    .startsWith(POLICIES + "p.steps (test")
                                    .contains("escalation policy 'p', step 'wait 0s': a wait must be longer than zero");
                        }));
    }

    @Test
    void a_policy_that_makes_no_sense_is_a_config_error() {
        withSystem(
                Map.of(POLICIES + "p.steps[0]", "repeat 1", POLICIES + "p.steps[1]", "wait 1m"),
                system -> assertThatThrownBy(
                                () -> EscalationConfig.read(system.config().snapshot()))
                        .isInstanceOf(ConfigException.class)
                        .hasMessageContaining("repeat must be the last step"));
    }

    @Test
    void an_unknown_default_policy_is_an_error_naming_the_key_and_the_known_names() {
        withSystem(
                Map.of(
                        POLICIES + "a.steps[0]",
                        "notify x",
                        POLICIES + "b.steps[0]",
                        "notify y",
                        "armature.incidents.escalation.default-policy",
                        "c"),
                system -> assertThatThrownBy(
                                () -> EscalationConfig.read(system.config().snapshot()))
                        .asInstanceOf(type(ConfigException.class))
                        .satisfies(e -> {
                            assertThat(e.key()).contains("armature.incidents.escalation.default-policy");
                            assertThat(e.getMessage())
                                    .contains("names the escalation policy 'c', which is not configured;"
                                            + " name one of [a, b]");
                        }));
    }

    @Test
    void the_schema_refuses_an_unknown_key_under_the_prefix() {
        withSystem(Map.of(POLICIES + "p.steps[0]", "notify a"), system -> {
            ConfigUpdate update = system.config().override(Map.of(POLICIES + "q.stepz", "notify a"));
            assertThat(update.outcome()).isEqualTo(ConfigUpdate.Outcome.REJECTED);
        });
    }

    @Test
    void the_validator_vetoes_a_change_to_a_bad_policy_and_keeps_the_good_one() {
        withSystem(Map.of(POLICIES + "p.steps[0]", "notify a"), system -> {
            var unused = system.config().addValidator(EscalationConfig.validator());

            ConfigUpdate update = system.config().override(Map.of(POLICIES + "p.steps[0]", "notify A"));

            assertThat(update.outcome()).isEqualTo(ConfigUpdate.Outcome.REJECTED);
            assertThat(update.toString()).contains(POLICIES + "p.steps");
            assertThat(EscalationConfig.read(system.config().snapshot())
                            .policy("p")
                            .orElseThrow()
                            .lines())
                    .containsExactly("notify a");
        });
    }
}
