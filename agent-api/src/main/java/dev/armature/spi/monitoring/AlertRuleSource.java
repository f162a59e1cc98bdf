package dev.armature.spi.monitoring;

import dev.armature.api.monitoring.AlertRule;
import java.util.List;

/**
 * Alert rules from code, which a plugin contributes ({@code context.contribute(AlertRuleSource.class,
 * () -> List.of(rule))}) for agent-monitoring's alert engine. The engine asks each source once, when
 * it starts, and adds the rules of {@code armature.alerts.rules.*}; two rules of one name are an
 * error at start.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface AlertRuleSource {
    /**
     * Returns the rules. Called on the engine's start thread.
     *
     * @return the rules, possibly none
     */
    List<AlertRule> rules();
}
