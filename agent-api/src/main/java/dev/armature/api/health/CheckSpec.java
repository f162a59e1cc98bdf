package dev.armature.api.health;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * How the health checker runs one check: its identity, how much it weighs, how often it runs and
 * how many results it takes to change its status.
 *
 * <p>The checker runs the check every {@link #interval()} while its status is UP (or not known
 * yet), every {@link #unhealthyInterval()} otherwise, and gives up on a run after {@link
 * #timeout()}: the run then counts as a timed-out DOWN. The check turns DOWN after {@link
 * #failureThreshold()} consecutive DOWN results and back UP after {@link #successThreshold()}
 * consecutive UP results; its first result counts at once.
 *
 * <pre>{@code
 * CheckSpec spec = CheckSpec.builder("model-endpoint")
 *         .kind(CheckKind.READINESS)
 *         .criticality(Criticality.NON_CRITICAL)
 *         .component("model-gateway")
 *         .addTag("model")
 *         .interval(Duration.ofSeconds(30))
 *         .build();
 * }</pre>
 *
 * @param name the check's name, unique in the system: lowercase words joined by {@code .} or
 *     {@code -}
 * @param kind what the check is for
 * @param criticality how much its failure weighs in the overall status
 * @param component the component it is about, if any; its group is {@code component:<id>}
 * @param tags its tags, each a group {@code tag:<tag>}; sorted
 * @param interval the time between two runs while healthy; positive
 * @param unhealthyInterval the time between two runs while not healthy; positive
 * @param timeout how long one run may take; positive
 * @param failureThreshold consecutive DOWN results that turn the check DOWN; at least 1
 * @param successThreshold consecutive UP results that turn the check UP again; at least 1
 * @since 0.1
 */
public record CheckSpec(
        String name,
        CheckKind kind,
        Criticality criticality,
        Optional<String> component,
        Set<String> tags,
        Duration interval,
        Duration unhealthyInterval,
        Duration timeout,
        int failureThreshold,
        int successThreshold) {
    /** The default {@link #interval()}: 10 seconds. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    /** The default {@link #unhealthyInterval()}: 30 seconds, to spare a failing dependency. */
    public static final Duration DEFAULT_UNHEALTHY_INTERVAL = Duration.ofSeconds(30);

    /** The default {@link #timeout()}: 5 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** The default {@link #failureThreshold()}. */
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;

    /** The default {@link #successThreshold()}. */
    public static final int DEFAULT_SUCCESS_THRESHOLD = 2;

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");

    /**
     * Checks every part and copies the tags into sorted order.
     *
     * @param name the name
     * @param kind the kind
     * @param criticality the criticality
     * @param component the component, if any
     * @param tags the tags
     * @param interval the healthy interval
     * @param unhealthyInterval the unhealthy interval
     * @param timeout the timeout
     * @param failureThreshold the failure threshold
     * @param successThreshold the success threshold
     * @throws IllegalArgumentException if the name or a tag is malformed, a duration is not
     *     positive or a threshold is below 1
     */
    public CheckSpec {
        requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "health check name '" + name + "' must be lowercase words joined by '.' or '-'");
        }
        requireNonNull(kind, "kind");
        requireNonNull(criticality, "criticality");
        requireNonNull(component, "component");
        component.ifPresent(c -> {
            if (c.isBlank()) {
                throw new IllegalArgumentException("the component of health check '" + name + "' must not be blank");
            }
        });
        for (String tag : tags) {
            if (!NAME.matcher(tag).matches()) {
                throw new IllegalArgumentException("tag '" + tag + "' of health check '" + name
                        + "' must be lowercase words joined by '.' or '-'");
            }
        }
        tags = Collections.unmodifiableSet(new TreeSet<>(tags));
        positive(name, interval, "interval");
        positive(name, unhealthyInterval, "unhealthyInterval");
        positive(name, timeout, "timeout");
        atLeastOne(name, failureThreshold, "failureThreshold");
        atLeastOne(name, successThreshold, "successThreshold");
    }

    /**
     * Starts a spec with every default: a {@link CheckKind#READINESS}, {@link Criticality#CRITICAL}
     * check of no component, without tags.
     *
     * @param name the check's name
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Returns a builder that starts from this spec.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.kind = kind;
        b.criticality = criticality;
        b.component = component;
        b.tags.addAll(tags);
        b.interval = interval;
        b.unhealthyInterval = unhealthyInterval;
        b.timeout = timeout;
        b.failureThreshold = failureThreshold;
        b.successThreshold = successThreshold;
        return b;
    }

    /**
     * Returns the groups the check belongs to: {@code component:<id>} and {@code tag:<tag>} for
     * each tag.
     *
     * @return the group names; sorted
     */
    public Set<String> groups() {
        Set<String> groups = new TreeSet<>();
        component.ifPresent(c -> groups.add("component:" + c));
        tags.forEach(t -> groups.add("tag:" + t));
        return groups;
    }

    private static void positive(String name, Duration d, String field) {
        requireNonNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " of health check '" + name + "' must be positive, was " + d);
        }
    }

    private static void atLeastOne(String name, int value, String field) {
        if (value < 1) {
            throw new IllegalArgumentException(
                    field + " of health check '" + name + "' must be at least 1, was " + value);
        }
    }

    /**
     * Builds a {@link CheckSpec}. Not thread-safe; reached through {@link CheckSpec#builder}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final String name;
        private CheckKind kind = CheckKind.READINESS;
        private Criticality criticality = Criticality.CRITICAL;
        private Optional<String> component = Optional.empty();
        private final Set<String> tags = new TreeSet<>();
        private Duration interval = DEFAULT_INTERVAL;
        private Duration unhealthyInterval = DEFAULT_UNHEALTHY_INTERVAL;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int failureThreshold = DEFAULT_FAILURE_THRESHOLD;
        private int successThreshold = DEFAULT_SUCCESS_THRESHOLD;

        Builder(String name) {
            this.name = requireNonNull(name, "name");
        }

        /**
         * Sets what the check is for; {@link CheckKind#READINESS} by default.
         *
         * @param kind the kind
         * @return this builder
         */
        public Builder kind(CheckKind kind) {
            this.kind = requireNonNull(kind, "kind");
            return this;
        }

        /**
         * Sets how much the check weighs; {@link Criticality#CRITICAL} by default.
         *
         * @param criticality the criticality
         * @return this builder
         */
        public Builder criticality(Criticality criticality) {
            this.criticality = requireNonNull(criticality, "criticality");
            return this;
        }

        /**
         * Sets the component the check is about; none by default.
         *
         * @param component the component's name
         * @return this builder
         */
        public Builder component(String component) {
            this.component = Optional.of(requireNonNull(component, "component"));
            return this;
        }

        /**
         * Adds a tag.
         *
         * @param tag the tag, lowercase words joined by {@code .} or {@code -}
         * @return this builder
         */
        public Builder addTag(String tag) {
            tags.add(requireNonNull(tag, "tag"));
            return this;
        }

        /**
         * Sets the time between runs while healthy; {@link CheckSpec#DEFAULT_INTERVAL} by default.
         *
         * @param interval the interval
         * @return this builder
         */
        public Builder interval(Duration interval) {
            this.interval = requireNonNull(interval, "interval");
            return this;
        }

        /**
         * Sets the time between runs while not healthy; {@link CheckSpec#DEFAULT_UNHEALTHY_INTERVAL} by
         * default.
         *
         * @param unhealthyInterval the interval
         * @return this builder
         */
        public Builder unhealthyInterval(Duration unhealthyInterval) {
            this.unhealthyInterval = requireNonNull(unhealthyInterval, "unhealthyInterval");
            return this;
        }

        /**
         * Sets how long one run may take; {@link CheckSpec#DEFAULT_TIMEOUT} by default.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Sets the consecutive DOWN results that turn the check DOWN; {@value
         * CheckSpec#DEFAULT_FAILURE_THRESHOLD} by default.
         *
         * @param failureThreshold the threshold
         * @return this builder
         */
        public Builder failureThreshold(int failureThreshold) {
            this.failureThreshold = failureThreshold;
            return this;
        }

        /**
         * Sets the consecutive UP results that turn the check UP again; {@value
         * CheckSpec#DEFAULT_SUCCESS_THRESHOLD} by default.
         *
         * @param successThreshold the threshold
         * @return this builder
         */
        public Builder successThreshold(int successThreshold) {
            this.successThreshold = successThreshold;
            return this;
        }

        /**
         * Builds the spec.
         *
         * @return the spec
         * @throws IllegalArgumentException if a part is invalid
         */
        public CheckSpec build() {
            return new CheckSpec(
                    name,
                    kind,
                    criticality,
                    component,
                    tags,
                    interval,
                    unhealthyInterval,
                    timeout,
                    failureThreshold,
                    successThreshold);
        }
    }
}
