package dev.armature.monitoring.internal.alert;

import static java.util.Objects.requireNonNull;

import dev.armature.api.monitoring.AlertState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Internal: one alert's state, moved by what each evaluation of its rule reads.
 *
 * <ul>
 *   <li><b>Debounce</b>: the condition counts as holding when at least {@code debounceHits} of the
 *       last {@code debounceWindow} evaluations with data breached (1 of 1 by default).
 *   <li><b>For</b>: it fires once the condition has held for {@code forDuration}; straight away when
 *       that is zero.
 *   <li><b>Hysteresis</b>: a firing alert resolves on its rule's resolve condition (such as "below
 *       70" for an alert that fires above 80), not on the firing condition's absence, so a value in
 *       between keeps it firing.
 *   <li><b>Keep firing for</b>: the resolve condition must hold at every evaluation for {@code
 *       keepFiringFor} before the alert resolves.
 *   <li><b>No data</b>: {@link NoData#KEEP_STATE} (the default) leaves everything as it is — missing
 *       data is not recovery —, {@link NoData#ALERTING} reads as a breach, {@link NoData#OK} as the
 *       resolve condition holding.
 * </ul>
 *
 * <p>A RESOLVED alert becomes INACTIVE at its next evaluation unless its condition holds again. The
 * state is a plain value ({@link #snapshot()}, {@link #restore}) so that a firing alert is still
 * firing after a restart. Not thread-safe: its evaluator owns it.
 */
public final class AlertStateMachine {
    /** What an evaluation without data means. */
    public enum NoData {
        /** Nothing changes: missing data is neither a breach nor a recovery. */
        KEEP_STATE,
        /** A breach. */
        ALERTING,
        /** The resolve condition holding. */
        OK
    }

    /** The most evaluations the debounce looks back over. */
    public static final int MAX_DEBOUNCE_WINDOW = 64;

    /**
     * A rule's timing settings.
     *
     * @param forDuration how long the condition must hold before the alert fires
     * @param keepFiringFor how long the resolve condition must hold before a firing alert resolves
     * @param debounceHits how many of the last {@code debounceWindow} evaluations must breach
     * @param debounceWindow how many evaluations the debounce looks back over
     * @param noData what an evaluation without data means
     */
    public record Settings(
            Duration forDuration, Duration keepFiringFor, int debounceHits, int debounceWindow, NoData noData) {
        /** No wait, no debounce, missing data keeps the state. */
        public static final Settings DEFAULTS = new Settings(Duration.ZERO, Duration.ZERO, 1, 1, NoData.KEEP_STATE);

        /**
         * Checks every part.
         *
         * @throws IllegalArgumentException naming the setting that is out of range
         */
        public Settings {
            requireNonNull(forDuration, "forDuration");
            requireNonNull(keepFiringFor, "keepFiringFor");
            requireNonNull(noData, "noData");
            if (forDuration.isNegative() || keepFiringFor.isNegative()) {
                throw new IllegalArgumentException(
                        "for and keepFiringFor must not be negative, were " + forDuration + " and " + keepFiringFor);
            }
            if (debounceWindow < 1 || debounceWindow > MAX_DEBOUNCE_WINDOW) {
                throw new IllegalArgumentException("the debounce window must be 1 to " + MAX_DEBOUNCE_WINDOW
                        + " evaluations, was " + debounceWindow);
            }
            if (debounceHits < 1 || debounceHits > debounceWindow) {
                throw new IllegalArgumentException("the debounce needs 1 to " + debounceWindow
                        + " breaching evaluations (its window), was " + debounceHits);
            }
        }
    }

    /**
     * What one evaluation of the rule read.
     *
     * @param value the value, or {@code NaN} when there was no data
     * @param breached whether the firing condition held
     * @param resolveHolds whether the resolve condition held
     */
    public record Reading(double value, boolean breached, boolean resolveHolds) {
        /** An evaluation that found no data. */
        public static final Reading NO_DATA = new Reading(Double.NaN, false, false);

        /**
         * Returns a reading of a rule whose resolve condition is its firing condition's absence.
         *
         * @param value the value
         * @param breached whether the firing condition held
         * @return the reading
         */
        public static Reading of(double value, boolean breached) {
            return new Reading(value, breached, !breached);
        }

        /** Whether the evaluation found data. */
        boolean hasData() {
            return !Double.isNaN(value);
        }
    }

    /**
     * A change of state.
     *
     * @param from the state before
     * @param to the state after
     * @param at when, by the evaluation's clock
     * @param value the value read
     */
    public record Transition(AlertState from, AlertState to, Instant at, double value) {}

    /**
     * Everything the machine holds, to persist and restore.
     *
     * @param state the state
     * @param activeSince when the condition began to hold, while PENDING or FIRING
     * @param firedAt when it fired, while FIRING or RESOLVED
     * @param resolvingSince when the resolve condition began to hold, while FIRING
     * @param breaches the debounce window, the latest evaluation in the lowest bit
     * @param evaluations how many evaluations with data the window holds
     * @param lastValue the last value read with data, or {@code NaN}
     */
    public record State(
            AlertState state,
            Optional<Instant> activeSince,
            Optional<Instant> firedAt,
            Optional<Instant> resolvingSince,
            long breaches,
            int evaluations,
            double lastValue) {
        /** The state of a rule never evaluated. */
        public static final State INITIAL =
                new State(AlertState.INACTIVE, Optional.empty(), Optional.empty(), Optional.empty(), 0, 0, Double.NaN);

        /**
         * Checks every part.
         *
         * @throws IllegalArgumentException if the parts contradict each other
         */
        public State {
            requireNonNull(state, "state");
            requireNonNull(activeSince, "activeSince");
            requireNonNull(firedAt, "firedAt");
            requireNonNull(resolvingSince, "resolvingSince");
            boolean active = state == AlertState.PENDING || state == AlertState.FIRING;
            if (active != activeSince.isPresent()) {
                throw new IllegalArgumentException(state + " alert " + (active ? "needs" : "has") + " activeSince");
            }
            boolean fired = state == AlertState.FIRING || state == AlertState.RESOLVED;
            if (fired != firedAt.isPresent()) {
                throw new IllegalArgumentException(state + " alert " + (fired ? "needs" : "has") + " firedAt");
            }
            if (resolvingSince.isPresent() && state != AlertState.FIRING) {
                throw new IllegalArgumentException(state + " alert cannot be resolving");
            }
            if (evaluations < 0 || evaluations > MAX_DEBOUNCE_WINDOW) {
                throw new IllegalArgumentException("evaluations must be 0 to " + MAX_DEBOUNCE_WINDOW);
            }
        }
    }

    private final Settings settings;
    private AlertState state;
    private @Nullable Instant activeSince;
    private @Nullable Instant firedAt;
    private @Nullable Instant resolvingSince;
    private long breaches;
    private int evaluations;
    private double lastValue;

    private AlertStateMachine(Settings settings, State from) {
        this.settings = requireNonNull(settings, "settings");
        this.state = from.state();
        this.activeSince = from.activeSince().orElse(null);
        this.firedAt = from.firedAt().orElse(null);
        this.resolvingSince = from.resolvingSince().orElse(null);
        this.breaches = from.breaches();
        this.evaluations = Math.min(from.evaluations(), settings.debounceWindow());
        this.lastValue = from.lastValue();
    }

    /** Returns a machine for a rule never evaluated. */
    public static AlertStateMachine create(Settings settings) {
        return new AlertStateMachine(settings, State.INITIAL);
    }

    /** Returns a machine that goes on from a persisted state, under the rule's settings now. */
    public static AlertStateMachine restore(Settings settings, State state) {
        return new AlertStateMachine(settings, requireNonNull(state, "state"));
    }

    /** Returns the current state. */
    public AlertState state() {
        return state;
    }

    /** Returns everything the machine holds, to persist. */
    public State snapshot() {
        return new State(
                state,
                Optional.ofNullable(activeSince),
                Optional.ofNullable(firedAt),
                Optional.ofNullable(resolvingSince),
                breaches,
                evaluations,
                lastValue);
    }

    /**
     * Applies one evaluation's reading.
     *
     * @param now the evaluation's time
     * @param reading what it read
     * @return the change of state, if any
     */
    public Optional<Transition> evaluate(Instant now, Reading reading) {
        requireNonNull(now, "now");
        requireNonNull(reading, "reading");
        boolean breached;
        boolean resolveHolds;
        double value = reading.value();
        if (reading.hasData()) {
            breached = reading.breached();
            resolveHolds = reading.resolveHolds() && !breached; // a breach always wins
            lastValue = value;
        } else {
            switch (settings.noData()) {
                case ALERTING -> {
                    breached = true;
                    resolveHolds = false;
                }
                case OK -> {
                    breached = false;
                    resolveHolds = true;
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        boolean holds = debounce(breached);
        AlertState from = state;
        switch (state) {
            case INACTIVE, RESOLVED -> {
                if (holds) {
                    activeSince = now;
                    firedAt = null;
                    if (settings.forDuration().isZero()) {
                        fire(now);
                    } else {
                        state = AlertState.PENDING;
                    }
                } else if (state == AlertState.RESOLVED) {
                    firedAt = null;
                    state = AlertState.INACTIVE;
                }
            }
            case PENDING -> {
                Instant since = requireNonNull(activeSince);
                if (!holds) {
                    activeSince = null;
                    state = AlertState.INACTIVE;
                } else if (!Duration.between(since, now)
                        .minus(settings.forDuration())
                        .isNegative()) {
                    fire(now);
                }
            }
            case FIRING -> {
                if (!resolveHolds) {
                    resolvingSince = null;
                } else {
                    Instant since = resolvingSince == null ? now : resolvingSince;
                    resolvingSince = since;
                    if (!Duration.between(since, now)
                            .minus(settings.keepFiringFor())
                            .isNegative()) {
                        state = AlertState.RESOLVED;
                        activeSince = null;
                        resolvingSince = null;
                    }
                }
            }
        }
        return from == state ? Optional.empty() : Optional.of(new Transition(from, state, now, value));
    }

    private void fire(Instant now) {
        state = AlertState.FIRING;
        firedAt = now;
        resolvingSince = null;
    }

    /** Records a breach or its absence in the window; returns whether enough of the window breached. */
    private boolean debounce(boolean breached) {
        int window = settings.debounceWindow();
        long mask = window == Long.SIZE ? -1L : (1L << window) - 1;
        breaches = ((breaches << 1) | (breached ? 1 : 0)) & mask;
        evaluations = Math.min(evaluations + 1, window);
        return Long.bitCount(breaches) >= settings.debounceHits();
    }

    /** Returns when it fired, while FIRING or RESOLVED. */
    public Optional<Instant> firedAt() {
        return Optional.ofNullable(firedAt);
    }

    /** Returns when its condition began to hold, while PENDING or FIRING. */
    public Optional<Instant> activeSince() {
        return Optional.ofNullable(activeSince);
    }

    /** Returns the last value read with data, or {@code NaN}. */
    public double lastValue() {
        return lastValue;
    }
}
