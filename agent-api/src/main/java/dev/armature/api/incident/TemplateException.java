package dev.armature.api.incident;

import static java.util.Objects.requireNonNull;

import dev.armature.api.ArmatureException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a {@link CommunicationTemplate} cannot be rendered: a field it requires is missing, its
 * text names a field nobody gives, its text is not valid Mustache, or a value would show a status page
 * an internal detail. Nothing was sent.
 *
 * @since 0.1
 */
public final class TemplateException extends ArmatureException {
    private static final long serialVersionUID = 1L;

    /** Why the template was refused. */
    public enum Kind {
        /** A field required at the incident's severity is absent or blank. */
        MISSING_FIELDS,
        /** The text names a field that is neither the incident's, given, nor declared by the template. */
        UNKNOWN_FIELDS,
        /** The text is not valid logic-less Mustache (unclosed tags, partials, dotted names…). */
        INVALID_TEXT,
        /** A value for a status page repeats an internal detail: the incident's key, its name or labels. */
        INTERNAL_DETAIL
    }

    /** Why the template was refused. */
    private final Kind kind;

    /** The template's name. */
    private final String template;

    /** The severity it was rendered at, or null when the text itself is wrong. */
    private final @Nullable Severity severity;

    /** The missing, unknown or leaking fields. */
    private final List<String> fields;

    /**
     * Creates the exception.
     *
     * @param kind why
     * @param template the template's name
     * @param severity the severity it was rendered at, or {@code null} when the text itself is wrong
     * @param fields the fields concerned: the missing, unknown or leaking ones; empty for invalid text
     * @param message what was wrong, where, and what to do
     */
    public TemplateException(
            Kind kind, String template, @Nullable Severity severity, List<String> fields, String message) {
        this(kind, template, severity, fields, message, null);
    }

    /**
     * Creates the exception with the failure underneath it.
     *
     * @param kind why
     * @param template the template's name
     * @param severity the severity it was rendered at, or {@code null} when the text itself is wrong
     * @param fields the fields concerned
     * @param message what was wrong, where, and what to do
     * @param cause the template engine's failure, or {@code null}
     */
    public TemplateException(
            Kind kind,
            String template,
            @Nullable Severity severity,
            List<String> fields,
            String message,
            @Nullable Throwable cause) {
        super(codeOf("armature.incident.template.", kind), message, cause);
        this.kind = kind;
        this.template = requireNonNull(template, "template");
        this.severity = severity;
        this.fields = List.copyOf(fields);
    }

    /**
     * Returns why the template was refused.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the name of the template.
     *
     * @return the name
     */
    public String template() {
        return template;
    }

    /**
     * Returns the severity the template was rendered at.
     *
     * @return the severity, or empty when the text itself is wrong
     */
    public Optional<Severity> severity() {
        return Optional.ofNullable(severity);
    }

    /**
     * Returns the fields concerned.
     *
     * @return the missing, unknown or leaking fields, sorted; empty for invalid text
     */
    public List<String> fields() {
        return fields;
    }
}
