package dev.armature.api.monitoring;

import dev.armature.api.ProvidedBy;
import java.util.List;

/**
 * The system's alerts, from the rules of {@code armature.alerts.*} and those added in code.
 * Provided by agent-monitoring: {@code system.service(Alerts.class)}.
 *
 * @since 0.1
 */
@ProvidedBy("dev.armature:agent-monitoring")
public interface Alerts {
    /**
     * Returns the alerts that are pending or firing, by rule name, then labels.
     *
     * @return the active alerts
     */
    List<Alert> active();
}
