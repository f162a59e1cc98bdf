package dev.armature.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the orchestrator needs to know about a component: its name, what it depends on, whether it
 * is optional or essential, its timeouts and its restart policy.
 *
 * <pre>{@code
 * ComponentDescriptor.builder("session-manager")
 *     .dependsOn("model-gateway", "tool-runner")
 *     .startTimeout(Duration.ofSeconds(10))
 *     .build();
 * }</pre>
 *
 * @param name the unique, non-blank name
 * @param dependsOn hard dependencies: this component starts only after each is running, stops
 *     before each stops, and is stopped when one of them fails for good
 * @param after soft dependencies that order the start only: this component starts after each has
 *     settled (running or failed), and a name no component has is ignored
 * @param optional whether the system still starts when this component fails to start; the system
 *     then reports itself DEGRADED
 * @param startTimeout how long {@code start} may run before it is interrupted and the component
 *     fails
 * @param stopTimeout how long {@code stop} may run before it is interrupted and reported as timed
 *     out
 * @param restartPolicy how the supervisor treats failures while running
 * @param essential whether the component keeps running in {@linkplain
 *     dev.armature.api.resilience.Emergency safe mode}; an essential component may depend only on
 *     essential ones
 * @since 0.1
 */
public record ComponentDescriptor(
        String name,
        List<String> dependsOn,
        List<String> after,
        boolean optional,
        Duration startTimeout,
        Duration stopTimeout,
        RestartPolicy restartPolicy,
        boolean essential) {
    /** The default start timeout: 30 seconds. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

    /** The default stop timeout: 10 seconds. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Checks the name, the dependency lists and the timeouts, and copies the lists.
     *
     * @param name the unique, non-blank name
     * @param dependsOn hard dependencies
     * @param after soft dependencies
     * @param optional whether a failed start still lets the system start
     * @param startTimeout the start timeout; positive
     * @param stopTimeout the stop timeout; positive
     * @param restartPolicy the restart policy
     * @param essential whether it keeps running in safe mode
     */
    public ComponentDescriptor {
        checkName(name, "component name");
        dependsOn = checkNames(name, dependsOn, "dependsOn");
        after = checkNames(name, after, "after");
        checkPositive(startTimeout, "startTimeout");
        checkPositive(stopTimeout, "stopTimeout");
        requireNonNull(restartPolicy, "restartPolicy");
    }

    /**
     * Creates an essential descriptor, as before there was safe mode.
     *
     * @param name the unique, non-blank name
     * @param dependsOn hard dependencies
     * @param after soft dependencies
     * @param optional whether a failed start still lets the system start
     * @param startTimeout the start timeout; positive
     * @param stopTimeout the stop timeout; positive
     * @param restartPolicy the restart policy
     */
    public ComponentDescriptor(
            String name,
            List<String> dependsOn,
            List<String> after,
            boolean optional,
            Duration startTimeout,
            Duration stopTimeout,
            RestartPolicy restartPolicy) {
        this(name, dependsOn, after, optional, startTimeout, stopTimeout, restartPolicy, true);
    }

    /**
     * Returns a builder for a component with the given name and every default.
     *
     * @param name the unique, non-blank name
     * @return a new builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Returns a descriptor with the given hard dependencies and every default.
     *
     * @param name the unique, non-blank name
     * @param dependsOn the names it depends on
     * @return the descriptor
     */
    public static ComponentDescriptor of(String name, String... dependsOn) {
        return builder(name).dependsOn(dependsOn).build();
    }

    /**
     * Returns a builder that starts from this descriptor.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.dependsOn.addAll(dependsOn);
        b.after.addAll(after);
        b.optional = optional;
        b.startTimeout = startTimeout;
        b.stopTimeout = stopTimeout;
        b.restartPolicy = restartPolicy;
        b.essential = essential;
        return b;
    }

    private static void checkName(String name, String what) {
        requireNonNull(name, what);
        if (name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    private static List<String> checkNames(String owner, List<String> names, String field) {
        requireNonNull(names, field);
        Set<String> seen = new LinkedHashSet<>();
        for (String n : names) {
            checkName(n, "a name in " + field + " of component '" + owner + "'");
            if (n.equals(owner)) {
                throw new IllegalArgumentException("component '" + owner + "' cannot list itself in " + field);
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException("component '" + owner + "' lists '" + n + "' twice in " + field);
            }
        }
        return List.copyOf(names);
    }

    private static void checkPositive(Duration d, String field) {
        requireNonNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + d);
        }
    }

    /**
     * Builds a {@link ComponentDescriptor}. Not thread-safe; reached through {@link
     * ComponentDescriptor#builder(String)}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final String name;
        private final List<String> dependsOn = new ArrayList<>();
        private final List<String> after = new ArrayList<>();
        private boolean optional;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private RestartPolicy restartPolicy = RestartPolicy.DEFAULT;
        private boolean essential = true;

        Builder(String name) {
            checkName(name, "component name");
            this.name = name;
        }

        /**
         * Adds hard dependencies.
         *
         * @param names the names of components this one needs running
         * @return this builder
         */
        public Builder dependsOn(String... names) {
            for (String n : requireNonNull(names, "names")) {
                dependsOn.add(requireNonNull(n, "a dependsOn name"));
            }
            return this;
        }

        /**
         * Adds soft dependencies, which order the start only.
         *
         * @param names the names of components to start after
         * @return this builder
         */
        public Builder after(String... names) {
            for (String n : requireNonNull(names, "names")) {
                after.add(requireNonNull(n, "an after name"));
            }
            return this;
        }

        /**
         * Sets whether the component is optional; {@code false} by default.
         *
         * @param optional whether a failed start still lets the system start
         * @return this builder
         */
        public Builder optional(boolean optional) {
            this.optional = optional;
            return this;
        }

        /**
         * Sets whether the component keeps running in safe mode; {@code true} by default. Mark
         * what the agent can do without — indexing, telemetry uploads, background tools — as not
         * essential.
         *
         * @param essential whether it keeps running in safe mode
         * @return this builder
         */
        public Builder essential(boolean essential) {
            this.essential = essential;
            return this;
        }

        /**
         * Sets the start timeout; {@link #DEFAULT_START_TIMEOUT} by default.
         *
         * @param timeout the timeout, positive
         * @return this builder
         */
        public Builder startTimeout(Duration timeout) {
            checkPositive(timeout, "startTimeout");
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Sets the stop timeout; {@link #DEFAULT_STOP_TIMEOUT} by default.
         *
         * @param timeout the timeout, positive
         * @return this builder
         */
        public Builder stopTimeout(Duration timeout) {
            checkPositive(timeout, "stopTimeout");
            this.stopTimeout = timeout;
            return this;
        }

        /**
         * Sets the restart policy; {@link RestartPolicy#DEFAULT} by default.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder restartPolicy(RestartPolicy policy) {
            this.restartPolicy = requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Builds the descriptor.
         *
         * @return the descriptor
         * @throws IllegalArgumentException if a dependency list names a component twice or names
         *     this component
         */
        public ComponentDescriptor build() {
            return new ComponentDescriptor(
                    name, dependsOn, after, optional, startTimeout, stopTimeout, restartPolicy, essential);
        }
    }
}
