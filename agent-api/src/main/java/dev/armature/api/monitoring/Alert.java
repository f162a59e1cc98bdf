package dev.armature.api.monitoring;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One alert as it stands: a rule's instance for one set of labels.
 *
 * @param rule the rule's name
 * @param labels the labels that, with the rule's name, identify the alert
 * @param state where it is
 * @param severity how urgent it is when it fires
 * @param value the last value its rule read, or {@code NaN} when it has read none
 * @param activeSince when its condition began to hold, while PENDING or FIRING
 * @param firedAt when it fired, while FIRING or RESOLVED
 * @param annotations its annotations, templates filled in
 * @since 0.1
 */
public record Alert(
        String rule,
        Map<String, String> labels,
        AlertState state,
        AlertSeverity severity,
        double value,
        Optional<Instant> activeSince,
        Optional<Instant> firedAt,
        Map<String, String> annotations) {
    /**
     * Checks every part and copies the maps.
     *
     * @param rule the rule
     * @param labels the labels
     * @param state the state
     * @param severity the severity
     * @param value the value
     * @param activeSince since when active
     * @param firedAt when fired
     * @param annotations the annotations
     */
    public Alert {
        requireNonNull(rule, "rule");
        labels = Map.copyOf(labels);
        requireNonNull(state, "state");
        requireNonNull(severity, "severity");
        requireNonNull(activeSince, "activeSince");
        requireNonNull(firedAt, "firedAt");
        annotations = Map.copyOf(annotations);
    }
}
