package dev.armature.core.internal.resilience;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Internal: what recovery and safe mode impose on the guards of one name, keyed ones included — a
 * forced-open circuit, an answer for failed calls, and the last good value that answer may be.
 * Read on every call, so each is one volatile read; written rarely. Thread-safe.
 */
final class GuardOverrides {
    /** Whether calls should keep the value of their last success, for a last-good fallback. */
    volatile boolean rememberLastGood;

    /** Why the circuit is forced open; null when it is not. */
    volatile @Nullable String forcedOpen;

    /** The answer to a failed call while a recovery's fallback is in force; null otherwise. */
    volatile @Nullable Function<Throwable, ?> answer;

    private final AtomicReference<@Nullable Object> lastGood = new AtomicReference<>();

    void succeeded(@Nullable Object value) {
        if (rememberLastGood && value != null) {
            lastGood.lazySet(value);
        }
    }

    @Nullable
    Object lastGood() {
        return lastGood.get();
    }
}
