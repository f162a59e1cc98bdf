package dev.armature.monitoring;

import static java.util.Objects.requireNonNull;

import dev.armature.api.monitoring.LabelMatcher;
import java.util.List;

/**
 * An inhibition rule, after Alertmanager's: while an alert that the source matchers select fires,
 * the router sends no firing notification for the alerts that the target matchers select and that
 * have the same values of the {@code equal} labels (a label both lack counts as equal). An alert
 * never inhibits itself. An alert notified as firing before it was inhibited still gets its resolved
 * notification.
 *
 * <pre>{@code
 * // While a component is down, its dependents' alerts are noise.
 * InhibitRule rule = new InhibitRule("component-down",
 *         List.of(LabelMatcher.parse("alertname=component-down")),
 *         List.of(LabelMatcher.parse("alertname!=component-down")),
 *         List.of("component"));
 * }</pre>
 *
 * @param name the rule's name, for logs and errors
 * @param source the conditions on the muting alert, at least one
 * @param target the conditions on the muted alerts, at least one
 * @param equal the labels whose values must be the same in both
 * @since 0.1
 */
public record InhibitRule(String name, List<LabelMatcher> source, List<LabelMatcher> target, List<String> equal) {
    /**
     * Checks every part and copies the lists.
     *
     * @param name the name
     * @param source the source matchers
     * @param target the target matchers
     * @param equal the equal labels
     * @throws IllegalArgumentException if the source or the target has no matcher
     */
    public InhibitRule {
        requireNonNull(name, "name");
        source = List.copyOf(source);
        target = List.copyOf(target);
        equal = List.copyOf(equal);
        if (source.isEmpty() || target.isEmpty()) {
            throw new IllegalArgumentException("inhibition rule '" + name
                    + "' needs at least one source and one target matcher: without them it would mute every alert");
        }
    }
}
