package dev.armature.api.resilience;

import static java.util.Objects.requireNonNull;

import dev.armature.api.event.Event;
import dev.armature.api.event.EventType;
import java.util.Optional;

/**
 * The events of guards, published with the source {@code guard}.
 *
 * @since 0.1
 */
public sealed interface GuardEvent extends Event
        permits GuardEvent.CircuitStateChanged, GuardEvent.RetryBudgetExhausted, GuardEvent.ConcurrencyLimitChanged {
    /**
     * Returns the name of the guard the event is about.
     *
     * @return the guard's name
     */
    String guard();

    /**
     * A circuit breaker changed state.
     *
     * @param guard the guard's name
     * @param key the key of a keyed guard, or empty
     * @param from the state before
     * @param to the state after
     * @param reason why, for people: the tripping mode and its figures, a retry-after time, an
     *     operator's force
     */
    record CircuitStateChanged(String guard, Optional<String> key, CircuitState from, CircuitState to, String reason)
            implements GuardEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.guard.circuit-state-changed");

        /**
         * Checks every part.
         *
         * @param guard the guard
         * @param key the key
         * @param from the state before
         * @param to the state after
         * @param reason why
         */
        public CircuitStateChanged {
            requireNonNull(guard, "guard");
            requireNonNull(key, "key");
            requireNonNull(from, "from");
            requireNonNull(to, "to");
            requireNonNull(reason, "reason");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * A guard's retry budget ran dry: retries stop until successes refill it.
     *
     * @param guard the guard's name
     * @param tokens the tokens left
     * @param maxTokens the budget's size
     */
    record RetryBudgetExhausted(String guard, double tokens, double maxTokens) implements GuardEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.guard.retry-budget-exhausted");

        /**
         * Checks every part.
         *
         * @param guard the guard
         * @param tokens the tokens left
         * @param maxTokens the budget's size
         */
        public RetryBudgetExhausted {
            requireNonNull(guard, "guard");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * An adaptive concurrency limit moved.
     *
     * @param guard the guard's name
     * @param from the limit before
     * @param to the limit after
     */
    record ConcurrencyLimitChanged(String guard, int from, int to) implements GuardEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.guard.concurrency-limit-changed");

        /**
         * Checks every part.
         *
         * @param guard the guard
         * @param from the limit before
         * @param to the limit after
         */
        public ConcurrencyLimitChanged {
            requireNonNull(guard, "guard");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }
}
