package dev.armature.core.internal.incident;

import dev.armature.api.incident.Priority;
import dev.armature.api.incident.Severity;
import java.util.Locale;

/**
 * Internal: the kinds of signals that open incidents, each with its name in {@code
 * armature.incidents.*} and its default severity and priority.
 */
enum SignalSource {
    COMPONENT_ESCALATED(Severity.SEV2, Priority.P1),
    MANUAL_INTERVENTION(Severity.SEV2, Priority.P1),
    CIRCUIT_STUCK(Severity.SEV3, Priority.P2),
    ERROR_NEW(Severity.SEV4, Priority.P3),
    ERROR_SPIKE(Severity.SEV3, Priority.P2),
    ERROR_ESCALATING(Severity.SEV3, Priority.P2),
    ALERT_CRITICAL(Severity.SEV2, Priority.P1),
    ALERT_WARNING(Severity.SEV3, Priority.P2),
    ALERT_INFO(Severity.SEV4, Priority.P4),
    SAFE_MODE(Severity.SEV1, Priority.P1),
    MANUAL(Severity.SEV3, Priority.P3);

    final Severity severity;
    final Priority priority;

    SignalSource(Severity severity, Priority priority) {
        this.severity = severity;
        this.priority = priority;
    }

    /** The name in config: {@code component-escalated}, {@code alert-critical}, … */
    String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
