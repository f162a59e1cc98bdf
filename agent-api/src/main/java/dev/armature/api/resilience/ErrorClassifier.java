package dev.armature.api.resilience;

import java.util.Optional;

/**
 * A rule that classifies failures. Guards ask the host's and plugins' rules in the order they were
 * added, then the built-in ones; the first that answers decides. An unclassified failure is
 * {@link ErrorClass#TRANSIENT}.
 *
 * <p>Implementations must be thread-safe and quick: they run on every failed call.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ErrorClassifier {
    /**
     * Classifies a failure, or passes it on.
     *
     * @param error the failure, as the operation threw it
     * @return its classification, or empty to let the next rule decide
     */
    Optional<Classification> classify(Throwable error);
}
