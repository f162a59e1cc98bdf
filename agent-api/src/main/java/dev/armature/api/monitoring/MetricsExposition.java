package dev.armature.api.monitoring;

import dev.armature.api.ProvidedBy;

/**
 * The system's meters in the Prometheus text exposition format, for a host that serves
 * {@code /metrics} from its own HTTP framework. Provided by agent-monitoring: {@code
 * system.service(MetricsExposition.class)}.
 *
 * @since 0.1
 */
@ProvidedBy("dev.armature:agent-monitoring")
public interface MetricsExposition {
    /** The content type of {@link #scrape()}: the Prometheus text format, version 0.0.4. */
    String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /**
     * Returns every meter of the system as it stands now, in the Prometheus text format.
     *
     * @return the exposition text, one family per meter name
     * @throws MetricsUnavailableException if the exposition is switched off or not running
     */
    String scrape();
}
