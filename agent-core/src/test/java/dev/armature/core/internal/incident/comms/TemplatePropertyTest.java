package dev.armature.core.internal.incident.comms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.incident.Audience;
import dev.armature.api.incident.Communication;
import dev.armature.api.incident.CommunicationTemplate;
import dev.armature.api.incident.Severity;
import dev.armature.api.incident.TemplateException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever fields a caller gives and whatever a template's text is, rendering gives a communication or
 * a {@link TemplateException}, never another exception; and a value is inserted as it is.
 */
class TemplatePropertyTest {
    private static final Instant NOW = TestIncidents.OPENED.plusSeconds(600);

    @Property
    void any_fields_render_or_are_refused_with_a_template_exception(
            @ForAll("fields") Map<String, String> fields,
            @ForAll Severity severity,
            @ForAll Audience audience,
            @ForAll("texts") String text) {
        var template = new CommunicationTemplate(
                "any", audience, text, Map.of(Severity.SEV1, Set.of("impact", "status"), Severity.SEV4, Set.of("x")));
        try {
            Communication c = TemplateRenderer.render(template, TestIncidents.incident(severity), fields, NOW);
            assertThat(c.subject()).isNotBlank();
        } catch (TemplateException refused) {
            assertThat(refused.getMessage()).contains("'any'");
        }
    }

    @Property
    void a_value_is_inserted_as_it_is_and_never_expanded(@ForAll("values") String value) {
        var template = new CommunicationTemplate("echo", Audience.INTERNAL, "{{id}}\n<{{status}}>", Map.of());

        Communication c =
                TemplateRenderer.render(template, TestIncidents.incident(Severity.SEV3), Map.of("status", value), NOW);

        assertThat(c.body()).isEqualTo("<" + value + ">");
    }

    @Provide
    Arbitrary<Map<String, String>> fields() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of("impact", "status", "next-update", "x", "title", "key", "id", "severity"),
                Arbitraries.strings().ofMaxLength(8));
        return Arbitraries.maps(names, values()).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.of(
                        "", " ", "{{key}}", "{{#x}}", "{{/x}}", "{{> p}}", "model-gateway", "error-rate", "{{{id}}}"),
                Arbitraries.strings().withChars("{}#^/>!&. abc").ofMaxLength(12));
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> tokens = Arbitraries.of(
                "{{id}}",
                "{{title}}",
                "{{key}}",
                "{{impact}}",
                "{{status}}",
                "{{x}}",
                "{{unknown}}",
                "{{#impact}}",
                "{{/impact}}",
                "{{^status}}",
                "{{/status}}",
                "{{> p}}",
                "{{.}}",
                "{{!c}}",
                "{{{severity}}}",
                "{{&state}}",
                "{{",
                "}}",
                "\n",
                "text ",
                "{{=<% %>=}}",
                "{{duration}}");
        return tokens.list()
                .ofMinSize(1)
                .ofMaxSize(8)
                .map(l -> String.join("", l))
                .filter(t -> !t.isBlank());
    }

    @Property(tries = 50)
    void the_built_in_templates_render_whenever_the_required_fields_are_given(
            @ForAll Severity severity, @ForAll("builtIn") CommunicationTemplate template) {
        Map<String, String> fields = Map.of("impact", "slow answers", "status", "looking", "next-update", "soon");

        Communication c = TemplateRenderer.render(template, TestIncidents.incident(severity), fields, NOW);

        assertThat(c.body()).contains("looking");
    }

    @Provide
    Arbitrary<CommunicationTemplate> builtIn() {
        return Arbitraries.of(
                List.copyOf(CommunicationSettings.defaults().templates().values()));
    }
}
