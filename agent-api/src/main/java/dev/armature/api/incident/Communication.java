package dev.armature.api.incident;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A rendered message about an incident, ready for a notification channel or a status page.
 *
 * @param template the name of the template it was rendered from
 * @param audience who it is for
 * @param incidentId the incident it is about
 * @param severity the incident's severity when it was rendered
 * @param subject the first line of the rendered text that is not blank
 * @param body the rest of the rendered text, without the blank lines that separate it from the
 *     subject; may be empty
 * @param at when it was rendered, on the system's clock
 * @since 0.1
 */
public record Communication(
        String template,
        Audience audience,
        String incidentId,
        Severity severity,
        String subject,
        String body,
        Instant at) {
    /**
     * Checks every part.
     *
     * @param template the template's name
     * @param audience the audience
     * @param incidentId the incident's id
     * @param severity the severity
     * @param subject the subject
     * @param body the body
     * @param at when
     */
    public Communication {
        requireNonNull(template, "template");
        requireNonNull(audience, "audience");
        requireNonNull(incidentId, "incidentId");
        requireNonNull(severity, "severity");
        requireNonNull(subject, "subject");
        requireNonNull(body, "body");
        requireNonNull(at, "at");
    }
}
