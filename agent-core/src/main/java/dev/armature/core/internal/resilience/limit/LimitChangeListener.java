package dev.armature.core.internal.resilience.limit;

/**
 * Internal: told each time a {@link ConcurrencyLimit} moves.
 *
 * <p>Called on the thread that released the call whose sample moved the limit, while the
 * algorithm's lock is held, so that changes arrive in order and each {@code from} is the previous
 * {@code to}. Implementations must be quick, must not block and must not feed samples back into the
 * same limit.
 */
@FunctionalInterface
public interface LimitChangeListener {
    /**
     * Receives one change of the limit.
     *
     * @param from the limit before
     * @param to the limit after; never equal to {@code from}
     */
    void limitChanged(int from, int to);
}
