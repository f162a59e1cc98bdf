package dev.armature.monitoring.internal.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.AgentSystem;
import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigSnapshot;
import dev.armature.api.monitoring.LabelMatcher;
import dev.armature.monitoring.NotificationRoute;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys of armature.notifications read through a real system's configuration and schema. */
class NotificationConfigTest {
    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dataDirectory;

    private ConfigSnapshot config(Map<String, String> keys) {
        try (AgentSystem system = AgentSystem.builder()
                .environment(Map.of())
                .systemProperties(keys)
                .dataDirectory(dataDirectory)
                .build()) {
            return system.config().snapshot();
        }
    }

    @Test
    void reads_timings_routes_in_order_and_inhibition_rules() {
        Map<String, String> keys = new HashMap<>();
        keys.put("armature.notifications.group-wait", "10s");
        keys.put("armature.notifications.cooldowns.heap", "30m");
        keys.put("armature.notifications.routes.zz.matchers", "severity=critical");
        keys.put("armature.notifications.routes.zz.channels", "log");
        keys.put("armature.notifications.routes.zz.order", "-1");
        keys.put("armature.notifications.routes.db.matchers[0]", "team=~db|storage");
        keys.put("armature.notifications.routes.db.channels", "log");
        keys.put("armature.notifications.routes.db.repeat-interval", "1h");
        keys.put("armature.notifications.routes.db.continue", "true");
        keys.put("armature.notifications.inhibit.down.source", "alertname=component-down");
        keys.put("armature.notifications.inhibit.down.target", "alertname!=component-down");
        keys.put("armature.notifications.inhibit.down.equal", "component");
        RouterSettings s = NotificationConfig.read(config(keys));

        assertThat(s.groupWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.groupInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.repeatInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(s.cooldown("heap")).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.cooldown("disk")).isZero();
        assertThat(s.routes()).extracting(NotificationRoute::name).containsExactly("zz", "db");
        NotificationRoute db = s.routes().get(1);
        assertThat(db.matchers()).containsExactly(LabelMatcher.parse("team=~db|storage"));
        assertThat(db.repeatInterval()).contains(Duration.ofHours(1));
        assertThat(db.groupWait()).isEqualTo(Optional.empty());
        assertThat(db.continueMatching()).isTrue();
        assertThat(s.inhibitRules()).singleElement().satisfies(r -> assertThat(r.equal())
                .containsExactly("component"));
        assertThat(s.defaultChannels()).containsExactly("log");
    }

    @Test
    void a_bad_matcher_is_refused_naming_its_key() {
        ConfigSnapshot c = config(Map.of(
                "armature.notifications.routes.db.matchers", "team",
                "armature.notifications.routes.db.channels", "log"));
        assertThatThrownBy(() -> NotificationConfig.read(c))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("armature.notifications.routes.db.matchers")
                .hasMessageContaining("no operator");
    }

    @Test
    void a_misspelt_key_is_refused_when_the_system_is_built() {
        assertThatThrownBy(() -> config(Map.of("armature.notifications.group-wiat", "10s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("armature.notifications.group-wiat");
    }

    @Test
    void a_zero_group_interval_is_refused_naming_its_key() {
        ConfigSnapshot c = config(Map.of("armature.notifications.group-interval", "0s"));
        assertThatThrownBy(() -> NotificationConfig.read(c))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("armature.notifications.group-interval must be positive");
    }
}
