package dev.armature.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a stop did: each phase and each component, with durations, timeouts and failures.
 *
 * @param phases the phases in the order they ran
 * @param components every component, in the order their stops finished
 * @param duration how long the whole stop took
 * @since 0.1
 */
public record ShutdownReport(List<Phase> phases, List<ComponentStop> components, Duration duration) {
    /**
     * Checks that every part is present and copies the lists.
     *
     * @param phases the phases
     * @param components the components
     * @param duration the total duration
     */
    public ShutdownReport {
        phases = List.copyOf(phases);
        components = List.copyOf(components);
        requireNonNull(duration, "duration");
    }

    /**
     * Returns whether every phase finished in time and every component stopped without failing or
     * timing out.
     *
     * @return {@code true} for a clean stop
     */
    public boolean isClean() {
        return phases.stream().allMatch(p -> !p.timedOut() && p.failures().isEmpty())
                && components.stream()
                        .allMatch(c -> c.outcome() != StopOutcome.FAILED && c.outcome() != StopOutcome.TIMED_OUT);
    }

    /**
     * Returns the named component's stop.
     *
     * @param name the component's name
     * @return its stop, or empty if the system has no such component
     */
    public Optional<ComponentStop> component(String name) {
        requireNonNull(name, "name");
        return components.stream().filter(c -> c.component().equals(name)).findFirst();
    }

    /**
     * How one component's stop ended.
     *
     * @since 0.1
     */
    public enum StopOutcome {
        /** {@code stop} returned normally. */
        STOPPED,
        /** {@code stop} threw. */
        FAILED,
        /** {@code stop} ran past its timeout and was interrupted. */
        TIMED_OUT,
        /** It was not running, so there was nothing to stop. */
        NOT_RUNNING
    }

    /**
     * One phase of the shutdown.
     *
     * @param phase the phase
     * @param duration how long it ran
     * @param timedOut whether it ran out of time before its work finished
     * @param failures the host tasks that failed or timed out in it
     */
    public record Phase(ShutdownPhase phase, Duration duration, boolean timedOut, List<ComponentFailure> failures) {
        /**
         * Checks that every part is present and copies the list.
         *
         * @param phase the phase
         * @param duration its duration
         * @param timedOut whether it timed out
         * @param failures the failed tasks, each named by the task's name
         */
        public Phase {
            requireNonNull(phase, "phase");
            requireNonNull(duration, "duration");
            failures = List.copyOf(failures);
        }
    }

    /**
     * One component's stop.
     *
     * @param component the component's name
     * @param outcome how it ended
     * @param duration how long {@code stop} ran; zero when it was not running
     * @param failure what went wrong, for {@code FAILED} and {@code TIMED_OUT}
     */
    public record ComponentStop(
            String component, StopOutcome outcome, Duration duration, Optional<FailureInfo> failure) {
        /**
         * Checks that every part is present.
         *
         * @param component the name
         * @param outcome the outcome
         * @param duration the duration
         * @param failure the failure, if any
         */
        public ComponentStop {
            requireNonNull(component, "component");
            requireNonNull(outcome, "outcome");
            requireNonNull(duration, "duration");
            requireNonNull(failure, "failure");
        }
    }
}
