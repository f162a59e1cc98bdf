package dev.armature.core.internal.resilience;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Internal: the retry budget every caller of one guard shares, a token bucket as gRPC's retry
 * throttling keeps it. It starts full; each failed attempt takes a token, each successful one
 * returns {@code tokenRatio}; retries are allowed only while more than half the tokens are left. So a
 * dead dependency sees about {@code maxTokens / 2} retries in all, not callers × attempts. Tokens
 * are held in thousandths, as gRPC does, so that the ratio needs no floating-point state.
 * Thread-safe and lock-free.
 */
final class RetryBudget {
    private static final int SCALE = 1000;

    private final int max;
    private final int threshold;
    private final int ratio;
    private final AtomicInteger tokens;
    /** True from the retry the budget refused until it allows one again: one event per episode. */
    private final AtomicBoolean exhausted = new AtomicBoolean();

    RetryBudget(GuardSettings.Budget settings) {
        this.max = settings.maxTokens() * SCALE;
        this.threshold = max / 2;
        this.ratio = (int) Math.round(settings.tokenRatio() * SCALE);
        this.tokens = new AtomicInteger(max);
    }

    /** Counts a failed attempt. */
    void onFailure() {
        tokens.getAndUpdate(t -> Math.max(0, t - SCALE));
    }

    /** Counts a successful attempt; a full bucket is left untouched, so successes do not contend on it. */
    void onSuccess() {
        if (ratio > 0 && tokens.get() < max) {
            tokens.getAndUpdate(t -> Math.min(max, t + ratio));
        }
    }

    /**
     * Asks for a retry.
     *
     * @return whether it is allowed
     */
    boolean allowsRetry() {
        boolean allowed = tokens.get() > threshold;
        if (allowed && exhausted.get()) {
            exhausted.set(false);
        }
        return allowed;
    }

    /** Returns true once per exhaustion episode: for the first refused retry after an allowed one. */
    boolean startsExhaustion() {
        return exhausted.compareAndSet(false, true);
    }

    double tokens() {
        return tokens.get() / (double) SCALE;
    }

    double maxTokens() {
        return max / (double) SCALE;
    }
}
