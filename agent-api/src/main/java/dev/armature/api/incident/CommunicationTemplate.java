package dev.armature.api.incident;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A logic-less message about an incident, in Mustache syntax ({@code {{field}}}, and {@code
 * {{#field}}…{{/field}}} for text shown only when a field has a value). The first line of the
 * rendered text that is not blank is the {@link Communication#subject()}, the rest its body.
 *
 * <p>The fields a template may name are the incident's own (see {@code docs/incidents.md}: {@code id},
 * {@code severity}, {@code state}, {@code opened-at}, {@code duration}, and for {@link
 * Audience#INTERNAL} also {@code title}, {@code priority} and {@code key}), those the caller gives,
 * and those that any severity {@link #required() requires}. Rendering fails with a {@link
 * TemplateException} when a field required at the incident's severity is missing or blank, or when
 * the text names a field that is none of these.
 *
 * <pre>{@code
 * var update = new CommunicationTemplate("update", Audience.INTERNAL,
 *         "[{{severity}}] {{title}}\n\nImpact: {{impact}}\nNext update: {{next-update}}",
 *         Map.of(Severity.SEV1, Set.of("impact", "next-update")));
 * }</pre>
 *
 * @param name the template's name: lower case letters, digits and {@code -}
 * @param audience who reads what it renders
 * @param text the Mustache text
 * @param required the fields the caller must give, per severity; a severity not in the map requires
 *     none
 * @since 0.1
 */
public record CommunicationTemplate(String name, Audience audience, String text, Map<Severity, Set<String>> required) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    /**
     * Checks every part and copies the required fields.
     *
     * @param name the name
     * @param audience the audience
     * @param text the text; not blank
     * @param required the required fields per severity; each a field name as {@link #name} is
     * @throws IllegalArgumentException if the name, the text or a field name is malformed
     */
    public CommunicationTemplate {
        requireNonNull(name, "name");
        requireNonNull(audience, "audience");
        requireNonNull(text, "text");
        requireNonNull(required, "required");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("template name '" + name
                    + "' is malformed; use lower case letters, digits and '-', starting with a letter");
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("template '" + name + "' has no text; give it at least a subject line");
        }
        Map<Severity, Set<String>> copy = new EnumMap<>(Severity.class);
        required.forEach((severity, fields) -> {
            for (String field : fields) {
                if (!NAME.matcher(field).matches()) {
                    throw new IllegalArgumentException("template '" + name + "' requires the malformed field '"
                            + field + "' at " + severity
                            + "; use lower case letters, digits and '-', starting with a letter");
                }
            }
            copy.put(requireNonNull(severity, "severity"), Set.copyOf(fields));
        });
        required = Map.copyOf(copy);
    }

    /**
     * Returns the fields the caller must give at a severity.
     *
     * @param severity the incident's severity
     * @return the field names, sorted; empty when the severity requires none
     */
    public Set<String> requiredAt(Severity severity) {
        return new TreeSet<>(required.getOrDefault(severity, Set.of()));
    }

    /**
     * Returns every field that some severity requires: the fields the template declares.
     *
     * @return the field names, sorted
     */
    public Set<String> declaredFields() {
        Set<String> all = new TreeSet<>();
        required.values().forEach(all::addAll);
        return all;
    }
}
