package dev.armature.api.monitoring;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One alert as a {@link Notification} tells of it: firing, or resolved after a firing notification.
 *
 * @param fingerprint a stable id of the alert: the same rule and labels always give the same one
 * @param rule the rule's name
 * @param labels the alert's labels
 * @param annotations its annotations, templates filled in (the runbook among them as {@code runbook})
 * @param severity how urgent it is
 * @param status whether it is firing or resolved
 * @param firedAt when it fired
 * @param resolvedAt when it resolved; empty while firing
 * @since 0.1
 */
public record NotifiedAlert(
        String fingerprint,
        String rule,
        Map<String, String> labels,
        Map<String, String> annotations,
        AlertSeverity severity,
        Notification.Status status,
        Instant firedAt,
        Optional<Instant> resolvedAt) {
    /**
     * Checks every part and copies the maps.
     *
     * @param fingerprint the fingerprint
     * @param rule the rule
     * @param labels the labels
     * @param annotations the annotations
     * @param severity the severity
     * @param status the status
     * @param firedAt when it fired
     * @param resolvedAt when it resolved
     * @throws IllegalArgumentException if a resolved alert has no resolution time, or a firing one has
     */
    public NotifiedAlert {
        requireNonNull(fingerprint, "fingerprint");
        requireNonNull(rule, "rule");
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        requireNonNull(severity, "severity");
        requireNonNull(status, "status");
        requireNonNull(firedAt, "firedAt");
        requireNonNull(resolvedAt, "resolvedAt");
        if ((status == Notification.Status.RESOLVED) != resolvedAt.isPresent()) {
            throw new IllegalArgumentException(
                    "alert " + rule + " " + labels + " is " + status + " but resolvedAt is " + resolvedAt);
        }
    }

    /**
     * Returns the runbook link from the {@code runbook} annotation, when there is a valid one.
     *
     * @return the runbook
     */
    public Optional<URI> runbook() {
        String link = annotations.get("runbook");
        if (link == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(link));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty(); // an annotation from config that is not a URI is text, not a link
        }
    }
}
