package dev.armature.core.internal.resilience;

import java.util.LinkedHashMap;
import java.util.Map;
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

    /** Why the circuit is forced open (the first holder's reason); null when nobody holds it. */
    volatile @Nullable String forcedOpen;

    /**
     * Who holds the circuit open, and why, in the order they took hold; guarded by this object.
     * Each holder (safe mode, a runbook) releases only its own hold, so one cannot undo another's.
     */
    private final Map<String, String> holders = new LinkedHashMap<>();

    /** Takes a holder's hold, and says whether that forced the circuit open or joined other holders. */
    synchronized Hold hold(String holder, String reason) {
        if (holders.containsKey(holder)) {
            return Hold.ALREADY_HELD;
        }
        boolean first = holders.isEmpty();
        holders.put(holder, reason);
        forcedOpen = holders.values().iterator().next();
        return first ? Hold.FORCED : Hold.JOINED;
    }

    /** Releases a holder's hold. */
    synchronized Hold release(String holder) {
        if (holders.remove(holder) == null) {
            return Hold.ALREADY_HELD;
        }
        forcedOpen = holders.isEmpty() ? null : holders.values().iterator().next();
        return holders.isEmpty() ? Hold.FORCED : Hold.JOINED;
    }

    /** What a {@link #hold} or {@link #release} did. */
    enum Hold {
        /** Nothing: the holder held it already (hold) or did not (release). */
        ALREADY_HELD,
        /** The circuit moved into (hold) or out of (release) being forced open. */
        FORCED,
        /** The holder joined or left, and others still hold it. */
        JOINED
    }

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
