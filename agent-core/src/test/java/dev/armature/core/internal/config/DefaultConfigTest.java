package dev.armature.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.config.ConfigCandidate;
import dev.armature.api.config.ConfigChange;
import dev.armature.api.config.ConfigEvent;
import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;
import dev.armature.api.config.ConfigUpdate;
import dev.armature.api.config.ConfigValidationException;
import dev.armature.api.config.ConfigViolation;
import dev.armature.api.config.DataSize;
import dev.armature.api.config.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DefaultConfigTest {
    private final ConfigFixture fixture = new ConfigFixture();

    private static ConfigSchema agentSchema() {
        return ConfigSchema.builder("host")
                .addPrefix("agent")
                .add(ConfigProperty.builder("agent.model.timeout", ConfigType.DURATION)
                        .defaultValue("30s")
                        .min("1s")
                        .reloadable(true)
                        .build())
                .add(ConfigProperty.builder("agent.model.name", ConfigType.STRING)
                        .required(true)
                        .reloadable(true)
                        .build())
                .add(ConfigProperty.builder("agent.workers", ConfigType.INT)
                        .defaultValue("4")
                        .max("64")
                        .build())
                .add(ConfigProperty.builder("agent.cache", ConfigType.SIZE)
                        .defaultValue("10MiB")
                        .reloadable(true)
                        .build())
                .add(ConfigProperty.builder("agent.tools", ConfigType.listOf(ConfigType.STRING))
                        .reloadable(true)
                        .build())
                .add(ConfigProperty.builder("agent.limits", ConfigType.mapOf(ConfigType.INT))
                        .reloadable(true)
                        .build())
                .add(ConfigProperty.builder("agent.api-key", ConfigType.STRING)
                        .secret(true)
                        .reloadable(true)
                        .build())
                .add(ConfigProperty.builder("agent.mode", ConfigType.enumOf(Mode.class))
                        .defaultValue("fast")
                        .reloadable(true)
                        .addRelocatedFrom("agent.speed")
                        .build())
                .build();
    }

    enum Mode {
        FAST,
        CAREFUL
    }

    @Test
    void the_highest_ordinal_wins_and_explain_lists_every_candidate_in_order() {
        fixture.source("file:a.yaml", 200).set("agent.model.name", "from-file");
        fixture.source("environment", 300).set("agent.model.name", "from-env");
        fixture.source("system-properties", 400).set("other", "x");
        fixture.schema(agentSchema());
        DefaultConfig config = fixture.build();

        assertThat(config.get("agent.model.name", String.class)).isEqualTo("from-env");
        List<ConfigCandidate> candidates = config.explain("agent.model.name");
        assertThat(candidates).extracting(c -> c.origin().source()).containsExactly("environment", "file:a.yaml");
        assertThat(candidates).extracting(ConfigCandidate::effective).containsExactly(true, false);
        assertThat(candidates.get(1).origin().location()).contains("file:a.yaml:1");
        assertThat(config.explain("agent.model.timeout"))
                .singleElement()
                .satisfies(c -> assertThat(c.origin().source()).isEqualTo("defaults"));
    }

    @Test
    void within_one_ordinal_a_later_source_wins() {
        fixture.source("file:one.yaml", 200).set("k", "one");
        fixture.source("file:two.yaml", 200).set("k", "two");
        assertThat(fixture.build().get("k", String.class)).isEqualTo("two");
    }

    @Test
    void profile_keys_outrank_plain_keys_of_their_source_and_the_last_listed_profile_wins() {
        fixture.source("file:a.yaml", 200)
                .set("armature.profile", "dev,prod", "k", "plain", "%dev.k", "dev", "%prod.k", "prod", "%test.j", "t");
        fixture.source("environment", 300).set("j", "env");
        DefaultConfig config = fixture.build();

        assertThat(config.get("k", String.class)).isEqualTo("prod");
        assertThat(config.get("j", String.class)).isEqualTo("env");
        assertThat(config.snapshot().keys()).doesNotContain("%prod.k", "%test.j");
    }

    @Test
    void a_plain_key_of_a_higher_ordinal_outranks_a_profile_key_of_a_lower_one() {
        fixture.source("file:a.yaml", 200).set("armature.profile", "prod", "%prod.k", "prod");
        fixture.source("environment", 300).set("k", "env");
        assertThat(fixture.build().get("k", String.class)).isEqualTo("env");
    }

    @Test
    void expressions_resolve_with_defaults_and_a_cycle_is_named_in_full() {
        fixture.source("file:a.yaml", 200)
                .set("host", "example.com", "url", "https://${host}:${port:443}/v1", "literal", "$${not}");
        DefaultConfig config = fixture.build();
        assertThat(config.get("url", String.class)).isEqualTo("https://example.com:443/v1");
        assertThat(config.get("literal", String.class)).isEqualTo("${not}");

        ConfigFixture cyclic = new ConfigFixture();
        cyclic.source("file:b.yaml", 200).set("a", "${b}", "b", "x${c}", "c", "${a}");
        assertThatThrownBy(cyclic::build)
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("a -> b -> c -> a");
    }

    @Test
    void every_violation_is_reported_at_once_with_its_key_and_origin() {
        fixture.schema(agentSchema());
        fixture.source("file:bad.yaml", 200)
                .set(
                        "agent.model.timeout", "soon",
                        "agent.workers", "100",
                        "agent.modle.name", "typo",
                        "agent.cache", "ten");
        assertThatThrownBy(fixture::build).isInstanceOfSatisfying(ConfigValidationException.class, e -> {
            assertThat(e.violations())
                    .extracting(ConfigViolation::key)
                    .containsExactly(
                            "agent.cache",
                            "agent.model.name",
                            "agent.model.timeout",
                            "agent.modle.name",
                            "agent.workers");
            assertThat(e.violations().get(2).origin().orElseThrow().location()).contains("file:bad.yaml:1");
            assertThat(e.getMessage())
                    .contains("agent.model.name: is required")
                    .contains("did you mean agent.model.name?")
                    .contains("must be at most 64")
                    .contains("expected a duration");
        });
    }

    @Test
    void typed_reads_parse_durations_sizes_lists_maps_and_enums() {
        fixture.schema(agentSchema());
        fixture.source("file:a.yaml", 200)
                .set(
                        "agent.model.name", "m",
                        "agent.model.timeout", "PT2M",
                        "agent.cache", "64KiB",
                        "agent.tools[0]", "git",
                        "agent.tools[1]", "grep",
                        "agent.limits.read", "3",
                        "agent.limits.write", "1",
                        "agent.speed", "careful",
                        "free.list", "a, b ,c",
                        "free.number", "12");
        DefaultConfig config = fixture.build();

        assertThat(config.get("agent.model.timeout", Duration.class)).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.get("agent.cache", DataSize.class)).isEqualTo(DataSize.ofBytes(65536));
        assertThat(config.snapshot().getList("agent.tools", String.class)).containsExactly("git", "grep");
        assertThat(config.snapshot().getMap("agent.limits", Integer.class))
                .containsOnly(Map.entry("read", 3), Map.entry("write", 1));
        assertThat(config.get("agent.mode", Mode.class)).isEqualTo(Mode.CAREFUL);
        assertThat(config.snapshot().getList("free.list", String.class)).containsExactly("a", "b", "c");
        assertThat(config.get("free.number", int.class)).isEqualTo(12);
        assertThat(config.get("free.number", Long.class)).isEqualTo(12L);
        assertThat(config.getOptional("absent", String.class)).isEmpty();
        assertThatThrownBy(() -> config.get("absent", String.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no source sets absent");
        assertThatThrownBy(() -> config.get("agent.model.name", Duration.class))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.code()).isEqualTo("armature.config.type"));
    }

    record Model(String name, Duration timeout) {}

    record Agent(
            Model model,
            int workers,
            DataSize cache,
            List<String> tools,
            Map<String, Integer> limits,
            Mode mode,
            Optional<String> missing,
            Secret apiKey) {}

    @Test
    void a_prefix_binds_to_a_record_with_nested_records_lists_maps_enums_optionals_and_secrets() {
        fixture.schema(agentSchema());
        fixture.source("file:a.yaml", 200)
                .set(
                        "agent.model.name", "m",
                        "agent.tools[0]", "git",
                        "agent.limits.read", "3",
                        "agent.api-key", "ENC(s3cret)");
        Agent agent = fixture.build().bind("agent", Agent.class);

        assertThat(agent.model()).isEqualTo(new Model("m", Duration.ofSeconds(30)));
        assertThat(agent.workers()).isEqualTo(4);
        assertThat(agent.cache()).isEqualTo(DataSize.ofMebibytes(10));
        assertThat(agent.tools()).containsExactly("git");
        assertThat(agent.limits()).containsEntry("read", 3);
        assertThat(agent.mode()).isEqualTo(Mode.FAST);
        assertThat(agent.missing()).isEmpty();
        assertThat(agent.apiKey().reveal()).isEqualTo("s3cret");
    }

    record WrongModel(String name, int timeout) {}

    @Test
    void a_key_that_does_not_bind_is_named() {
        fixture.source("file:a.yaml", 200).set("x.name", "n", "x.timeout", "soon", "y.name", "n", "y.colour", "red");
        DefaultConfig config = fixture.build();
        assertThatThrownBy(() -> config.bind("x", WrongModel.class))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).contains("x.timeout"))
                .hasMessageNotContaining("soon");
        assertThatThrownBy(() -> config.bind("y", Model.class))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).contains("y.colour"));
    }

    @Test
    void a_change_applies_as_a_new_version_and_listeners_of_its_prefix_hear_it() {
        fixture.schema(agentSchema());
        MutableSource file = fixture.source("file:a.yaml", 200).set("agent.model.name", "one");
        DefaultConfig config = fixture.build();
        List<List<ConfigChange>> heard = new ArrayList<>();
        List<List<ConfigChange>> others = new ArrayList<>();
        var unused = config.onChange("agent.model", heard::add);
        var unused2 = config.onChange("elsewhere", others::add);

        file.set("agent.model.name", "two");
        ConfigUpdate update = config.reloadSource(file);

        assertThat(update.outcome()).isEqualTo(ConfigUpdate.Outcome.APPLIED);
        assertThat(update.version()).isEqualTo(2);
        assertThat(config.snapshot().version()).isEqualTo(2);
        assertThat(heard).singleElement().satisfies(changes -> assertThat(changes)
                .singleElement()
                .isEqualTo(new ConfigChange(
                        "agent.model.name", Optional.of("one"), Optional.of("two"), "file:a.yaml", 2)));
        assertThat(others).isEmpty();
        assertThat(fixture.events(ConfigEvent.Applied.class)).singleElement().satisfies(e -> assertThat(e.changedKeys())
                .containsExactly("agent.model.name"));
        assertThat(fixture.registry
                        .counter("armature.config.updates", "outcome", "applied")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void a_vetoed_change_keeps_the_running_snapshot_and_says_why() {
        MutableSource file = fixture.source("file:a.yaml", 200).set("limit", "5");
        DefaultConfig config = fixture.build();
        var unused = config.addValidator(proposed -> proposed.get("limit", Integer.class) > 10
                ? List.of(ConfigViolation.missing("limit", "must stay at most 10 while agents run"))
                : List.of());

        file.set("limit", "50");
        ConfigUpdate update = config.reloadSource(file);

        assertThat(update.outcome()).isEqualTo(ConfigUpdate.Outcome.REJECTED);
        assertThat(update.violations()).extracting(ConfigViolation::key).containsExactly("limit");
        assertThat(config.get("limit", Integer.class)).isEqualTo(5);
        assertThat(config.snapshot().version()).isEqualTo(1);
        assertThat(fixture.events(ConfigEvent.Rejected.class)).hasSize(1);
        assertThat(fixture.registry
                        .counter("armature.config.updates", "outcome", "rejected")
                        .count())
                .isEqualTo(1);
        assertThat(config.history()).hasSize(1);
    }

    @Test
    void a_source_that_breaks_is_rejected_and_the_last_good_config_stays() {
        MutableSource file = fixture.source("file:a.yaml", 200).set("k", "v");
        DefaultConfig config = fixture.build();

        file.failWith("file:a.yaml:3:1: unexpected end of the mapping");
        assertThat(config.reload().outcome()).isEqualTo(ConfigUpdate.Outcome.REJECTED);
        assertThat(config.get("k", String.class)).isEqualTo("v");
        assertThat(fixture.events(ConfigEvent.Rejected.class)
                        .get(0)
                        .violations()
                        .get(0)
                        .message())
                .contains("a.yaml:3:1");
    }

    @Test
    void a_failing_listener_is_counted_and_does_not_stop_the_others() {
        MutableSource file = fixture.source("file:a.yaml", 200).set("k", "1");
        DefaultConfig config = fixture.build();
        var failing = config.onChange("", changes -> {
            throw new IllegalStateException("listener bug");
        });
        List<ConfigChange> heard = new ArrayList<>();
        var unused = config.onChange("k", heard::addAll);

        file.set("k", "2");
        assertThat(config.reloadSource(file).outcome()).isEqualTo(ConfigUpdate.Outcome.APPLIED);
        assertThat(heard).hasSize(1);
        assertThat(failing.failures()).isEqualTo(1);
        assertThat(config.get("k", String.class)).isEqualTo("2");
        assertThat(fixture.registry.counter("armature.config.listener.failures").count())
                .isEqualTo(1);
    }

    @Test
    void a_change_to_a_key_that_is_not_reloadable_is_held_back_until_a_restart() {
        fixture.schema(agentSchema());
        MutableSource file = fixture.source("file:a.yaml", 200).set("agent.model.name", "m", "agent.workers", "4");
        DefaultConfig config = fixture.build();

        file.set("agent.model.name", "n", "agent.workers", "8");
        ConfigUpdate update = config.reloadSource(file);

        assertThat(update.outcome()).isEqualTo(ConfigUpdate.Outcome.APPLIED);
        assertThat(update.restartRequired()).containsExactly("agent.workers");
        assertThat(config.get("agent.workers", Integer.class)).isEqualTo(4);
        assertThat(config.get("agent.model.name", String.class)).isEqualTo("n");
        assertThat(fixture.events(ConfigEvent.RestartRequired.class))
                .singleElement()
                .satisfies(e -> assertThat(e.keys()).containsExactly("agent.workers"));

        // polling the same content again does not repeat the event
        config.poll();
        assertThat(fixture.events(ConfigEvent.RestartRequired.class)).hasSize(1);
    }

    @Test
    void a_preview_shows_the_diff_and_the_violations_and_applies_nothing() {
        fixture.schema(agentSchema());
        fixture.source("file:a.yaml", 200).set("agent.model.name", "m");
        DefaultConfig config = fixture.build();

        ConfigUpdate ok = config.preview(Map.of("agent.model.timeout", "45s"));
        ConfigUpdate bad = config.preview(Map.of("agent.model.timeout", "0s"));

        assertThat(ok.outcome()).isEqualTo(ConfigUpdate.Outcome.PREVIEW);
        assertThat(ok.changes()).extracting(ConfigChange::key).containsExactly("agent.model.timeout");
        assertThat(bad.violations()).extracting(ConfigViolation::message).containsExactly("must be at least 1s");
        assertThat(config.get("agent.model.timeout", Duration.class)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.snapshot().version()).isEqualTo(1);
        assertThat(fixture.events).isEmpty();
    }

    @Test
    void rollback_reapplies_an_earlier_version_as_a_new_one_and_clearing_it_returns_to_the_sources() {
        MutableSource file = fixture.source("file:a.yaml", 200).set("k", "1");
        DefaultConfig config = fixture.build();
        file.set("k", "2", "added", "x");
        var unused = config.reloadSource(file);

        ConfigUpdate back = config.rollback(1);

        assertThat(back.outcome()).isEqualTo(ConfigUpdate.Outcome.APPLIED);
        assertThat(back.version()).isEqualTo(3);
        assertThat(config.get("k", String.class)).isEqualTo("1");
        assertThat(config.snapshot().keys()).doesNotContain("added");
        assertThat(config.history())
                .extracting(v -> v.source())
                .containsExactly("startup", "file:a.yaml", "rollback to 1");

        var unused2 = config.clearRollback();
        assertThat(config.get("k", String.class)).isEqualTo("2");
        assertThat(config.snapshot().version()).isEqualTo(4);
        assertThatThrownBy(() -> config.rollback(99))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.code()).isEqualTo("armature.config.no-such-version"));
    }

    @Test
    void a_relocated_key_is_still_read_under_its_new_name() {
        fixture.schema(agentSchema());
        fixture.source("file:a.yaml", 200).set("agent.model.name", "m", "agent.speed", "careful");
        DefaultConfig config = fixture.build();
        assertThat(config.get("agent.mode", Mode.class)).isEqualTo(Mode.CAREFUL);
        assertThat(config.snapshot().keys()).doesNotContain("agent.speed");
    }

    @Test
    void secrets_are_masked_in_dumps_explanations_changes_and_history() {
        fixture.schema(agentSchema());
        MutableSource file = fixture.source("file:a.yaml", 200)
                .set("agent.model.name", "m", "agent.api-key", "plain-secret-1", "token", "ENC(enc-secret-2)");
        DefaultConfig config = fixture.build();
        List<ConfigChange> heard = new ArrayList<>();
        var unused = config.onChange("", heard::addAll);
        file.set("agent.model.name", "m", "agent.api-key", "plain-secret-3", "token", "ENC(enc-secret-4)");
        var unused2 = config.reloadSource(file);

        assertThat(config.get("agent.api-key", Secret.class).reveal()).isEqualTo("plain-secret-3");
        assertThat(config.get("token", Secret.class).reveal()).isEqualTo("enc-secret-4");
        String everything = config.dump()
                + config.explain("agent.api-key")
                + config.explain("token")
                + heard
                + config.history()
                + fixture.events;
        assertThat(everything)
                .doesNotContain("secret-1", "secret-2", "secret-3", "secret-4")
                .contains(Secret.MASK);
        assertThatThrownBy(() -> config.get("token", String.class)).hasMessageContaining("is a secret");
    }

    @Test
    void a_tampered_encrypted_value_is_a_violation_naming_the_key() {
        fixture.source("file:a.yaml", 200).set("token", "ENC(bad)");
        assertThatThrownBy(fixture::build)
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.violations())
                        .singleElement()
                        .satisfies(v -> assertThat(v.key()).isEqualTo("token")));
    }

    @Test
    void a_secret_is_checked_against_its_constraints_without_the_value_in_the_violation() {
        fixture.schema(ConfigSchema.builder("host")
                .add(ConfigProperty.builder("key.plain", ConfigType.STRING)
                        .secret(true)
                        .pattern("sk-[a-z]+")
                        .build())
                .add(ConfigProperty.builder("key.sealed", ConfigType.STRING)
                        .pattern("sk-[a-z]+")
                        .build())
                .build());
        fixture.source("file:a.yaml", 200).set("key.plain", "WRONG-1", "key.sealed", "ENC(WRONG-2)");
        assertThatThrownBy(fixture::build)
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.violations())
                        .extracting(ConfigViolation::key)
                        .containsExactly("key.plain", "key.sealed"))
                .hasMessageContaining("must match sk-[a-z]+")
                .hasMessageNotContaining("WRONG");
    }

    @Test
    void a_secret_of_another_type_than_string_is_type_checked_without_the_value_in_the_violation() {
        fixture.schema(ConfigSchema.builder("host")
                .add(ConfigProperty.builder("vault.pin", ConfigType.INT)
                        .secret(true)
                        .min("1000")
                        .build())
                .add(ConfigProperty.builder("vault.retries", ConfigType.INT)
                        .secret(true)
                        .min("1")
                        .build())
                .build());
        fixture.source("file:a.yaml", 200).set("vault.pin", "pin-secret-four", "vault.retries", "0");
        assertThatThrownBy(fixture::build)
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.violations())
                        .extracting(ConfigViolation::key)
                        .containsExactly("vault.pin", "vault.retries"))
                .hasMessageContaining("vault.pin: is not a valid value (declared as")
                .hasMessageContaining("must be at least 1")
                .hasMessageNotContaining("pin-secret-four");
    }
}
