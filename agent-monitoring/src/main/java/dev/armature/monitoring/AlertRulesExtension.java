package dev.armature.monitoring;

import static java.util.Objects.requireNonNull;

import dev.armature.api.monitoring.AlertRule;
import dev.armature.spi.SystemExtension;
import java.util.List;

/**
 * Alert rules from the host's code, passed on the builder; the alert engine adds them to those of
 * {@code armature.alerts.rules.*} and of plugins' {@link dev.armature.spi.monitoring.AlertRuleSource}s.
 *
 * <pre>{@code
 * AgentSystem system = AgentSystem.builder()
 *         .extension(AlertRulesExtension.of(heapRule, queueRule))
 *         .build();
 * }</pre>
 *
 * @param rules the rules
 * @since 0.1
 */
public record AlertRulesExtension(List<AlertRule> rules) implements SystemExtension {
    /**
     * Copies the rules.
     *
     * @param rules the rules
     */
    public AlertRulesExtension {
        rules = List.copyOf(requireNonNull(rules, "rules"));
    }

    /**
     * Returns an extension of these rules.
     *
     * @param rules the rules
     * @return the extension
     */
    public static AlertRulesExtension of(AlertRule... rules) {
        return new AlertRulesExtension(List.of(rules));
    }
}
