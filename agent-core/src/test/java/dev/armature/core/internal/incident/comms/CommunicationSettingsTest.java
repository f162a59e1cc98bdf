package dev.armature.core.internal.incident.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.armature.api.AgentSystem;
import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigValidationException;
import dev.armature.api.incident.Audience;
import dev.armature.api.incident.CommunicationTemplate;
import dev.armature.api.incident.Severity;
import dev.armature.api.incident.TemplateException;
import dev.armature.core.internal.config.source.MapConfigSource;
import dev.armature.core.time.ManualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The templates and cadence as a system's configuration gives them, through the schema. */
class CommunicationSettingsTest {
    private static final String T = "armature.incidents.communication.templates.";
    private static final String C = "armature.incidents.communication.cadence.";

    @SuppressWarnings("NullAway.Init") // set by JUnit before each test
    @TempDir
    Path dir;

    private <R> R withConfig(Map<String, String> values, Function<dev.armature.api.config.ConfigSnapshot, R> read) {
        try (AgentSystem system = AgentSystem.builder()
                .name("comms")
                .timeSource(ManualTime.create())
                .pluginDiscovery(false)
                .environment(Map.of())
                .systemProperties(Map.of())
                .dataDirectory(dir.resolve("data"))
                .addConfigSchema(CommunicationSchema.schema("test"))
                .addConfigSource(new MapConfigSource("test", 100, values))
                .build()) {
            return read.apply(system.config().snapshot());
        }
    }

    private CommunicationSettings read(Map<String, String> values) {
        return withConfig(values, CommunicationSettings::read);
    }

    @Test
    void without_configuration_the_built_in_templates_and_default_cadence_hold() {
        CommunicationSettings s = read(Map.of());

        assertThat(s).isEqualTo(CommunicationSettings.defaults());
        assertThat(s.templates()).containsOnlyKeys("internal", "status-page");
        assertThat(s.template("status-page").orElseThrow().audience()).isEqualTo(Audience.STATUS_PAGE);
        assertThat(s.template("internal").orElseThrow().requiredAt(Severity.SEV2))
                .containsExactly("impact", "next-update", "status");
        assertThat(s.template("internal").orElseThrow().requiredAt(Severity.SEV5))
                .containsExactly("status");
        assertThat(s.cadence().interval(Severity.SEV1)).contains(Duration.ofMinutes(30));
        assertThat(s.cadence().interval(Severity.SEV2)).contains(Duration.ofMinutes(60));
        assertThat(s.cadence().interval(Severity.SEV3)).isEmpty();
    }

    @Test
    void configuration_overrides_a_built_in_template_and_adds_new_ones() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(T + "status-page.text", "{{state}}\n{{status}}");
        v.put(T + "status-page.required.sev1", "status");
        v.put(T + "exec.audience", "internal");
        v.put(T + "exec.text", "{{title}}\n{{summary}}");
        v.put(T + "exec.required.sev2", "summary, status");
        v.put(T + "exec.required.sev5", "");

        CommunicationSettings s = read(v);

        CommunicationTemplate page = s.template("status-page").orElseThrow();
        assertThat(page.text()).isEqualTo("{{state}}\n{{status}}");
        assertThat(page.audience()).isEqualTo(Audience.STATUS_PAGE);
        assertThat(page.requiredAt(Severity.SEV1)).containsExactly("status");
        assertThat(page.requiredAt(Severity.SEV2)).containsExactly("impact", "next-update", "status");
        CommunicationTemplate exec = s.template("exec").orElseThrow();
        assertThat(exec.audience()).isEqualTo(Audience.INTERNAL);
        assertThat(exec.requiredAt(Severity.SEV2)).containsExactly("status", "summary");
        assertThat(exec.requiredAt(Severity.SEV5)).isEmpty();
        assertThat(exec.requiredAt(Severity.SEV1)).containsExactly("impact", "next-update", "status");
        assertThat(s.templates().keySet()).containsExactly("internal", "status-page", "exec");
    }

    @Test
    void the_cadence_is_configurable_per_severity_and_0s_switches_it_off() {
        CommunicationSettings s = read(Map.of(C + "sev1", "10m", C + "sev2", "0s", C + "sev4", "1d"));

        assertThat(s.cadence().interval(Severity.SEV1)).contains(Duration.ofMinutes(10));
        assertThat(s.cadence().interval(Severity.SEV2)).isEmpty();
        assertThat(s.cadence().interval(Severity.SEV4)).contains(Duration.ofDays(1));
    }

    @Test
    void a_new_template_without_text_is_a_config_error_naming_the_key() {
        assertThatThrownBy(() -> read(Map.of(T + "exec.audience", "status-page")))
                .asInstanceOf(type(ConfigException.class))
                .satisfies(e -> {
                    assertThat(e.key()).contains(T + "exec.text");
                    assertThat(e.code()).isEqualTo("armature.incidents.invalid");
                    assertThat(e.getMessage()).contains("'exec'", "has no text");
                });
    }

    @Test
    void invalid_template_text_is_a_config_error_naming_the_key() {
        assertThatThrownBy(() -> read(Map.of(T + "internal.text", "{{#impact}}open")))
                .asInstanceOf(type(ConfigException.class))
                .satisfies(e -> {
                    assertThat(e.key()).contains(T + "internal.text");
                    assertThat(e.getCause()).isInstanceOf(TemplateException.class);
                });
    }

    @Test
    void a_malformed_field_or_template_name_is_a_config_error_naming_the_key() {
        assertThatThrownBy(() -> read(Map.of(T + "internal.required.sev3", "impact, Next_Update")))
                .asInstanceOf(type(ConfigException.class))
                .satisfies(e -> {
                    assertThat(e.key()).contains(T + "internal.required.sev3");
                    assertThat(e.getMessage()).contains("'Next_Update'");
                });
        assertThatThrownBy(() -> read(Map.of(T + "Exec.text", "x")))
                .asInstanceOf(type(ConfigException.class))
                .satisfies(e -> assertThat(e.key()).contains(T + "Exec.text"));
    }

    @Test
    void the_schema_refuses_an_unknown_key_and_a_wrong_audience() {
        assertThatThrownBy(() -> read(Map.of(T + "internal.required.sev9", "x")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("required.sev9");
        assertThatThrownBy(() -> read(Map.of(T + "internal.audience", "everyone")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("audience");
        assertThatThrownBy(() -> read(Map.of(C + "sev1", "-5m")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("cadence.sev1");
    }

    @Test
    void a_configured_template_renders() {
        CommunicationSettings s = read(Map.of(T + "exec.text", "{{title}}\n{{summary}}"));
        CommunicationTemplate exec = s.template("exec").orElseThrow();

        var c = TemplateRenderer.render(
                exec,
                TestIncidents.incident(Severity.SEV4),
                Map.of("summary", "ok", "status", "done"),
                TestIncidents.OPENED);

        assertThat(c.body()).isEqualTo("ok");
        assertThat(exec.declaredFields()).isEqualTo(Set.of("impact", "status", "next-update"));
    }
}
