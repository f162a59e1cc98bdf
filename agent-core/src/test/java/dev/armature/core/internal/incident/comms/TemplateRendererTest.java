package dev.armature.core.internal.incident.comms;

import static dev.armature.core.internal.incident.comms.TestIncidents.OPENED;
import static dev.armature.core.internal.incident.comms.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.armature.api.incident.Audience;
import dev.armature.api.incident.Communication;
import dev.armature.api.incident.CommunicationTemplate;
import dev.armature.api.incident.Severity;
import dev.armature.api.incident.TemplateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {
    private static final Instant NOW = OPENED.plus(Duration.ofMinutes(83).plusSeconds(5));
    private static final Map<String, String> ALL = Map.of(
            "impact", "Chat answers fail for about 5% of users",
            "status", "Investigating",
            "next-update", "11:30 UTC");

    private static CommunicationTemplate builtIn(String name) {
        return CommunicationSettings.defaults().template(name).orElseThrow();
    }

    @Test
    void the_internal_template_shows_every_field_of_the_incident() {
        Communication c =
                TemplateRenderer.render(builtIn(BuiltInTemplates.INTERNAL), incident(Severity.SEV2), ALL, NOW);

        assertThat(c.subject()).isEqualTo("[SEV2/P2] INC-7 ACKNOWLEDGED: Error rate of model-gateway above 5%");
        assertThat(c.body())
                .isEqualTo(
                        """
                        Status: Investigating
                        Impact: Chat answers fail for about 5% of users
                        Next update: 11:30 UTC
                        Key: alert:error-rate{component=model-gateway}
                        Open since 2026-11-20T10:00:00Z (1h 23m 5s)""");
        assertThat(c.audience()).isEqualTo(Audience.INTERNAL);
        assertThat(c.template()).isEqualTo("internal");
        assertThat(c.incidentId()).isEqualTo("INC-7");
        assertThat(c.severity()).isEqualTo(Severity.SEV2);
        assertThat(c.at()).isEqualTo(NOW);
    }

    @Test
    void the_status_page_template_shows_no_key_title_or_priority() {
        Communication c =
                TemplateRenderer.render(builtIn(BuiltInTemplates.STATUS_PAGE), incident(Severity.SEV2), ALL, NOW);

        assertThat(c.subject()).isEqualTo("SEV2 incident INC-7: ACKNOWLEDGED");
        assertThat(c.body())
                .isEqualTo(
                        """
                        Investigating
                        Impact: Chat answers fail for about 5% of users
                        Next update: 11:30 UTC""");
        assertThat(c.subject() + c.body()).doesNotContain("error-rate", "model-gateway", "P2");
    }

    @Test
    void a_missing_required_field_is_refused_with_the_template_severity_and_fields_named() {
        assertThatThrownBy(() -> TemplateRenderer.render(
                        builtIn(BuiltInTemplates.INTERNAL), incident(Severity.SEV1), Map.of("status", "Looking"), NOW))
                .asInstanceOf(type(TemplateException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(TemplateException.Kind.MISSING_FIELDS);
                    assertThat(e.template()).isEqualTo("internal");
                    assertThat(e.severity()).contains(Severity.SEV1);
                    assertThat(e.fields()).containsExactly("impact", "next-update");
                    assertThat(e.code()).isEqualTo("armature.incident.template.missing-fields");
                    assertThat(e.getMessage())
                            .contains("'internal'", "[impact, next-update]", "SEV1", "INC-7")
                            .contains("armature.incidents.communication.templates.internal.required.sev1");
                });
    }

    @Test
    void a_blank_value_counts_as_missing() {
        assertThatThrownBy(() -> TemplateRenderer.render(
                        builtIn(BuiltInTemplates.INTERNAL),
                        incident(Severity.SEV3),
                        Map.of("impact", "  ", "status", "Looking", "next-update", "\t"),
                        NOW))
                .asInstanceOf(type(TemplateException.class))
                .extracting(TemplateException::fields)
                .isEqualTo(java.util.List.of("impact", "next-update"));
    }

    @Test
    void each_severity_requires_its_own_fields() {
        // SEV4 and SEV5 require only the status: the impact and next-update sections are left out.
        for (Severity s : new Severity[] {Severity.SEV4, Severity.SEV5}) {
            Communication c = TemplateRenderer.render(
                    builtIn(BuiltInTemplates.STATUS_PAGE), incident(s), Map.of("status", "Fixed"), NOW);
            assertThat(c.body()).isEqualTo("Fixed");
        }
        for (Severity s : new Severity[] {Severity.SEV1, Severity.SEV2, Severity.SEV3}) {
            assertThatThrownBy(() -> TemplateRenderer.render(
                            builtIn(BuiltInTemplates.STATUS_PAGE), incident(s), Map.of("status", "Fixed"), NOW))
                    .isInstanceOf(TemplateException.class)
                    .hasMessageContaining(s.name());
        }
    }

    @Test
    void a_field_nobody_gives_is_refused() {
        var t = new CommunicationTemplate("custom", Audience.INTERNAL, "{{title}}\n{{root-cause}}", Map.of());

        assertThatThrownBy(() -> TemplateRenderer.render(t, incident(Severity.SEV3), Map.of(), NOW))
                .asInstanceOf(type(TemplateException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(TemplateException.Kind.UNKNOWN_FIELDS);
                    assertThat(e.fields()).containsExactly("root-cause");
                    assertThat(e.getMessage()).contains("[root-cause]", "'custom'");
                });
        assertThat(TemplateRenderer.render(t, incident(Severity.SEV3), Map.of("root-cause", "a bad deploy"), NOW)
                        .body())
                .isEqualTo("a bad deploy");
    }

    @Test
    void a_field_declared_for_another_severity_is_empty_where_it_is_not_required() {
        var t = new CommunicationTemplate(
                "custom",
                Audience.INTERNAL,
                "{{title}}\n{{#eta}}ETA {{eta}}{{/eta}}{{^eta}}no ETA{{/eta}}",
                Map.of(Severity.SEV1, Set.of("eta")));

        assertThat(TemplateRenderer.render(t, incident(Severity.SEV4), Map.of(), NOW)
                        .body())
                .isEqualTo("no ETA");
        assertThat(TemplateRenderer.render(t, incident(Severity.SEV1), Map.of("eta", "noon"), NOW)
                        .body())
                .isEqualTo("ETA noon");
    }

    @Test
    void a_status_page_template_cannot_name_the_key_or_the_title() {
        var t = new CommunicationTemplate("public", Audience.STATUS_PAGE, "{{title}}\n{{key}}", Map.of());

        assertThatThrownBy(() -> TemplateRenderer.render(t, incident(Severity.SEV3), Map.of(), NOW))
                .asInstanceOf(type(TemplateException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(TemplateException.Kind.UNKNOWN_FIELDS);
                    assertThat(e.fields()).containsExactly("key", "title");
                    assertThat(e.getMessage()).contains("a status page never sees them");
                });
    }

    @Test
    void a_status_page_value_that_repeats_the_key_is_refused() {
        Map<String, String> fields =
                Map.of("impact", "Model-Gateway is down", "status", "Investigating", "next-update", "11:30 UTC");

        assertThatThrownBy(() -> TemplateRenderer.render(
                        builtIn(BuiltInTemplates.STATUS_PAGE), incident(Severity.SEV2), fields, NOW))
                .asInstanceOf(type(TemplateException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(TemplateException.Kind.INTERNAL_DETAIL);
                    assertThat(e.fields()).containsExactly("impact");
                });
        // The same words are fine for responders.
        assertThat(TemplateRenderer.render(builtIn(BuiltInTemplates.INTERNAL), incident(Severity.SEV2), fields, NOW)
                        .body())
                .contains("Model-Gateway is down");
    }

    @Test
    void a_rendered_value_is_never_read_as_template_text() {
        Map<String, String> fields = Map.of(
                "impact", "{{key}} {{#title}}x{{/title}} <b>", "status", "{{{id}}}", "next-update", "{{> partial}}");

        Communication c =
                TemplateRenderer.render(builtIn(BuiltInTemplates.INTERNAL), incident(Severity.SEV2), fields, NOW);

        assertThat(c.body())
                .contains("Status: {{{id}}}")
                .contains("Impact: {{key}} {{#title}}x{{/title}} <b>")
                .contains("Next update: {{> partial}}");
    }

    @Test
    void the_incidents_own_fields_win_over_given_ones() {
        var t = new CommunicationTemplate("custom", Audience.INTERNAL, "{{severity}} {{id}}", Map.of());

        assertThat(TemplateRenderer.render(t, incident(Severity.SEV3), Map.of("severity", "SEV5", "id", "x"), NOW)
                        .subject())
                .isEqualTo("SEV3 INC-7");
    }

    @Test
    void invalid_text_is_refused_as_such() {
        for (String text : new String[] {
            "{{}}", "{{#impact}}never closed", "{{> header}}\nbody", "{{title.length}}", "{{.}}", "{{Impact}}", "{{/x}}"
        }) {
            var t = new CommunicationTemplate("bad", Audience.INTERNAL, text, Map.of());
            assertThatThrownBy(() -> TemplateRenderer.check(t))
                    .as(text)
                    .asInstanceOf(type(TemplateException.class))
                    .satisfies(e -> {
                        assertThat(e.kind()).isEqualTo(TemplateException.Kind.INVALID_TEXT);
                        assertThat(e.severity()).isEmpty();
                        assertThat(e.getMessage()).contains("'bad'", "templates.bad.text");
                    });
        }
    }

    @Test
    void an_empty_subject_line_is_refused() {
        var t = new CommunicationTemplate(
                "custom", Audience.INTERNAL, "{{#eta}}{{eta}}{{/eta}}\n  \n", Map.of(Severity.SEV1, Set.of("eta")));

        assertThatThrownBy(() -> TemplateRenderer.render(t, incident(Severity.SEV5), Map.of(), NOW))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("empty subject");
    }

    @Test
    void check_returns_the_fields_the_text_names() {
        assertThat(TemplateRenderer.check(builtIn(BuiltInTemplates.STATUS_PAGE)))
                .containsExactly("id", "impact", "next-update", "severity", "state", "status");
    }
}
