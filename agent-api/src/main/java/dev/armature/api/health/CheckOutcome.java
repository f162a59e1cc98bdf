package dev.armature.api.health;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one run of a check found, as the check itself reports it; the health checker adds the
 * timing and turns it into a {@link CheckResult}.
 *
 * <pre>{@code
 * return free < minimum
 *         ? CheckOutcome.down("only " + free + " bytes free").withDetail("free", free)
 *         : CheckOutcome.up().withDetail("free", free);
 * }</pre>
 *
 * @param status the status found; a check that cannot tell should throw rather than report {@link
 *     HealthStatus#UNKNOWN}
 * @param message why, for people, when the status is not UP; never a secret
 * @param details figures behind the status, by name; sorted by name. Values under a name that looks
 *     secret ({@code password}, {@code token}, {@code secret}, {@code key}, {@code credential}) are
 *     masked before they are kept
 * @param indicators numbers whose trend the checker watches to predict a breach, by name; sorted
 * @since 0.1
 */
public record CheckOutcome(
        HealthStatus status, Optional<String> message, Map<String, String> details, Map<String, Indicator> indicators) {
    /**
     * Checks every part and copies the maps into name order.
     *
     * @param status the status
     * @param message the message, if any
     * @param details the details
     * @param indicators the indicators
     */
    public CheckOutcome {
        requireNonNull(status, "status");
        requireNonNull(message, "message");
        details = Collections.unmodifiableMap(new TreeMap<>(details));
        indicators = Collections.unmodifiableMap(new TreeMap<>(indicators));
    }

    /**
     * Creates an outcome without indicators.
     *
     * @param status the status
     * @param message the message, if any
     * @param details the details
     */
    public CheckOutcome(HealthStatus status, Optional<String> message, Map<String, String> details) {
        this(status, message, details, Map.of());
    }

    /**
     * Returns an UP outcome without details.
     *
     * @return the outcome
     */
    public static CheckOutcome up() {
        return new CheckOutcome(HealthStatus.UP, Optional.empty(), Map.of());
    }

    /**
     * Returns a DEGRADED outcome.
     *
     * @param message why
     * @return the outcome
     */
    public static CheckOutcome degraded(String message) {
        return new CheckOutcome(HealthStatus.DEGRADED, Optional.of(message), Map.of());
    }

    /**
     * Returns a DOWN outcome.
     *
     * @param message why
     * @return the outcome
     */
    public static CheckOutcome down(String message) {
        return new CheckOutcome(HealthStatus.DOWN, Optional.of(message), Map.of());
    }

    /**
     * Returns an outcome of a status without a message.
     *
     * @param status the status
     * @return the outcome
     */
    public static CheckOutcome of(HealthStatus status) {
        return new CheckOutcome(status, Optional.empty(), Map.of());
    }

    /**
     * Returns a copy of this outcome with one more detail.
     *
     * @param name the detail's name
     * @param value the detail's value, written with {@link String#valueOf(Object)}
     * @return a new outcome
     */
    public CheckOutcome withDetail(String name, Object value) {
        Map<String, String> more = new TreeMap<>(details);
        more.put(requireNonNull(name, "name"), String.valueOf(requireNonNull(value, "value")));
        return new CheckOutcome(status, message, more, indicators);
    }

    /**
     * Returns a copy of this outcome with one more indicator, whose trend the checker watches.
     *
     * @param name the indicator's name, for example {@code heap.used-percent}
     * @param indicator its value and critical value
     * @return a new outcome
     */
    public CheckOutcome withIndicator(String name, Indicator indicator) {
        Map<String, Indicator> more = new TreeMap<>(indicators);
        more.put(requireNonNull(name, "name"), requireNonNull(indicator, "indicator"));
        return new CheckOutcome(status, message, details, more);
    }
}
