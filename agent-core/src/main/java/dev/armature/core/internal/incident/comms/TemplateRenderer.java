package dev.armature.core.internal.incident.comms;

import static java.util.Objects.requireNonNull;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.armature.api.incident.Audience;
import dev.armature.api.incident.Communication;
import dev.armature.api.incident.CommunicationTemplate;
import dev.armature.api.incident.Incident;
import dev.armature.api.incident.IncidentKey;
import dev.armature.api.incident.Severity;
import dev.armature.api.incident.TemplateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Internal: renders communication templates. A template names fields with {@code {{field}}} and shows
 * text only when a field has a value with {@code {{#field}}…{{/field}}} ({@code {{^field}}…{{/field}}}
 * when it has none); values are inserted as they are, never HTML-escaped and never read as template
 * text again. Partials, parents, blocks and dotted names are refused: a template is one text.
 *
 * <p>Rendering refuses, with a {@link TemplateException}: a field required at the incident's severity
 * that the caller left out or blank; a field the text names that is neither the incident's (see
 * {@link IncidentFields}), given by the caller, nor declared by the template (a field some severity
 * requires: at a severity that does not require it, it is empty); for a status page, a given value
 * that repeats the incident's key, its name or a label value; and text that renders an empty subject.
 * The incident's fields win over given ones of the same name, so a caller cannot restate the
 * severity. Stateless and thread-safe.
 */
public final class TemplateRenderer {
    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9-]*");

    // BasicCollector reads maps and lists only, never a value's methods through reflection; a missing
    // name is an error (no default value), and a section over a missing name is one too.
    private static final Mustache.Compiler COMPILER = Mustache.compiler()
            .escapeHTML(false)
            .emptyStringIsFalse(true)
            .strictSections(true)
            .withCollector(new BasicCollector() {
                @Override
                public <K, V> Map<K, V> createFetcherCache() {
                    return new ConcurrentHashMap<>();
                }
            });

    private TemplateRenderer() {}

    /**
     * Checks that a template's text is valid logic-less Mustache with well-formed field names.
     *
     * @param template the template
     * @return the names of the fields the text uses, sorted
     * @throws TemplateException of kind {@link TemplateException.Kind#INVALID_TEXT} naming what is wrong
     */
    public static Set<String> check(CommunicationTemplate template) {
        return compile(template).names();
    }

    /**
     * Renders a template for an incident.
     *
     * @param template the template
     * @param incident the incident the message is about
     * @param given the fields the caller gives, such as {@code impact}, {@code status} and {@code
     *     next-update}
     * @param now when it is rendered
     * @return the communication
     * @throws TemplateException if a required field is missing, the text names an unknown field, a
     *     status page would see an internal detail, or the text is invalid
     */
    public static Communication render(
            CommunicationTemplate template, Incident incident, Map<String, String> given, Instant now) {
        requireNonNull(template, "template");
        requireNonNull(incident, "incident");
        requireNonNull(given, "given");
        requireNonNull(now, "now");
        Severity severity = incident.severity();
        Compiled compiled = compile(template);

        List<String> missing = new ArrayList<>();
        for (String field : template.requiredAt(severity)) {
            String value = given.get(field);
            if (value == null || value.isBlank()) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw new TemplateException(
                    TemplateException.Kind.MISSING_FIELDS,
                    template.name(),
                    severity,
                    missing,
                    "template '" + template.name() + "' needs the fields " + missing + " at " + severity + " for "
                            + incident.id() + "; give each a value that is not blank, or change"
                            + " armature.incidents.communication.templates." + template.name() + ".required."
                            + severity.name().toLowerCase(Locale.ROOT));
        }

        Map<String, String> own = IncidentFields.of(incident, template.audience(), now);
        Map<String, Object> context = new HashMap<>();
        for (String declared : template.declaredFields()) {
            context.put(declared, "");
        }
        context.putAll(given);
        context.putAll(own);

        Set<String> unknown = new TreeSet<>(compiled.names());
        unknown.removeAll(context.keySet());
        if (!unknown.isEmpty()) {
            String hidden = template.audience() == Audience.STATUS_PAGE
                            && unknown.stream().anyMatch(IncidentFields.INTERNAL_ONLY::contains)
                    ? " (title, priority and key are internal: a status page never sees them)"
                    : "";
            throw new TemplateException(
                    TemplateException.Kind.UNKNOWN_FIELDS,
                    template.name(),
                    severity,
                    List.copyOf(unknown),
                    "template '" + template.name() + "' names the fields " + unknown + ", which neither incident "
                            + incident.id() + " nor the caller gives" + hidden + "; give them, declare them"
                            + " as required at some severity, or take them out of the text");
        }
        if (template.audience() == Audience.STATUS_PAGE) {
            refuseInternalDetails(template, severity, incident, given);
        }

        String text;
        try {
            text = compiled.template().execute(context);
        } catch (RuntimeException e) {
            // Unreachable when the checks above hold; kept typed so that no other exception escapes.
            throw invalid(template, severity, "cannot be rendered: " + e.getMessage(), e);
        }
        return split(template, incident, text, now);
    }

    private static void refuseInternalDetails(
            CommunicationTemplate template, Severity severity, Incident incident, Map<String, String> given) {
        IncidentKey key = incident.key();
        List<String> needles = new ArrayList<>();
        needles.add(key.toString());
        needles.add(key.name());
        needles.addAll(key.labels().values());
        Set<String> leaking = new TreeSet<>();
        given.forEach((field, value) -> {
            String lower = value.toLowerCase(Locale.ROOT);
            for (String needle : needles) {
                // A one- or two-letter label value would match ordinary words.
                if (needle.length() >= 3 && lower.contains(needle.toLowerCase(Locale.ROOT))) {
                    leaking.add(field);
                }
            }
        });
        if (!leaking.isEmpty()) {
            throw new TemplateException(
                    TemplateException.Kind.INTERNAL_DETAIL,
                    template.name(),
                    severity,
                    List.copyOf(leaking),
                    "template '" + template.name() + "' is for the status page, but the fields " + leaking
                            + " repeat the key of " + incident.id() + " (its name or a label); describe the"
                            + " impact in the users' words instead");
        }
    }

    private static Communication split(CommunicationTemplate template, Incident incident, String text, Instant now) {
        String rest = text.stripLeading();
        int newline = rest.indexOf('\n');
        String subject = (newline < 0 ? rest : rest.substring(0, newline)).strip();
        String body = newline < 0 ? "" : rest.substring(newline + 1).strip();
        if (subject.isEmpty()) {
            throw invalid(
                    template, incident.severity(), "renders an empty subject line; start the text with one", null);
        }
        return new Communication(
                template.name(), template.audience(), incident.id(), incident.severity(), subject, body, now);
    }

    private record Compiled(Template template, Set<String> names) {}

    private static Compiled compile(CommunicationTemplate template) {
        Template compiled;
        try {
            compiled = COMPILER.compile(template.text());
        } catch (RuntimeException e) {
            // Not only MustacheException: jmustache 1.16 fails on "{{}}" with an index error. The text
            // comes from configuration, so any failure to parse it is the text's fault.
            throw invalid(template, null, "is not valid Mustache: " + e.getMessage(), e);
        }
        Set<String> names = new TreeSet<>();
        Set<String> refused = new TreeSet<>();
        compiled.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {}

            @Override
            public void visitVariable(String name) {
                name(name);
            }

            @Override
            public boolean visitInclude(String name) {
                refused.add("{{>" + name + "}}");
                return false;
            }

            @Override
            public boolean visitParent(String name) {
                refused.add("{{<" + name + "}}");
                return false;
            }

            @Override
            public boolean visitBlock(String name) {
                refused.add("{{$" + name + "}}");
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                name(name);
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                name(name);
                return true;
            }

            // {{.}} is refused too: at the top it would print every field at once.
            private void name(String name) {
                if (FIELD.matcher(name).matches()) {
                    names.add(name);
                } else {
                    refused.add("{{" + name + "}}");
                }
            }
        });
        if (!refused.isEmpty()) {
            throw invalid(
                    template,
                    null,
                    "uses " + refused + "; a template names fields of lower case letters, digits and '-', and"
                            + " has no partials, parents, blocks or {{.}}",
                    null);
        }
        return new Compiled(compiled, names);
    }

    private static TemplateException invalid(
            CommunicationTemplate template, @Nullable Severity severity, String what, @Nullable Throwable cause) {
        return new TemplateException(
                TemplateException.Kind.INVALID_TEXT,
                template.name(),
                severity,
                List.of(),
                "template '" + template.name() + "' " + what + " (armature.incidents.communication.templates."
                        + template.name() + ".text)",
                cause);
    }
}
