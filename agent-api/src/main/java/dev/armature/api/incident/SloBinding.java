package dev.armature.api.incident;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The service level objective an incident is measured against in its post-incident report.
 *
 * @param name the objective's name
 * @param objective the share of good time the objective promises, such as {@code 0.999}; above 0 and
 *     below 1
 * @param window the window the objective is kept over, such as 30 days
 * @since 0.1
 */
public record SloBinding(String name, double objective, Duration window) {
    /**
     * Checks every part.
     *
     * @param name the name; not blank
     * @param objective the objective
     * @param window the window; positive
     * @throws IllegalArgumentException if a part is out of range
     */
    public SloBinding {
        requireNonNull(name, "name");
        requireNonNull(window, "window");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an SLO binding needs the objective's name");
        }
        if (!(objective > 0 && objective < 1)) {
            throw new IllegalArgumentException("SLO '" + name + "' has the objective " + objective
                    + "; give a share between 0 and 1 exclusive, such as 0.999");
        }
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException(
                    "SLO '" + name + "' has the window " + window + "; give a positive duration, such as 30 days");
        }
    }

    /**
     * Returns the error budget of one window: the time the objective allows to fail, {@code window ×
     * (1 − objective)}.
     *
     * @return the budget, rounded to the nanosecond
     */
    public Duration budget() {
        double nanos = window.toNanos() * (1 - objective);
        return Duration.ofNanos(Math.round(nanos));
    }
}
