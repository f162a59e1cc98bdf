package dev.armature.api.resilience;

/**
 * An operation that a {@link Guard} runs and that returns a value.
 *
 * @param <T> the type of the value
 * @since 0.1
 */
@FunctionalInterface
public interface GuardedCall<T> {
    /**
     * Performs the operation.
     *
     * @return the value
     * @throws Exception when the operation fails
     */
    T call() throws Exception;
}
