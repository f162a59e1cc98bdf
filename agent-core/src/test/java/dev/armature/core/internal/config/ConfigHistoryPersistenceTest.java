package dev.armature.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.config.ConfigVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConfigHistoryPersistenceTest {
    private final MapStateStore store = new MapStateStore();

    private DefaultConfig start(String value, boolean dataDirectoryExists) {
        ConfigFixture fixture = new ConfigFixture();
        fixture.source("file:a.yaml", 200).set("k", value, "token", "ENC(hidden-value)");
        DefaultConfig config = fixture.build();
        config.attachHistory(store::open, dataDirectoryExists);
        return config;
    }

    @Test
    void nothing_is_written_until_there_is_a_change_to_keep() {
        DefaultConfig config = start("1", false);
        assertThat(store.opened).isZero();

        var unused = config.override(java.util.Map.of("k", "2"));

        assertThat(store.opened).isEqualTo(1);
        assertThat(store.get("config", "history")).isPresent();
    }

    @Test
    void a_rollback_in_force_survives_a_restart_and_the_numbering_continues() {
        DefaultConfig first = start("1", false);
        var unused = first.override(java.util.Map.of("k", "2"));
        var unused2 = first.rollback(1);
        assertThat(first.get("k", String.class)).isEqualTo("1");
        assertThat(first.snapshot().version()).isEqualTo(3);

        // the process restarts; the file now says 5, but the rollback to version 1 is still in force
        DefaultConfig second = start("5", true);

        assertThat(second.get("k", String.class)).isEqualTo("1");
        assertThat(second.history()).extracting(ConfigVersion::version).startsWith(1L, 2L, 3L);
        assertThat(second.snapshot().version()).isGreaterThan(3);

        var unused3 = second.clearRollback();
        assertThat(second.get("k", String.class)).isEqualTo("5");
    }

    @Test
    void an_unchanged_restart_keeps_the_last_version_number() {
        DefaultConfig first = start("1", false);
        var unused = first.override(java.util.Map.of("k", "2"));
        var unused2 = first.clearOverrides();
        long last = first.snapshot().version();

        DefaultConfig second = start("1", true);

        assertThat(second.snapshot().version()).isEqualTo(last);
        assertThat(second.history()).hasSize((int) last);
    }

    @Test
    void the_stored_history_holds_encrypted_values_only_in_their_encrypted_form() {
        DefaultConfig config = start("1", false);
        var unused = config.override(java.util.Map.of("k", "2"));

        String stored = new String(store.get("config", "history").orElseThrow().value(), StandardCharsets.UTF_8);
        assertThat(stored).contains("ENC(hidden-value)").doesNotContain("\"hidden-value\"");
    }
}
