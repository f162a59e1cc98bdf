package dev.armature.spi.incident;

import static java.util.Objects.requireNonNull;

import dev.armature.api.incident.IncidentKey;
import dev.armature.api.incident.RunbookException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A runbook as code: ordered steps that a person or the system runs for an incident, bound to the
 * incidents it answers by their {@link IncidentKey}'s kind and name. Steps run one after the other;
 * a step whose precondition is false is skipped, and the first step that fails (a check fails, an
 * action throws, a step overruns its timeout, nobody approves a gate in time) runs its own
 * rollback and ends the run. A dry run lists the plan and touches nothing.
 *
 * <pre>{@code
 * Runbook modelOutage = Runbook.builder("model-outage")
 *         .forGuard("model.chat")
 *         .step(RunbookStep.check("circuit-open", context -> ...))
 *         .step(RunbookStep.action("stop-calls", RunbookActions.openCircuit("model.chat")))
 *         .step(RunbookStep.gate("approve-restart", "incident-commander").withTimeout(Duration.ofMinutes(30)))
 *         .step(RunbookStep.action("restart-gateway", RunbookActions.restartComponent("model-gateway")))
 *         .build();
 * }</pre>
 *
 * <p>Plugins contribute runbooks with {@code context.contribute(Runbook.class, runbook)}. Runbooks are
 * made only by {@link #builder(String)}, so every runbook has passed its checks. Immutable and
 * thread-safe.
 *
 * @since 0.1
 */
public sealed interface Runbook permits BuiltRunbook {
    /**
     * Returns a builder of a runbook.
     *
     * @param name lower-case words joined by hyphens, unique in the system, such as {@code
     *     model-outage}
     * @return the builder
     */
    static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Returns the runbook's name.
     *
     * @return the name
     */
    String name();

    /**
     * Returns what the runbook answers.
     *
     * @return the bindings, possibly none (a runbook run only by hand)
     */
    List<Binding> bindings();

    /**
     * Returns the steps, in the order they run.
     *
     * @return at least one step
     */
    List<RunbookStep> steps();

    /**
     * Tells whether the runbook answers incidents of a key: whether one of its bindings has the
     * key's kind and name (labels are not compared).
     *
     * @param key the incident's key
     * @return {@code true} if it is bound to the key
     */
    default boolean answers(IncidentKey key) {
        requireNonNull(key, "key");
        return bindings().stream()
                .anyMatch(b -> b.kind() == key.kind() && b.name().equals(key.name()));
    }

    /**
     * What a runbook answers: the incidents whose key has this kind and name.
     *
     * @param kind the key's kind
     * @param name the key's name
     */
    record Binding(IncidentKey.Kind kind, String name) {
        /**
         * Checks every part.
         *
         * @param kind the kind
         * @param name the name; not blank
         */
        public Binding {
            requireNonNull(kind, "kind");
            requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a runbook binding needs a name to match");
            }
        }
    }

    /**
     * Builds a {@link Runbook}. Not thread-safe.
     *
     * @since 0.1
     */
    final class Builder {
        private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

        private final String name;
        private final List<Binding> bindings = new ArrayList<>();
        private final List<RunbookStep> steps = new ArrayList<>();

        Builder(String name) {
            this.name = requireNonNull(name, "name");
        }

        /**
         * Binds the runbook to the incidents of an error fingerprint.
         *
         * @param fingerprint the fingerprint as text, {@code v1:...}
         * @return this builder
         */
        public Builder forFingerprint(String fingerprint) {
            return bind(IncidentKey.Kind.FINGERPRINT, fingerprint);
        }

        /**
         * Binds the runbook to the incidents of an alert rule, whatever the alert's labels.
         *
         * @param rule the rule's name
         * @return this builder
         */
        public Builder forAlert(String rule) {
            return bind(IncidentKey.Kind.ALERT, rule);
        }

        /**
         * Binds the runbook to the incidents of a component.
         *
         * @param component the component's name
         * @return this builder
         */
        public Builder forComponent(String component) {
            return bind(IncidentKey.Kind.COMPONENT, component);
        }

        /**
         * Binds the runbook to the incidents of a guard (a circuit that stayed open).
         *
         * @param guard the guard's name
         * @return this builder
         */
        public Builder forGuard(String guard) {
            return bind(IncidentKey.Kind.GUARD, guard);
        }

        /**
         * Binds the runbook to the incidents of any key of a kind and name, such as {@code
         * (SYSTEM, safe-mode)}.
         *
         * @param kind the key's kind
         * @param keyName the key's name
         * @return this builder
         */
        public Builder bind(IncidentKey.Kind kind, String keyName) {
            bindings.add(new Binding(kind, keyName));
            return this;
        }

        /**
         * Adds the next step.
         *
         * @param step the step
         * @return this builder
         */
        public Builder step(RunbookStep step) {
            steps.add(requireNonNull(step, "step"));
            return this;
        }

        /**
         * Checks the runbook and builds it.
         *
         * @return the runbook
         * @throws RunbookException of kind {@link RunbookException.Kind#INVALID} if the name or a
         *     step's name is not lower-case words joined by hyphens, two steps share a name, or there
         *     is no step
         */
        public Runbook build() {
            if (!NAME.matcher(name).matches()) {
                throw invalid("runbook name '" + name + "' is not lower-case words joined by hyphens;"
                        + " name it like model-outage");
            }
            if (steps.isEmpty()) {
                throw invalid("runbook " + name + " has no steps; add at least one with step(...)");
            }
            Set<String> seen = new HashSet<>();
            for (RunbookStep step : steps) {
                if (!NAME.matcher(step.name()).matches()) {
                    throw invalid("step '" + step.name() + "' of runbook " + name
                            + " is not lower-case words joined by hyphens; name it like open-circuit");
                }
                if (!seen.add(step.name())) {
                    throw invalid("runbook " + name + " has two steps named " + step.name()
                            + "; give each step its own name, since approvals and the timeline name steps");
                }
            }
            return new BuiltRunbook(name, List.copyOf(bindings), List.copyOf(steps));
        }

        private RunbookException invalid(String message) {
            return new RunbookException(RunbookException.Kind.INVALID, name, message);
        }
    }
}
