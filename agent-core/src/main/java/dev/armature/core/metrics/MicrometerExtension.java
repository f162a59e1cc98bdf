package dev.armature.core.metrics;

import static java.util.Objects.requireNonNull;

import dev.armature.spi.SystemExtension;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Gives a system the host's Micrometer registry, so that Armature's meters appear beside the host's
 * own. Without it, the system keeps its meters in a registry of its own, reachable through {@code
 * system.service(MeterRegistry.class)}.
 *
 * <pre>{@code
 * AgentSystem.builder()
 *     .extension(MicrometerExtension.registry(prometheusRegistry).withInstance("agent-7"))
 *     .build();
 * }</pre>
 *
 * <p>Armature adds two filters to the registry, both limited to meters named {@code armature.*}:
 * the common tags {@code application} (the system's name) and {@code instance}, and a cardinality
 * guard that folds the values of a tag beyond {@link #maxTagValues()} into {@code OTHER} and counts
 * them in {@code armature.metrics.cardinality.overflow}. Immutable.
 *
 * @since 0.1
 */
public final class MicrometerExtension implements SystemExtension {
    /** The default number of distinct values a tag may take per meter name before folding. */
    public static final int DEFAULT_MAX_TAG_VALUES = 100;

    private final MeterRegistry registry;
    private final @Nullable String instance;
    private final int maxTagValues;

    private MicrometerExtension(MeterRegistry registry, @Nullable String instance, int maxTagValues) {
        this.registry = registry;
        this.instance = instance;
        this.maxTagValues = maxTagValues;
    }

    /**
     * Returns an extension that records Armature's meters in the host's registry.
     *
     * @param registry the host's registry
     * @return the extension
     */
    public static MicrometerExtension registry(MeterRegistry registry) {
        return new MicrometerExtension(requireNonNull(registry, "registry"), null, DEFAULT_MAX_TAG_VALUES);
    }

    /**
     * Returns a copy whose {@code instance} tag has this value; by default it is {@code local}.
     *
     * @param instance a non-blank name for this process, such as a pod name
     * @return the new extension
     */
    public MicrometerExtension withInstance(String instance) {
        requireNonNull(instance, "instance");
        if (instance.isBlank()) {
            throw new IllegalArgumentException("instance must not be blank");
        }
        return new MicrometerExtension(registry, instance, maxTagValues);
    }

    /**
     * Returns a copy with another cardinality limit; {@value #DEFAULT_MAX_TAG_VALUES} by default.
     *
     * @param maxTagValues distinct values per tag and meter name, at least 1
     * @return the new extension
     */
    public MicrometerExtension withMaxTagValues(int maxTagValues) {
        if (maxTagValues < 1) {
            throw new IllegalArgumentException("maxTagValues must be at least 1, was " + maxTagValues);
        }
        return new MicrometerExtension(registry, instance, maxTagValues);
    }

    /**
     * Returns the host's registry.
     *
     * @return the registry
     */
    public MeterRegistry meterRegistry() {
        return registry;
    }

    /**
     * Returns the {@code instance} tag's value, if the host chose one.
     *
     * @return the instance, or empty for the default
     */
    public Optional<String> instance() {
        return Optional.ofNullable(instance);
    }

    /**
     * Returns the number of distinct values a tag may take per meter name before folding.
     *
     * @return the limit
     */
    public int maxTagValues() {
        return maxTagValues;
    }
}
