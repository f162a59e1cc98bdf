package dev.armature.api.health;

import static java.util.Objects.requireNonNull;

import dev.armature.api.resilience.RecoveryTarget;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the health checker advises about one check: a finding of a {@link
 * dev.armature.spi.health.RecommendationRule} (built in or contributed), put into words for people
 * and, where one fits, bound to a recovery the host can start.
 *
 * <pre>{@code
 * for (Recommendation r : system.service(Health.class).report().recommendations()) {
 *     log.warn("{}: {}", r.id(), r.text());
 *     r.action().flatMap(Recommendation.Action::recovery)
 *             .ifPresent(target -> system.recovery().trigger(target, r.text()));
 * }
 * }</pre>
 *
 * @param id the rule's id and what it is about, stable while the finding lasts, for example {@code
 *     heap-exhaustion:resources.heap}
 * @param check the check whose report led to it
 * @param severity how urgent it is
 * @param text the finding and the advice, for people, for example {@code heap 82% and rising
 *     3%/min: critical in ~6 min; raise -Xmx or lower the work in flight}
 * @param action what to do about it, if the rule knows
 * @param evidence the figures behind it, by name; sorted
 * @since 0.1
 */
public record Recommendation(
        String id,
        String check,
        Severity severity,
        String text,
        Optional<Action> action,
        Map<String, String> evidence) {
    /**
     * How urgent a recommendation is.
     *
     * @since 0.1
     */
    public enum Severity {
        /** Worth knowing; nothing is at risk yet. */
        INFO,
        /** Something will go wrong if nothing changes: act soon. */
        WARNING,
        /** Something is wrong or about to be: act now. */
        CRITICAL
    }

    /**
     * What to do about a finding.
     *
     * @param description the action, for people, for example {@code raise -Xmx}
     * @param recovery the recovery chain that carries the action out, if there is one: start it with
     *     {@code system.recovery().trigger(target, reason)} (a component's chain restarts it from its
     *     last good checkpoint; a guard's answers with its fallbacks)
     * @since 0.1
     */
    public record Action(String description, Optional<RecoveryTarget> recovery) {
        /**
         * Checks every part.
         *
         * @param description the description; not blank
         * @param recovery the recovery, if any
         */
        public Action {
            requireNonNull(description, "description");
            if (description.isBlank()) {
                throw new IllegalArgumentException("a recommended action's description must not be blank");
            }
            requireNonNull(recovery, "recovery");
        }

        /**
         * Returns an action for people only.
         *
         * @param description the action
         * @return the action
         */
        public static Action manual(String description) {
            return new Action(description, Optional.empty());
        }

        /**
         * Returns an action that a recovery chain carries out.
         *
         * @param description the action
         * @param recovery the chain's target
         * @return the action
         */
        public static Action recover(String description, RecoveryTarget recovery) {
            return new Action(description, Optional.of(requireNonNull(recovery, "recovery")));
        }
    }

    /**
     * Checks every part and copies the evidence into name order.
     *
     * @param id the id; not blank
     * @param check the check's name
     * @param severity the severity
     * @param text the text; not blank
     * @param action the action, if any
     * @param evidence the evidence
     */
    public Recommendation {
        requireNonNull(id, "id");
        requireNonNull(check, "check");
        requireNonNull(severity, "severity");
        requireNonNull(text, "text");
        if (id.isBlank() || text.isBlank()) {
            throw new IllegalArgumentException("a recommendation's id and text must not be blank");
        }
        requireNonNull(action, "action");
        evidence = Collections.unmodifiableMap(new TreeMap<>(evidence));
    }
}
