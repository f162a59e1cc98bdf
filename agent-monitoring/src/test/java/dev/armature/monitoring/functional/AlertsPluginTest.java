package dev.armature.monitoring.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentFailure;
import dev.armature.api.StartupException;
import dev.armature.api.config.ConfigException;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.api.monitoring.Alert;
import dev.armature.api.monitoring.AlertCondition;
import dev.armature.api.monitoring.AlertEvent;
import dev.armature.api.monitoring.AlertRule;
import dev.armature.api.monitoring.AlertSeverity;
import dev.armature.api.monitoring.AlertState;
import dev.armature.api.monitoring.Alerts;
import dev.armature.api.monitoring.Comparison;
import dev.armature.api.monitoring.MeterQuery;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;
import dev.armature.spi.monitoring.AlertRuleSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert engine in a real system on ManualTime: rules from code and config, events, persistence. */
class AlertsPluginTest {
    private static final Duration TICK = Duration.ofSeconds(15);

    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dataDirectory;

    /** Strongly held: Micrometer's gauges keep only a weak reference. */
    private final AtomicInteger depth = new AtomicInteger();

    private final BlockingQueue<AlertEvent> events = new LinkedBlockingQueue<>();

    /** Contributes rules from code, as a host's or another module's plugin does. */
    private record RulesPlugin(List<AlertRule> rules) implements Plugin {
        @Override
        public String id() {
            return "test-rules";
        }

        @Override
        public String supportedApiVersions() {
            return "[0.1,1)";
        }

        @Override
        public void contribute(PluginContext context) {
            context.contribute(AlertRuleSource.class, this::rules);
        }
    }

    private static AlertRule queueRule() {
        MeterQuery depth = MeterQuery.of("queue.depth", Map.of("queue", "jobs"));
        return AlertRule.builder("queue-backlog", new AlertCondition.Threshold(depth, Comparison.ABOVE, 100))
                .resolveCondition(new AlertCondition.Threshold(depth, Comparison.BELOW, 50))
                .forDuration(Duration.ofSeconds(30))
                .severity(AlertSeverity.CRITICAL)
                .addLabel("team", "platform")
                .addAnnotation("summary", "${value} jobs waiting (team ${labels.team}, rule ${rule})")
                .runbook(URI.create("https://runbooks.example.com/queue"))
                .build();
    }

    private AgentSystem start(ManualTime time, Map<String, String> config, AlertRule... rules) {
        AgentSystem system = AgentSystem.builder()
                .timeSource(time)
                .environment(Map.of())
                .systemProperties(config)
                .dataDirectory(dataDirectory)
                .plugin(new RulesPlugin(List.of(rules)))
                .build();
        system.events().subscribe(AlertEvent.class, SubscribeOptions.defaults(), e -> events.add(e.payload()));
        system.service(MeterRegistry.class)
                .gauge("queue.depth", List.of(io.micrometer.core.instrument.Tag.of("queue", "jobs")), depth);
        system.start();
        return system;
    }

    private AlertEvent next() throws InterruptedException {
        @Nullable AlertEvent e = events.poll(10, TimeUnit.SECONDS);
        assertThat(e).as("an alert event").isNotNull();
        return e;
    }

    /** Advances by ticks, each one evaluation. */
    private static void ticks(ManualTime time, int n) {
        for (int i = 0; i < n; i++) {
            time.advance(TICK);
        }
    }

    @Test
    void a_rule_fires_with_its_annotation_rendered_and_resolves_below_its_resolve_threshold() throws Exception {
        ManualTime time = ManualTime.create();
        try (AgentSystem system = start(time, Map.of(), queueRule())) {
            Alerts alerts = system.service(Alerts.class);
            depth.set(120);
            ticks(time, 1);
            assertThat(next()).isInstanceOf(AlertEvent.AlertPending.class);
            ticks(time, 2); // 30 s after it began to hold
            AlertEvent.AlertFired fired = (AlertEvent.AlertFired) next();
            assertThat(fired.rule()).isEqualTo("queue-backlog");
            assertThat(fired.severity()).isEqualTo(AlertSeverity.CRITICAL);
            assertThat(fired.labels()).containsEntry("team", "platform");
            assertThat(fired.annotations())
                    .containsEntry("summary", "120 jobs waiting (team platform, rule queue-backlog)")
                    .containsEntry("runbook", "https://runbooks.example.com/queue");
            assertThat(fired.firedAt()).isEqualTo(time.now());
            assertThat(alerts.active()).extracting(Alert::state).containsExactly(AlertState.FIRING);

            depth.set(70); // between the thresholds: hysteresis keeps it firing
            ticks(time, 4);
            assertThat(alerts.active()).extracting(Alert::state).containsExactly(AlertState.FIRING);
            depth.set(40);
            ticks(time, 1);
            AlertEvent.AlertResolved resolved = (AlertEvent.AlertResolved) next();
            assertThat(resolved.firedAt()).isEqualTo(fired.firedAt());
            assertThat(resolved.value()).isEqualTo(40);
            assertThat(alerts.active()).isEmpty();
        }
        assertThat(events).isEmpty();
    }

    @Test
    void a_firing_alert_is_still_firing_after_a_restart_and_resolves_once() throws Exception {
        ManualTime first = ManualTime.create();
        Alert before;
        try (AgentSystem system = start(first, Map.of(), queueRule())) {
            depth.set(150);
            ticks(first, 3);
            assertThat(next()).isInstanceOf(AlertEvent.AlertPending.class);
            assertThat(next()).isInstanceOf(AlertEvent.AlertFired.class);
            before = system.service(Alerts.class).active().get(0);
        }
        ManualTime second = ManualTime.startingAt(first.now().plus(Duration.ofMinutes(5)));
        try (AgentSystem system = start(second, Map.of(), queueRule())) {
            Alerts alerts = system.service(Alerts.class);
            assertThat(alerts.active()).containsExactly(before); // restored before the first evaluation
            ticks(second, 10); // still breaching: no second AlertFired
            assertThat(alerts.active()).extracting(Alert::state).containsExactly(AlertState.FIRING);
            depth.set(10);
            ticks(second, 1);
            AlertEvent.AlertResolved resolved = (AlertEvent.AlertResolved) next();
            assertThat(resolved.firedAt()).isEqualTo(before.firedAt().orElseThrow());
            assertThat(resolved.resolvedAt()).isEqualTo(second.now());
        }
        assertThat(events).isEmpty();
    }

    @Test
    void a_rule_from_configuration_fires_and_resolves() throws Exception {
        ManualTime time = ManualTime.create();
        Map<String, String> config = Map.of(
                "armature.alerts.interval", "15s",
                "armature.alerts.rules.backlog.type", "threshold",
                "armature.alerts.rules.backlog.meter", "queue.depth",
                "armature.alerts.rules.backlog.tags.queue", "jobs",
                "armature.alerts.rules.backlog.comparison", "at-or-above",
                "armature.alerts.rules.backlog.threshold", "100",
                "armature.alerts.rules.backlog.debounce.hits", "2",
                "armature.alerts.rules.backlog.debounce.window", "3",
                "armature.alerts.rules.backlog.labels.queue", "jobs",
                "armature.alerts.rules.backlog.annotations.summary", "queue $${labels.queue} at $${value}");
        try (AgentSystem system = start(time, config)) {
            depth.set(100);
            ticks(time, 1);
            assertThat(events).isEmpty(); // 1 of 3: the debounce needs 2
            ticks(time, 1);
            AlertEvent.AlertFired fired = (AlertEvent.AlertFired) next();
            assertThat(fired.severity()).isEqualTo(AlertRule.DEFAULT_SEVERITY);
            assertThat(fired.annotations()).containsEntry("summary", "queue jobs at 100");
            depth.set(3);
            ticks(time, 1);
            assertThat(next()).isInstanceOf(AlertEvent.AlertResolved.class);
            assertThat(system.service(Alerts.class).active()).isEmpty();
        }
    }

    @Test
    void every_config_type_parses_and_an_absent_heartbeat_fires() throws Exception {
        ManualTime time = ManualTime.create();
        String r = "armature.alerts.rules.";
        Map<String, String> config = pairs(
                r + "heartbeat.type", "absence",
                r + "heartbeat.meter", "worker.heartbeat",
                r + "heartbeat.severity", "critical",
                r + "growth.type", "rate",
                r + "growth.meter", "queue.depth",
                r + "growth.per", "1m",
                r + "growth.comparison", "above",
                r + "growth.threshold", "1000",
                r + "errors.type", "ratio",
                r + "errors.meter", "calls.failed",
                r + "errors.denominator.meter", "calls",
                r + "errors.comparison", "above",
                r + "errors.threshold", "0.05",
                r + "errors.resolve.comparison", "below",
                r + "errors.resolve.threshold", "0.01",
                r + "fill.type", "prediction",
                r + "fill.meter", "queue.depth",
                r + "fill.lookback", "5m",
                r + "fill.horizon", "30m",
                r + "fill.comparison", "above",
                r + "fill.threshold", "10000",
                r + "slo.type", "burn-rate",
                r + "slo.meter", "calls.failed",
                r + "slo.denominator.meter", "calls",
                r + "slo.objective", "0.999",
                r + "slo.long-window", "1h",
                r + "slo.short-window", "5m",
                r + "slo.factor", "14.4");
        try (AgentSystem system = start(time, config)) {
            ticks(time, 1);
            AlertEvent.AlertFired fired = (AlertEvent.AlertFired) next();
            assertThat(fired.rule()).isEqualTo("heartbeat");
            assertThat(fired.severity()).isEqualTo(AlertSeverity.CRITICAL);
            ticks(time, 3); // the queue is empty and steady, the calls absent: nothing else fires
            assertThat(system.service(Alerts.class).active())
                    .extracting(Alert::rule)
                    .containsExactly("heartbeat");
        }
        assertThat(events).isEmpty();
    }

    @Test
    void a_misspelt_key_is_refused_when_the_system_is_built() {
        assertThatThrownBy(() -> AgentSystem.builder()
                        .environment(Map.of())
                        .systemProperties(Map.of("armature.alerts.rules.backlog.threshhold", "5"))
                        .dataDirectory(dataDirectory)
                        .build()
                        .close())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("armature.alerts.rules.backlog.threshhold");
    }

    @Test
    void a_config_rule_missing_a_key_fails_the_start_naming_the_key() {
        ManualTime time = ManualTime.create();
        Map<String, String> config = Map.of(
                "armature.alerts.rules.backlog.type", "ratio",
                "armature.alerts.rules.backlog.meter", "errors",
                "armature.alerts.rules.backlog.comparison", "above",
                "armature.alerts.rules.backlog.threshold", "0.1");
        assertThatThrownBy(() -> start(time, config).close())
                .isInstanceOf(StartupException.class)
                .satisfies(
                        e -> assertThat(configFailure(e))
                                .contains(
                                        "alert rule 'backlog' of type ratio needs armature.alerts.rules.backlog.denominator.meter"));
    }

    @Test
    void a_config_rule_with_a_bad_value_fails_naming_the_rule() {
        ManualTime time = ManualTime.create();
        Map<String, String> config = Map.of(
                "armature.alerts.rules.slo.type", "burn-rate",
                "armature.alerts.rules.slo.meter", "requests.failed",
                "armature.alerts.rules.slo.denominator.meter", "requests",
                "armature.alerts.rules.slo.objective", "99.9",
                "armature.alerts.rules.slo.long-window", "1h",
                "armature.alerts.rules.slo.short-window", "5m",
                "armature.alerts.rules.slo.factor", "14.4");
        assertThatThrownBy(() -> start(time, config).close())
                .isInstanceOf(StartupException.class)
                .satisfies(e -> assertThat(configFailure(e))
                        .contains("alert rule 'slo' under armature.alerts.rules.slo is invalid")
                        .contains("objective")
                        .contains("99.9"));
    }

    @Test
    void a_rule_name_given_twice_is_refused() {
        ManualTime time = ManualTime.create();
        Map<String, String> config = Map.of(
                "armature.alerts.rules.queue-backlog.type", "absence",
                "armature.alerts.rules.queue-backlog.meter", "queue.depth");
        assertThatThrownBy(() -> start(time, config, queueRule()).close())
                .isInstanceOf(StartupException.class)
                .satisfies(e -> assertThat(configFailure(e))
                        .contains("two alert rules are named 'queue-backlog'")
                        .contains("configuration"));
    }

    private static Map<String, String> pairs(String... keysAndValues) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The message of the alert engine's failure to start, which must be a ConfigException. */
    private static String configFailure(Throwable e) {
        List<ComponentFailure> failures = ((StartupException) e).failures();
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).component()).isEqualTo("armature.alerts");
        assertThat(failures.get(0).failure().type()).isEqualTo(ConfigException.class.getName());
        return failures.get(0).failure().message();
    }
}
